//! What `import` reads from a spreadsheet or a calendar before it touches the
//! schedule: rows of post fields, and the problems found in them.
//!
//! A row names only the fields its source has; an update changes only those.
//! Problems are collected for the whole input and reported together, at most
//! [`SHOWN_PER_GROUP`] for each place and kind of problem, so one bad column in a
//! 10,000-row sheet reads as ten examples and a count, not 10,000 messages.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::NaiveDate;

use crate::diag::{Diagnostic, Diagnostics};
use crate::domain::{Cursor, Post};
use crate::shown::grouped;

/// A field of a post, named as the schedule file and the CSV header name it.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    strum::Display,
    strum::EnumString,
    strum::IntoStaticStr,
    strum::VariantArray,
)]
#[strum(serialize_all = "lowercase")]
pub(crate) enum Field {
    Date,
    Time,
    Category,
    Channel,
    Partner,
    Title,
    Notes,
    Link,
    Media,
    Minutes,
    Spent,
    Responses,
    Status,
    Id,
    /// A calendar's rule: only `import --format ics` reads it.
    Repeat,
}

impl Field {
    /// The fields a new post must have.
    pub(crate) const REQUIRED: [Field; 3] = [Field::Date, Field::Category, Field::Title];

    pub(crate) fn name(self) -> &'static str {
        self.into()
    }
}

/// One post as an import source describes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// Where the row is, for messages: a spreadsheet's row number (the header is
    /// row 1) or a calendar's event number.
    pub(crate) number: usize,
    /// The post as the row describes it; `id` is empty when the row has none.
    pub post: Post,
    /// The fields the source has, in its order: an update changes only these.
    /// Shared: every row of a sheet has the columns of its header.
    pub(crate) fields: Arc<[Field]>,
}

impl Row {
    /// Copies the fields the row has onto `post`, leaving the rest (and the id)
    /// as they are. An empty value clears an optional field.
    pub(crate) fn apply_to(&self, post: &mut Post) {
        let new = &self.post;
        for field in self.fields.iter() {
            match field {
                Field::Date => post.date = new.date,
                Field::Time => post.time = new.time,
                Field::Category => post.category.clone_from(&new.category),
                Field::Channel => post.channel.clone_from(&new.channel),
                Field::Title => post.title.clone_from(&new.title),
                Field::Notes => post.notes.clone_from(&new.notes),
                Field::Link => post.link.clone_from(&new.link),
                Field::Media => post.media.clone_from(&new.media),
                Field::Minutes => post.minutes = new.minutes,
                Field::Partner => post.partner.clone_from(&new.partner),
                Field::Spent => post.spent = new.spent,
                Field::Responses => post.responses = new.responses,
                Field::Status => post.status = new.status,
                Field::Repeat => post.repeat.clone_from(&new.repeat),
                Field::Id => {}
            }
        }
    }

    /// Whether applying the row would leave `post` as it is.
    pub(crate) fn leaves(&self, post: &Post) -> bool {
        let new = &self.post;
        self.fields.iter().all(|field| match field {
            Field::Date => post.date == new.date,
            Field::Time => post.time == new.time,
            Field::Category => post.category == new.category,
            Field::Channel => post.channel == new.channel,
            Field::Title => post.title == new.title,
            Field::Notes => post.notes == new.notes,
            Field::Link => post.link == new.link,
            Field::Media => post.media == new.media,
            Field::Minutes => post.minutes == new.minutes,
            Field::Partner => post.partner == new.partner,
            Field::Spent => post.spent == new.spent,
            Field::Responses => post.responses == new.responses,
            Field::Status => post.status == new.status,
            Field::Repeat => post.repeat == new.repeat,
            Field::Id => true,
        })
    }

    /// What the row's id names in the schedule `posts` looks in: a post, which
    /// the row changes or leaves as it is, or one date of a repeating post. A
    /// row naming a repeating post with a date and no rule of its own is one of
    /// its dates.
    pub(crate) fn named<'s>(&self, posts: &mut Cursor<'s>) -> Named<'s> {
        let Some((post, on)) = resolve(posts, &self.post.id, self.date()) else {
            return Named::Nothing;
        };
        match (on, &post.repeat, self.post.date) {
            (Some(date), _, _) => Named::Date(post, date),
            (None, Some(rule), Some(date))
                if self.fields.contains(&Field::Date) && !self.fields.contains(&Field::Repeat) =>
            {
                if rule.contains(date) {
                    Named::Date(post, date)
                } else {
                    Named::NotADate(post, date)
                }
            }
            _ if self.leaves(post) => Named::Unchanged(post),
            _ => Named::Post(post),
        }
    }

    /// The date the row gives its post, if it has a date.
    pub(crate) fn date(&self) -> Option<NaiveDate> {
        self.post
            .date
            .filter(|_| self.fields.contains(&Field::Date))
    }

    /// Whether the row has every field a new post needs.
    pub(crate) fn is_complete(&self) -> bool {
        Field::REQUIRED.iter().all(|f| self.fields.contains(f))
    }

    /// The natural key of a post without an id: the same day, time, category and
    /// title make the same post, so a sheet imported twice adds nothing.
    pub(crate) fn key(
        post: &Post,
    ) -> (
        Option<chrono::NaiveDate>,
        Option<chrono::NaiveTime>,
        &str,
        &str,
    ) {
        (
            post.date,
            post.time,
            post.category.as_str(),
            post.title.as_str(),
        )
    }
}

/// What a row's id names in a schedule ([`Row::named`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Named<'s> {
    /// No post has the id: a spreadsheet may have changed it.
    Nothing,
    /// A repeating post, with a date that is not one of its dates.
    NotADate(&'s Post, NaiveDate),
    /// A post the row leaves as it is.
    Unchanged(&'s Post),
    /// A post the row changes.
    Post(&'s Post),
    /// One date of a repeating post.
    Date(&'s Post, NaiveDate),
}

/// The post an id names, with the date it means when the id names one date of
/// a repeating post as exports write it, `<id>-<YYYYMMDD>`. `near` is the date
/// the post is likely on.
fn resolve<'s>(
    posts: &mut Cursor<'s>,
    id: &str,
    near: Option<NaiveDate>,
) -> Option<(&'s Post, Option<NaiveDate>)> {
    if let Some(post) = posts.get_near(id, near) {
        return Some((post, None));
    }
    let (series, day) = id.rsplit_once('-')?;
    let date = NaiveDate::parse_from_str(day, "%Y%m%d").ok()?;
    let post = posts.get(series)?;
    let rule = post.repeat.as_ref()?;
    rule.contains(date).then_some((post, Some(date)))
}

/// An import source read and checked: its rows, and what the user should know.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Sheet {
    pub rows: Vec<Row>,
    /// How many rows a reader given the schedule found to leave their post as
    /// it is ([`Named::Unchanged`]): most rows of a sheet exported and imported
    /// again. They are counted, not kept in `rows`.
    pub unchanged: usize,
    /// The ids those rows name when the sheet also has rows without an id,
    /// which are never matched to a post another row names; else empty.
    pub(crate) named: Vec<String>,
    pub(crate) warnings: Vec<String>,
}

/// How many problems of one kind at one place are listed before the rest are
/// counted.
pub(crate) const SHOWN_PER_GROUP: usize = 10;

/// Problems found in an import source, in the order found.
#[derive(Debug, Default)]
pub(crate) struct Problems {
    /// Each problem with its place, its kind and its row.
    list: Vec<(String, &'static str, usize, Diagnostic)>,
    /// What the source is made of, for the count of the rest: `event` for a
    /// calendar; rows when empty.
    unit: &'static str,
}

impl Problems {
    pub(crate) fn new() -> Problems {
        Problems::default()
    }

    /// Problems of a source made of `unit`s (`event`), counted as such.
    pub(crate) fn of(unit: &'static str) -> Problems {
        Problems {
            unit,
            ..Problems::default()
        }
    }

    /// Adds a problem of row `row` at `place` (`column B (time)`, `rows`) of the
    /// given kind: problems of one place and kind beyond the first few are
    /// counted instead of listed.
    pub(crate) fn push(
        &mut self,
        place: impl Into<String>,
        kind: &'static str,
        row: usize,
        d: Diagnostic,
    ) {
        self.list.push((place.into(), kind, row, d));
    }

    pub(crate) fn len(&self) -> usize {
        self.list.len()
    }

    /// `Ok(value)` when there were no problems; otherwise every problem, at most
    /// [`SHOWN_PER_GROUP`] of each group, then one line per group counting the rest.
    pub(crate) fn result<T>(self, name: &str, value: T) -> Result<T, Diagnostics> {
        if self.list.is_empty() {
            return Ok(value);
        }
        let mut seen: HashMap<(&str, &str), usize> = HashMap::new();
        let mut shown = Vec::new();
        // For each group with more than can be shown: its place and kind, where
        // it first overflowed and how many more there are.
        let mut more: Vec<((&str, &str), usize, usize, &Diagnostic)> = Vec::new();
        for (place, kind, row, d) in &self.list {
            let key = (place.as_str(), *kind);
            let n = seen.entry(key).or_default();
            *n += 1;
            if *n <= SHOWN_PER_GROUP {
                shown.push(d.clone());
            } else if let Some(m) = more.iter_mut().find(|m| m.0 == key) {
                m.2 += 1;
            } else {
                more.push((key, *row, 1, d));
            }
        }
        let unit = if self.unit.is_empty() {
            "row"
        } else {
            self.unit
        };
        for ((group, _), row, count, example) in more {
            let s = if count == 1 { "" } else { "s" };
            shown.push(Diagnostic::whole_file(
                name,
                format!(
                    "{group}: {} more {unit}{s} with this problem, from {unit} {row} on (listed: the first {SHOWN_PER_GROUP})",
                    grouped(count)
                ),
            ).with_help(example.help.clone().unwrap_or_else(|| "fix them the same way".into())));
        }
        Err(Diagnostics(shown))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_names_come_from_the_derive() {
        assert_eq!(Field::Media.name(), "media");
        assert_eq!("minutes".parse::<Field>(), Ok(Field::Minutes));
        assert!("Minutes".parse::<Field>().is_err());
    }

    #[test]
    fn a_calendars_problems_are_counted_in_events() {
        let mut p = Problems::of("event");
        for n in 1..=12 {
            p.push(
                "events",
                "no category",
                n,
                Diagnostic::whole_file("c.ics", format!("event {n}: no category")),
            );
        }
        let e = p.result("c.ics", ()).unwrap_err().0;
        assert_eq!(
            e[10].message,
            "events: 2 more events with this problem, from event 11 on (listed: the first 10)"
        );
    }

    #[test]
    fn ten_problems_of_a_group_are_listed_and_the_rest_counted() {
        let mut p = Problems::new();
        for row in 2..10_002 {
            p.push(
                "column B (time)",
                "time",
                row,
                Diagnostic::whole_file("s.csv", format!("row {row}: bad")).with_help("write 09:30"),
            );
        }
        p.push(
            "column C (category)",
            "category",
            7,
            Diagnostic::whole_file("s.csv", "row 7: other"),
        );
        let e = p.result("s.csv", ()).unwrap_err().0;
        assert_eq!(e.len(), 12, "{e:?}");
        assert_eq!(e[9].message, "row 11: bad");
        assert_eq!(e[10].message, "row 7: other");
        assert_eq!(
            e[11].to_string(),
            "s.csv: column B (time): 9,990 more rows with this problem, from row 12 on (listed: the first 10)\n  help: write 09:30"
        );
    }
}
