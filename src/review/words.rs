//! Every sentence of the channel review, and its one way of rounding: minutes
//! under an hour as minutes, more as hours to one decimal; rates to one
//! decimal. `mixcal review` and the calendar's review screen both speak
//! through here. Channel and partner names are the user's text: whoever puts a
//! sentence on a terminal escapes it (`crate::shown`).

use super::{Channel, Direction, Partner, Reason, Review, Trend, Verdict};
use crate::config::Config;

/// `45 min`, `4 h`, `4.2 h`.
pub fn duration(minutes: u32) -> String {
    if minutes < 60 {
        return format!("{minutes} min");
    }
    let tenths = (u64::from(minutes) * 10 + 30) / 60;
    if tenths % 10 == 0 {
        format!("{} h", tenths / 10)
    } else {
        format!("{}.{} h", tenths / 10, tenths % 10)
    }
}

/// `0.3`, `4`, `10.3`.
pub(crate) fn number(v: f64) -> String {
    let tenths = (v * 10.0).round();
    if tenths % 10.0 == 0.0 {
        format!("{:.0}", tenths / 10.0)
    } else {
        format!("{:.1}", tenths / 10.0)
    }
}

fn plural(n: u32, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The channel as the review names it.
pub fn channel_name(c: &Channel) -> &str {
    c.name.as_deref().unwrap_or("no channel")
}

/// `↑ +60%`, `↓ -40%`, `→ steady`, `↑ from none`, `–` when there is no trend.
pub(crate) fn trend(t: Option<&Trend>) -> String {
    let Some(t) = t else {
        return "–".into();
    };
    match (t.direction, t.change()) {
        (Direction::Steady, _) => "→ steady".into(),
        (_, None) => "↑ from none".into(),
        (Direction::Rising, Some(c)) => format!("↑ +{:.0}%", c.round()),
        (Direction::Falling, Some(c)) => format!("↓ {:.0}%", c.round()),
    }
}

/// The channel's own mix by category letters, those it used: `E9 B2 P1`.
pub(crate) fn mix(c: &Channel, config: &Config) -> String {
    let parts: Vec<String> = c
        .mix
        .iter()
        .filter(|(_, n)| **n > 0)
        .map(|(key, n)| {
            let letter = config.category(key).map_or('?', |c| c.letter);
            format!("{letter}{n}")
        })
        .collect();
    parts.join(" ")
}

/// One channel's advice with the numbers behind it:
/// *LinkedIn: 9 h over 8 weeks, 3 responses (0.3 an hour) → consider dropping it*.
pub(crate) fn advice(c: &Channel, review: &Review) -> String {
    let t = &c.total;
    let name = channel_name(c);
    let weeks = review.weeks.len() as u32;
    let over = format!(
        "{} over {}",
        duration(t.minutes),
        plural(weeks, "week", "weeks")
    );
    let responses = plural(t.responses, "response", "responses");
    let unlogged = match t.unlogged() {
        0 => String::new(),
        n => format!(", {} not logged", plural(n, "post", "posts")),
    };
    let rate = t.per_hour().map(|r| format!(" ({} an hour)", number(r)));
    match (c.judgement.verdict, c.judgement.reason) {
        (_, Reason::TooFew { needed }) => format!(
            "{name}: {}, {}, {responses} → too few to judge yet ({needed} published posts needed)",
            plural(t.posts, "post", "posts"),
            duration(t.minutes),
        ),
        (_, Reason::Unlogged) => format!(
            "{name}: {}, {over}, no responses logged → log them (p in the calendar) to see what it brings",
            plural(t.posts, "post", "posts"),
        ),
        (_, Reason::Silent { weeks }) => format!(
            "{name}: {over}, {responses}{unlogged}, none in the last {} → consider dropping it",
            plural(weeks, "week", "weeks")
        ),
        (_, Reason::NoTime) => {
            format!("{name}: {responses}{unlogged}, no time logged for them → keep it")
        }
        (Some(v), reason) => {
            let what = match (v, reason) {
                (Verdict::Grow, Reason::Best) => "the best use of your time",
                (Verdict::Grow, _) => "worth more of your time",
                (Verdict::Keep, _) => "keep it as it is",
                (Verdict::Shrink, _) => "give it less time",
                (Verdict::Drop, _) => "consider dropping it",
            };
            format!(
                "{name}: {over}, {responses}{}{unlogged} → {what}",
                rate.unwrap_or_default()
            )
        }
        (None, _) => format!("{name}: {over}, {responses}"),
    }
}

/// The period: `28 Sep – 25 Nov 2026 (9 weeks)`.
pub fn period(review: &Review) -> String {
    let (from, to) = (review.span.from, review.span.to);
    let start = if from.format("%Y").to_string() == to.format("%Y").to_string() {
        from.format("%-d %b").to_string()
    } else {
        from.format("%-d %b %Y").to_string()
    };
    format!(
        "{start} – {} ({})",
        to.format("%-d %b %Y"),
        plural(review.weeks.len() as u32, "week", "weeks")
    )
}

/// The weeks over the budget the closing line names, at most.
const MOST_WEEKS: usize = 6;

/// The closing line: time per week against the budget.
pub(crate) fn time(review: &Review) -> String {
    let average = duration(review.average_minutes());
    let weeks = plural(review.weeks.len() as u32, "week", "weeks");
    let Some(budget) = review.budget else {
        return format!(
            "Time: {average} a week on average over {weeks}; no budget rule sets a limit"
        );
    };
    let over = review.over_budget();
    let against = format!(
        "Time: {average} a week on average over {weeks}, against a budget of {}",
        duration(budget)
    );
    if over.is_empty() {
        return format!("{against}; within it every week");
    }
    // The worst weeks first when there are many; a few in calendar order.
    let mut shown: Vec<&(crate::domain::Week, u32)> = over.iter().collect();
    if shown.len() > MOST_WEEKS {
        shown.sort_by_key(|(w, m)| (std::cmp::Reverse(*m), *w));
        shown.truncate(MOST_WEEKS);
    }
    let mut list: Vec<String> = shown
        .iter()
        .map(|(w, m)| format!("{w} {}", duration(*m)))
        .collect();
    if over.len() > MOST_WEEKS {
        list.push(format!("and {} more", over.len() - MOST_WEEKS));
    }
    let most = if over.len() > MOST_WEEKS {
        " (most first)"
    } else {
        ""
    };
    format!(
        "{against}; over it in {} of {weeks}{most}: {}",
        over.len(),
        list.join(", ")
    )
}

/// A partner and when they were promoted: `Café Müller: Mon 5 Oct on instagram, …`.
pub(crate) fn partner(p: &Partner) -> String {
    let when: Vec<String> = p
        .posts
        .iter()
        .map(|x| match &x.channel {
            Some(c) => format!("{} on {c}", x.date.format("%a %-d %b")),
            None => x.date.format("%a %-d %b").to_string(),
        })
        .collect();
    format!("{}: {}", p.name, when.join(", "))
}

/// Partner posts that name nobody.
pub(crate) fn unnamed_partners(n: u32) -> Option<String> {
    (n > 0).then(|| {
        format!(
            "{} no partner: add partner = \"...\" to see who was promoted",
            if n == 1 {
                "1 partner post names".to_string()
            } else {
                format!("{n} partner posts name")
            }
        )
    })
}

/// When nothing in the period was published.
pub(crate) fn nothing(review: &Review) -> String {
    format!(
        "No published posts from {}: mark posts published with p in the calendar (it asks for their responses and minutes), or import a sheet with status, spent and responses columns",
        period(review)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_round_to_a_tenth_of_an_hour() {
        assert_eq!(duration(45), "45 min");
        assert_eq!(duration(60), "1 h");
        assert_eq!(duration(250), "4.2 h");
        assert_eq!(duration(540), "9 h");
        assert_eq!(duration(597), "10 h");
    }

    #[test]
    fn numbers_keep_one_decimal_when_it_says_something() {
        assert_eq!(number(0.333), "0.3");
        assert_eq!(number(4.0), "4");
        assert_eq!(number(10.25), "10.3");
        assert_eq!(number(5.96), "6");
    }
}
