use super::super::analyze::WeekFacts;
use super::{Standing, num, off_middle, posts, range};

/// Percent of the week's posts in `categories` between `min` and `max`. An empty
/// week holds.
pub(super) fn check(
    week: &WeekFacts,
    categories: &[String],
    min: Option<f64>,
    max: Option<f64>,
) -> Option<(String, String)> {
    let inside = week.count_in(categories);
    let total = week.total();
    if holds(inside, total, min, max) {
        return None;
    }
    let name = week.names(categories);
    let pct = f64::from(inside) * 100.0 / f64::from(total);
    let message = format!(
        "{} of {} posts are {name} ({}%), target {}%",
        inside,
        total,
        num(pct.round()),
        range(min, max)
    );
    let fix = smallest_fix(inside, total, min, max)
        .map(|(add_in, add_out)| {
            if add_in > 0 {
                format!("add {}", posts(add_in, &name))
            } else {
                if add_out == 1 {
                    "add 1 post of another category".to_string()
                } else {
                    format!("add {add_out} posts of other categories")
                }
            }
        })
        .unwrap_or_else(|| format!("change the number of {name} posts"));
    Some((message, fix))
}

pub(crate) fn holds(inside: u32, total: u32, min: Option<f64>, max: Option<f64>) -> bool {
    if total == 0 {
        return true;
    }
    let pct = f64::from(inside) * 100.0 / f64::from(total);
    min.is_none_or(|lo| pct >= lo - 1e-9) && max.is_none_or(|hi| pct <= hi + 1e-9)
}

/// The fewest added posts, inside or outside the set, that bring the share into range.
fn smallest_fix(inside: u32, total: u32, min: Option<f64>, max: Option<f64>) -> Option<(u32, u32)> {
    for cost in 1..=500u32 {
        if holds(inside + cost, total + cost, min, max) {
            return Some((cost, 0));
        }
        if holds(inside, total + cost, min, max) {
            return Some((0, cost));
        }
    }
    None
}

pub(super) fn stand(inside: u32, total: u32, min: Option<f64>, max: Option<f64>) -> Standing {
    let pct = if total == 0 {
        // An empty week holds; count it as the middle.
        return Standing {
            holds: true,
            off_middle: 0.0,
        };
    } else {
        f64::from(inside) * 100.0 / f64::from(total)
    };
    Standing {
        holds: holds(inside, total, min, max),
        off_middle: off_middle(pct, min.unwrap_or(0.0), max.unwrap_or(100.0)),
    }
}

/// "25–40% business or contest posts".
pub(super) fn target(name: &str, min: Option<f64>, max: Option<f64>) -> String {
    format!("{}% {name} posts", range(min, max))
}

/// "2 of 7 posts are business (29%), target 25–40%".
pub(super) fn standing(
    inside: u32,
    total: u32,
    name: &str,
    min: Option<f64>,
    max: Option<f64>,
) -> String {
    let pct = if total == 0 {
        0.0
    } else {
        f64::from(inside) * 100.0 / f64::from(total)
    };
    format!(
        "{inside} of {total} posts are {name} ({}%), target {}%",
        num(pct.round()),
        range(min, max)
    )
}
