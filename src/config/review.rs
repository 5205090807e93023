//! `[review]`: the thresholds behind the channel review's advice, and the
//! period it looks at when none is given. Each layer overrides only the keys it
//! names; the merged values are checked together, so a user who raises
//! `shrink_below` above the default `grow_from` hears about it at their line.

use serde::Deserialize;
use toml::Spanned;

use super::Origin;
use crate::diag::Diagnostic;

/// The review's thresholds, checked.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Thresholds {
    /// Weeks the review looks back over when no period is given.
    pub(crate) weeks: u32,
    /// Published posts a channel needs in the period before it is judged.
    pub(crate) min_posts: u32,
    /// A channel that posted in each of its last this many weeks of the
    /// period and heard nothing back is to be dropped.
    pub(crate) drop_silent_weeks: u32,
    /// Responses per hour spent below which a channel is to be dropped.
    pub(crate) drop_below: f64,
    /// Responses per hour below which a channel gets less time.
    pub(crate) shrink_below: f64,
    /// Responses per hour from which a channel deserves more time.
    pub(crate) grow_from: f64,
    /// Percent by which responses per hour must rise or fall between the
    /// period's halves to count as a trend.
    pub(crate) trend_change: f64,
}

/// The keys of `[review]`, each with whole numbers as `I` and rates as `F`:
/// as a layer writes them ([`Layer`]) and as the layers merge ([`Merged`]).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Table<I, F> {
    weeks: Option<I>,
    min_posts: Option<I>,
    drop_silent_weeks: Option<I>,
    drop_below: Option<F>,
    shrink_below: Option<F>,
    grow_from: Option<F>,
    trend_change: Option<F>,
}

impl<I, F> Default for Table<I, F> {
    fn default() -> Self {
        Table {
            weeks: None,
            min_posts: None,
            drop_silent_weeks: None,
            drop_below: None,
            shrink_below: None,
            grow_from: None,
            trend_change: None,
        }
    }
}

/// `[review]` as one layer writes it.
pub(super) type Layer = Table<Spanned<i64>, Spanned<f64>>;

/// The layers merged so far: each key from the last layer that set it.
pub(super) type Merged = Table<At<i64>, At<f64>>;

/// A value and where it was written.
#[derive(Debug, Clone)]
pub(super) struct At<T> {
    value: T,
    origin: Origin,
}

impl Merged {
    /// Lays `layer` over what is merged; `origin` turns a span into a place.
    pub(super) fn overlay(
        &mut self,
        layer: Layer,
        origin: &dyn Fn(std::ops::Range<usize>) -> Origin,
    ) {
        fn set<T>(
            slot: &mut Option<At<T>>,
            v: Option<Spanned<T>>,
            origin: &dyn Fn(std::ops::Range<usize>) -> Origin,
        ) {
            if let Some(v) = v {
                *slot = Some(At {
                    origin: origin(v.span()),
                    value: v.into_inner(),
                });
            }
        }
        set(&mut self.weeks, layer.weeks, origin);
        set(&mut self.min_posts, layer.min_posts, origin);
        set(&mut self.drop_silent_weeks, layer.drop_silent_weeks, origin);
        set(&mut self.drop_below, layer.drop_below, origin);
        set(&mut self.shrink_below, layer.shrink_below, origin);
        set(&mut self.grow_from, layer.grow_from, origin);
        set(&mut self.trend_change, layer.trend_change, origin);
    }

    /// The checked thresholds; every problem goes to `errors`. The built-in
    /// defaults set every key, so a missing one is the defaults' own mistake.
    pub(super) fn resolve(&self, errors: &mut Vec<Diagnostic>) -> Thresholds {
        let whole =
            |v: &Option<At<i64>>, name: &str, range: (i64, i64), errors: &mut Vec<Diagnostic>| {
                match v {
                    Some(At { value, .. }) if (range.0..=range.1).contains(value) => *value as u32,
                    Some(At { value, origin }) => {
                        errors.push(origin.diagnostic(format!("`{name}` is {value}")).with_help(
                            format!("write a whole number from {} to {}", range.0, range.1),
                        ));
                        range.0 as u32
                    }
                    None => {
                        errors.push(missing(name));
                        range.0 as u32
                    }
                }
            };
        let rate = |v: &Option<At<f64>>, name: &str, errors: &mut Vec<Diagnostic>| match v {
            Some(At { value, .. }) if value.is_finite() && *value >= 0.0 => *value,
            Some(At { value, origin }) => {
                errors.push(
                    origin
                        .diagnostic(format!("`{name}` is {value}"))
                        .with_help("write 0 or more, e.g. 2.5"),
                );
                0.0
            }
            None => {
                errors.push(missing(name));
                0.0
            }
        };
        let t = Thresholds {
            weeks: whole(&self.weeks, "weeks", (1, 520), errors),
            min_posts: whole(&self.min_posts, "min_posts", (1, 1000), errors),
            drop_silent_weeks: whole(
                &self.drop_silent_weeks,
                "drop_silent_weeks",
                (1, 520),
                errors,
            ),
            drop_below: rate(&self.drop_below, "drop_below", errors),
            shrink_below: rate(&self.shrink_below, "shrink_below", errors),
            grow_from: rate(&self.grow_from, "grow_from", errors),
            trend_change: rate(&self.trend_change, "trend_change", errors),
        };
        // Each verdict's band must follow the one below it.
        for (low, low_name, high, high_name, at) in [
            (
                t.drop_below,
                "drop_below",
                t.shrink_below,
                "shrink_below",
                self.later(&self.drop_below, &self.shrink_below),
            ),
            (
                t.shrink_below,
                "shrink_below",
                t.grow_from,
                "grow_from",
                self.later(&self.shrink_below, &self.grow_from),
            ),
        ] {
            if low > high
                && let Some(origin) = at
            {
                errors.push(
                    origin
                        .diagnostic(format!(
                            "`{low_name}` ({low}) is above `{high_name}` ({high})"
                        ))
                        .with_help(
                            "the review's bands run upwards: drop_below ≤ shrink_below ≤ grow_from responses per hour",
                        ),
                );
            }
        }
        t
    }

    /// Where the later of two settings was written: a clash is reported at the
    /// line the user changed, not at the default it contradicts.
    fn later(&self, a: &Option<At<f64>>, b: &Option<At<f64>>) -> Option<Origin> {
        let a = a.as_ref().map(|v| v.origin.clone());
        let b = b.as_ref().map(|v| v.origin.clone());
        match (a, b) {
            (Some(a), Some(b)) if b.path == super::BUILTIN_NAME => Some(a),
            (_, Some(b)) => Some(b),
            (a, None) => a,
        }
    }
}

fn missing(name: &str) -> Diagnostic {
    Diagnostic::whole_file(super::BUILTIN_NAME, format!("[review] has no `{name}`"))
}

#[cfg(test)]
mod tests {
    use crate::config::{BUILTIN_NAME, Config, DEFAULT_TOML};

    fn load(user: &str) -> Result<Config, String> {
        Config::from_layers(&[(BUILTIN_NAME, DEFAULT_TOML), ("user.toml", user)])
            .map_err(|e| e.to_string())
    }

    #[test]
    fn the_defaults_are_the_documented_ones() {
        let t = Config::builtin().unwrap().review;
        assert_eq!((t.weeks, t.min_posts, t.drop_silent_weeks), (8, 4, 6));
        assert_eq!((t.drop_below, t.shrink_below, t.grow_from), (0.5, 2.0, 6.0));
        assert_eq!(t.trend_change, 25.0);
    }

    #[test]
    fn a_user_layer_overrides_one_threshold() {
        let t = load("[review]\ngrow_from = 4\nweeks = 12\n")
            .unwrap()
            .review;
        assert_eq!((t.grow_from, t.weeks, t.shrink_below), (4.0, 12, 2.0));
    }

    #[test]
    fn bands_out_of_order_are_reported_at_the_users_line() {
        let e = load("[review]\n\nshrink_below = 9\n").unwrap_err();
        assert!(e.contains("user.toml:3:"), "{e}");
        assert!(
            e.contains("`shrink_below` (9) is above `grow_from` (6)"),
            "{e}"
        );
    }

    #[test]
    fn bad_values_and_misspelt_keys_are_errors_with_a_place() {
        let e = load("[review]\nweeks = 0\ndrop_below = -1\n").unwrap_err();
        assert!(e.contains("user.toml:2:9: `weeks` is 0"), "{e}");
        assert!(e.contains("user.toml:3:14: `drop_below` is -1"), "{e}");
        let e = load("[review]\ngrow_form = 3\n").unwrap_err();
        assert!(e.contains("did you mean `grow_from`?"), "{e}");
    }
}
