use super::super::analyze::WeekFacts;
use super::{Standing, num, off_middle, posts};

/// `of` posts per `per` post between `min` and `max`. A week with neither holds;
/// a week with `of` posts but no `per` post is off the scale.
pub(super) fn check(
    week: &WeekFacts,
    of: &[String],
    per: &[String],
    min: f64,
    max: f64,
) -> Option<(String, String)> {
    let a = week.count_in(of);
    let b = week.count_in(per);
    if holds(a, b, min, max) {
        return None;
    }
    let of_name = week.names(of);
    let per_name = week.names(per);
    let target = super::range(Some(min), Some(max));
    let message = if b == 0 {
        format!(
            "{} and no {per_name} post: the target is {target} {of_name} per {per_name} post",
            posts(a, &of_name)
        )
    } else {
        let ratio = f64::from(a) / f64::from(b);
        format!(
            "{} per {} is {} per {per_name} post, target {target}",
            posts(a, &of_name),
            posts(b, &per_name),
            trim(ratio)
        )
    };
    let fix = smallest_fix(a, b, min, max)
        .map(|(da, db)| describe(da, db, &of_name, &per_name))
        .unwrap_or_else(|| {
            format!("change the {of_name} and {per_name} posts to match the target")
        });
    Some((message, fix))
}

fn trim(v: f64) -> String {
    let s = format!("{v:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s.is_empty() { num(v) } else { s.to_string() }
}

pub(crate) fn holds(a: u32, b: u32, min: f64, max: f64) -> bool {
    if b == 0 {
        return a == 0;
    }
    let r = f64::from(a) / f64::from(b);
    r >= min - 1e-9 && r <= max + 1e-9
}

/// The fewest posts to add (preferred) or, when no addition can help, to remove.
/// Adding is preferred because a week being planned fills up over time.
fn smallest_fix(a: u32, b: u32, min: f64, max: f64) -> Option<(i64, i64)> {
    const LIMIT: u32 = 200;
    let adding = (1..=LIMIT).find_map(|cost| {
        (0..=cost)
            .map(|da| (da, cost - da))
            .find(|&(da, db)| holds(a + da, b + db, min, max))
    });
    if let Some((da, db)) = adding {
        return Some((i64::from(da), i64::from(db)));
    }
    (1..=a + b).find_map(|cost| {
        (0..=cost.min(a))
            .map(|da| (da, cost - da))
            .filter(|&(_, db)| db <= b)
            .find(|&(da, db)| holds(a - da, b - db, min, max))
            .map(|(da, db)| (-i64::from(da), -i64::from(db)))
    })
}

fn describe(da: i64, db: i64, of: &str, per: &str) -> String {
    let mut parts = Vec::new();
    for (d, name) in [(da, of), (db, per)] {
        if d > 0 {
            parts.push(format!("add {}", posts(d as u32, name)));
        } else if d < 0 {
            parts.push(format!("move {} to another week", posts((-d) as u32, name)));
        }
    }
    parts.join(" and ")
}

pub(super) fn stand(a: u32, b: u32, min: f64, max: f64) -> Standing {
    let off_middle = if b == 0 {
        // No ratio to speak of: level with an edge when both are absent, and
        // outside (worse the more `of` posts wait for a `per` post) otherwise.
        if a == 0 {
            0.5
        } else {
            1.0 + off_middle(f64::from(a), min, max)
        }
    } else {
        off_middle(f64::from(a) / f64::from(b), min, max)
    };
    Standing {
        holds: holds(a, b, min, max),
        off_middle,
    }
}

/// "4–5 everyday per business post".
pub(super) fn target(of: &str, per: &str, min: f64, max: f64) -> String {
    format!("{} {of} per {per} post", super::range(Some(min), Some(max)))
}

/// "5 everyday per business post, target 4–5".
pub(super) fn standing(a: u32, b: u32, of: &str, per: &str, min: f64, max: f64) -> String {
    let target = super::range(Some(min), Some(max));
    if b == 0 {
        format!(
            "{} and no {per} post, target {target} per {per} post",
            posts(a, of)
        )
    } else {
        let ratio = trim(f64::from(a) / f64::from(b));
        format!("{ratio} {of} per {per} post, target {target}")
    }
}
