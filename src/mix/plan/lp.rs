//! A small linear programme, solved by the two-phase simplex method with
//! Bland's rule: the search's relaxation. Whether some fractional bundle meets
//! every constraint (if not, no whole one does) and how few changes it takes at
//! least. The programmes here have a few dozen variables and rows, so a dense
//! tableau is the simple choice.

/// How a row compares its left side to its right.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Cmp {
    AtMost,
    AtLeast,
    Equal,
}

#[derive(Debug, Clone)]
pub(super) struct Row {
    pub(crate) coefs: Vec<f64>,
    pub(crate) cmp: Cmp,
    pub(crate) rhs: f64,
}

const EPS: f64 = 1e-9;
/// Pivots before the solver gives up (and the caller assumes feasible).
const MOST_PIVOTS: usize = 500;

/// What a programme comes to.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Answer {
    /// No `x` meets every row.
    Infeasible,
    /// The least of the cost (`f64::NEG_INFINITY` when unbounded).
    Least(f64),
    /// The solver ran out of pivots: feasible as far as it knows, the least
    /// unknown.
    Unknown,
}

/// The least of `cost · x` over `x ≥ 0` meeting every row: `None` when no `x`
/// does; `Some(f64::NEG_INFINITY)` should the least be unbounded. When the
/// solver runs out of pivots it answers `Some(0.0)`: feasible as far as it
/// knows, which is the safe answer for a bound on a cost of 0 or more.
pub(super) fn minimize(cost: &[f64], rows: &[Row]) -> Option<f64> {
    match solve(cost, rows) {
        Answer::Infeasible => None,
        Answer::Least(v) => Some(v),
        Answer::Unknown => Some(0.0),
    }
}

/// [`minimize`], saying when it does not know.
pub(super) fn solve(cost: &[f64], rows: &[Row]) -> Answer {
    let n = cost.len();
    let m = rows.len();
    // Columns: the variables, one slack or surplus per inequality, one
    // artificial per ≥ or = row, then the right-hand side.
    let mut slack_of = vec![None; m];
    let mut art_of = vec![None; m];
    let mut cols = n;
    let rows: Vec<Row> = rows
        .iter()
        .map(|r| {
            if r.rhs < 0.0 {
                Row {
                    coefs: r.coefs.iter().map(|c| -c).collect(),
                    cmp: match r.cmp {
                        Cmp::AtMost => Cmp::AtLeast,
                        Cmp::AtLeast => Cmp::AtMost,
                        Cmp::Equal => Cmp::Equal,
                    },
                    rhs: -r.rhs,
                }
            } else {
                r.clone()
            }
        })
        .collect();
    for (i, r) in rows.iter().enumerate() {
        if r.cmp != Cmp::Equal {
            slack_of[i] = Some(cols);
            cols += 1;
        }
    }
    for (i, r) in rows.iter().enumerate() {
        if r.cmp != Cmp::AtMost {
            art_of[i] = Some(cols);
            cols += 1;
        }
    }
    let width = cols + 1;
    let mut t = vec![0.0; m * width];
    let mut basis = vec![0usize; m];
    for (i, r) in rows.iter().enumerate() {
        let row = &mut t[i * width..(i + 1) * width];
        row[..n].copy_from_slice(&r.coefs);
        if let Some(s) = slack_of[i] {
            row[s] = if r.cmp == Cmp::AtMost { 1.0 } else { -1.0 };
        }
        if let Some(a) = art_of[i] {
            row[a] = 1.0;
            basis[i] = a;
        } else if let Some(s) = slack_of[i] {
            basis[i] = s;
        }
        row[cols] = r.rhs;
    }
    let artificial = |c: usize| art_of.contains(&Some(c));

    // Phase 1: drive the artificials out.
    let mut phase1 = vec![0.0; cols];
    for a in art_of.iter().flatten() {
        phase1[*a] = 1.0;
    }
    let mut tab = Tableau {
        t,
        width,
        m,
        cols,
        basis,
    };
    match tab.optimise(&phase1, &|_| true) {
        // Phase 1 is bounded below by 0, so only the pivots can run out.
        None | Some(false) => return Answer::Unknown,
        Some(true) => {}
    }
    if tab.value(&phase1) > 1e-7 {
        return Answer::Infeasible;
    }
    // Drive any artificial left in the basis (at zero) out, so that phase 2
    // cannot raise it; a row with no other column is redundant and stays.
    for i in 0..m {
        if artificial(tab.basis[i])
            && let Some(j) = (0..cols).find(|&j| !artificial(j) && tab.at(i, j).abs() > EPS)
        {
            tab.pivot(i, j);
        }
    }
    // Phase 2 over the real columns; artificials may not re-enter.
    let mut phase2 = vec![0.0; cols];
    phase2[..n].copy_from_slice(cost);
    match tab.optimise(&phase2, &|c| !artificial(c)) {
        None => Answer::Least(f64::NEG_INFINITY),
        Some(false) => Answer::Unknown,
        Some(true) => Answer::Least(tab.value(&phase2)),
    }
}

struct Tableau {
    t: Vec<f64>,
    width: usize,
    m: usize,
    cols: usize,
    basis: Vec<usize>,
}

impl Tableau {
    fn at(&self, i: usize, j: usize) -> f64 {
        self.t[i * self.width + j]
    }

    fn value(&self, cost: &[f64]) -> f64 {
        (0..self.m)
            .map(|i| cost[self.basis[i]] * self.at(i, self.cols))
            .sum()
    }

    /// Minimises `cost` from the current basis: `Some(true)` at the optimum,
    /// `None` when unbounded, `Some(false)` when out of pivots. The reduced
    /// costs are kept as a row and updated with each pivot.
    fn optimise(&mut self, cost: &[f64], allowed: &dyn Fn(usize) -> bool) -> Option<bool> {
        let w = self.width;
        let mut reduced: Vec<f64> = (0..self.cols)
            .map(|j| {
                cost[j]
                    - (0..self.m)
                        .map(|i| cost[self.basis[i]] * self.t[i * w + j])
                        .sum::<f64>()
            })
            .collect();
        for _ in 0..MOST_PIVOTS {
            // Bland: the first column that improves enters.
            let Some(j) = (0..self.cols).find(|&j| reduced[j] < -EPS && allowed(j)) else {
                return Some(true);
            };
            // Ratio test; Bland: the lowest basis index among ties leaves.
            let mut leave: Option<(f64, usize)> = None;
            for i in 0..self.m {
                let a = self.at(i, j);
                if a > EPS {
                    let ratio = self.at(i, self.cols) / a;
                    let better = match leave {
                        None => true,
                        Some((r, l)) => {
                            ratio < r - EPS || (ratio < r + EPS && self.basis[i] < self.basis[l])
                        }
                    };
                    if better {
                        leave = Some((ratio, i));
                    }
                }
            }
            let (_, r) = leave?;
            self.pivot(r, j);
            let f = reduced[j];
            for (k, x) in reduced.iter_mut().enumerate() {
                *x -= f * self.t[r * w + k];
            }
        }
        Some(false)
    }

    fn pivot(&mut self, r: usize, c: usize) {
        let w = self.width;
        let p = self.t[r * w + c];
        for x in &mut self.t[r * w..(r + 1) * w] {
            *x /= p;
        }
        for i in 0..self.m {
            if i == r {
                continue;
            }
            let f = self.t[i * w + c];
            if f.abs() > 0.0 {
                for j in 0..w {
                    self.t[i * w + j] -= f * self.t[r * w + j];
                }
            }
        }
        self.basis[r] = c;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(coefs: &[f64], cmp: Cmp, rhs: f64) -> Row {
        Row {
            coefs: coefs.to_vec(),
            cmp,
            rhs,
        }
    }

    #[test]
    fn a_small_programme_has_its_known_least() {
        // min x + y with x + 2y ≥ 4, 3x + y ≥ 6: the least is at (1.6, 1.2).
        let rows = [
            row(&[1.0, 2.0], Cmp::AtLeast, 4.0),
            row(&[3.0, 1.0], Cmp::AtLeast, 6.0),
        ];
        let v = minimize(&[1.0, 1.0], &rows).unwrap();
        assert!((v - 2.8).abs() < 1e-9, "{v}");
    }

    #[test]
    fn contradicting_rows_have_no_solution() {
        let rows = [
            row(&[1.0, 1.0], Cmp::AtMost, 2.0),
            row(&[1.0, 1.0], Cmp::AtLeast, 3.0),
        ];
        assert_eq!(minimize(&[0.0, 0.0], &rows), None);
    }

    #[test]
    fn equalities_and_negative_right_sides_are_read() {
        // x + y = 5, x - y ≤ -1 (so y ≥ x + 1), min x: x = 0.
        let rows = [
            row(&[1.0, 1.0], Cmp::Equal, 5.0),
            row(&[1.0, -1.0], Cmp::AtMost, -1.0),
        ];
        assert_eq!(minimize(&[1.0, 0.0], &rows), Some(0.0));
        // and min -x: x = 2.
        let v = minimize(&[-1.0, 0.0], &rows).unwrap();
        assert!((v + 2.0).abs() < 1e-9, "{v}");
    }
}
