//! A single post: dated, repeating, or an idea in the backlog.

use std::num::NonZeroU16;
use std::ops::Deref;

use chrono::{NaiveDate, NaiveTime};

use super::evergreen::Gap;
use super::repeat::Repeat;

/// Where a post is in its life: an idea to fill in, planned, or already out.
/// Its names (`idea`, `planned`, `published`) come from the derive, so the file,
/// the sheets and the command line read and write the same words.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Default,
    strum::Display,
    strum::EnumString,
    strum::IntoStaticStr,
    strum::VariantArray,
    clap::ValueEnum,
)]
#[strum(serialize_all = "lowercase")]
pub enum Status {
    Idea,
    #[default]
    Planned,
    Published,
}

impl Status {
    /// Every status, in the order the form cycles through them.
    pub const ALL: &[Status] = <Status as strum::VariantArray>::VARIANTS;

    pub fn as_str(self) -> &'static str {
        self.into()
    }

    pub(crate) fn parse(s: &str) -> Option<Status> {
        s.parse().ok()
    }
}

/// Where a dated post came from, when not written straight into its week.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Source {
    /// An idea of the backlog, placed in its week (`from = "backlog"`).
    Backlog,
    /// One use of the evergreen post with this id (`reuses = "k7rye2"`).
    Reuses(String),
}

/// What the calendar says about where a post comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Provenance<'a> {
    /// Written into its week.
    Written,
    /// An idea waiting in the backlog.
    Idea,
    /// An evergreen post of the backlog.
    Evergreen,
    /// Placed in its week from the backlog.
    FromBacklog,
    /// A use of the evergreen post with this id.
    Reuse(&'a str),
    /// A date of a repeating post.
    Recurring,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Post {
    pub id: String,
    /// The day it goes out (for a repeating post, the first); `None` for an
    /// idea in the backlog.
    pub date: Option<NaiveDate>,
    pub time: Option<NaiveTime>,
    pub category: String,
    pub title: String,
    pub channel: Option<String>,
    pub notes: Option<String>,
    pub link: Option<String>,
    pub minutes: Option<u32>,
    pub status: Status,
    /// Links to the images or videos that go out with the post.
    pub media: Vec<String>,
    /// The business a partner post promotes, so promotions can be kept fair.
    pub partner: Option<String>,
    /// Minutes the post really took, logged after publishing; the planned
    /// minutes stand in until then.
    pub spent: Option<u32>,
    /// Replies, comments, messages and shares from people: the relationship a
    /// post brought, logged after publishing. Not likes, not sales.
    pub responses: Option<u32>,
    /// How a dated post repeats; its `date` is the first of the series.
    /// Boxed, as are the other rare fields' contents, so that the many posts
    /// without them stay as small as they were.
    pub repeat: Option<Box<Repeat>>,
    /// A backlog post that is used again and again, resting between uses.
    pub evergreen: bool,
    /// The rest between two uses of an evergreen post, as written; `None` is
    /// the default ([`Gap::DEFAULT`]).
    pub reuse_after: Option<Gap>,
    /// The backlog's order: 1 is used first; ideas without one come after the
    /// others, oldest first.
    pub priority: Option<NonZeroU16>,
    /// Where a dated post came from.
    pub source: Option<Box<Source>>,
}

/// The keys of a post table, in the order the canonical file writes them; the
/// loader names them when a key is misspelt. The content library's keys
/// ([`LIBRARY_KEYS`]: how a post repeats, evergreen posts, the backlog's
/// order, where a post came from) come last, so files without them read as
/// they always did.
pub(crate) const KEYS: [&str; 24] = [
    "id",
    "date",
    "time",
    "category",
    "title",
    "channel",
    "notes",
    "link",
    "minutes",
    "status",
    "media",
    "partner",
    "spent",
    "responses",
    "repeat",
    "on",
    "until",
    "count",
    "skip",
    "evergreen",
    "reuse_after",
    "priority",
    "from",
    "reuses",
];

/// The content library's keys: the last of [`KEYS`].
pub(crate) const LIBRARY_KEYS: &[&str] = KEYS.split_at(14).1;

impl Post {
    /// A planned post on `date` with only the required fields set; the id is
    /// filled in by the schedule when the post is added.
    pub fn new(date: NaiveDate, category: &str, title: &str) -> Post {
        Post {
            date: Some(date),
            status: Status::Planned,
            ..Post::idea(category, title)
        }
    }

    /// An idea for the backlog: no date, status `idea`.
    pub fn idea(category: &str, title: &str) -> Post {
        Post {
            id: String::new(),
            date: None,
            time: None,
            category: category.to_string(),
            title: title.to_string(),
            channel: None,
            notes: None,
            link: None,
            minutes: None,
            status: Status::Idea,
            media: Vec::new(),
            partner: None,
            spent: None,
            responses: None,
            repeat: None,
            evergreen: false,
            reuse_after: None,
            priority: None,
            source: None,
        }
    }

    /// Whether the post waits in the backlog (it has no date).
    pub(crate) fn is_idea(&self) -> bool {
        self.date.is_none()
    }

    /// The rest an evergreen post takes between uses.
    pub fn gap(&self) -> Gap {
        self.reuse_after.unwrap_or(Gap::DEFAULT)
    }

    /// Where the post comes from, for the calendar to say.
    pub(crate) fn provenance(&self) -> Provenance<'_> {
        match (&self.date, &self.repeat, self.source.as_deref()) {
            (None, _, _) if self.evergreen => Provenance::Evergreen,
            (None, _, _) => Provenance::Idea,
            (Some(_), Some(_), _) => Provenance::Recurring,
            (Some(_), None, Some(Source::Reuses(id))) => Provenance::Reuse(id),
            (Some(_), None, Some(Source::Backlog)) => Provenance::FromBacklog,
            (Some(_), None, None) => Provenance::Written,
        }
    }

    /// A copy to post again (duplicate, copy of a week): a published post comes
    /// back planned, and what the original took and brought stays with it, so
    /// the review never counts one post's responses twice. The id is left for
    /// the schedule to give.
    pub(crate) fn again(&self) -> Post {
        let mut copy = self.clone();
        copy.id.clear();
        if copy.status == Status::Published {
            copy.status = Status::Planned;
        }
        copy.spent = None;
        copy.responses = None;
        // A copy is a post of its own, not a use of the backlog.
        copy.source = None;
        copy
    }

    /// The order posts are kept, saved and checked in: date, then time (untimed
    /// posts first in their day), then id. Ideas come after every dated post.
    pub fn sort_key(&self) -> (Option<NaiveDate>, Option<NaiveTime>, &str) {
        (self.date, self.time, self.id.as_str())
    }

    /// The post as it is placed on `date` at `time`: an idea placed from the
    /// backlog says so; a use of an evergreen post is a new post naming it.
    pub fn placed(&self, date: NaiveDate, time: Option<NaiveTime>) -> Post {
        let mut p = self.clone();
        p.date = Some(date);
        p.time = time;
        if self.evergreen {
            p.id = String::new();
            p.evergreen = false;
            p.reuse_after = None;
            p.priority = None;
            p.source = Some(Box::new(Source::Reuses(self.id.clone())));
        } else {
            p.source = Some(Box::new(Source::Backlog));
        }
        p
    }
}

/// A post on a day: a post as written, or one date of a repeating post. It
/// reads as its post (`d.title`, `d.time`), with `date` the day it falls on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dated<'a> {
    pub(crate) post: &'a Post,
    pub date: NaiveDate,
}

impl<'a> Dated<'a> {
    /// A dated post on its own date; `None` for an idea.
    pub fn of(post: &'a Post) -> Option<Dated<'a>> {
        post.date.map(|date| Dated { post, date })
    }

    /// Whether this is one date of a repeating post.
    pub fn is_occurrence(&self) -> bool {
        self.post.repeat.is_some()
    }

    /// The canonical order: date, time (untimed first), id.
    pub(crate) fn sort_key(&self) -> (NaiveDate, Option<NaiveTime>, &'a str) {
        (self.date, self.post.time, self.post.id.as_str())
    }

    /// The post as it stands on this date: a date of a repeating post becomes
    /// a post of its own there (same id, no repeat).
    pub fn to_post(&self) -> Post {
        let mut p = self.post.clone();
        p.date = Some(self.date);
        p.repeat = None;
        p
    }
}

impl Deref for Dated<'_> {
    type Target = Post;

    fn deref(&self) -> &Post {
        self.post
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A post is kept once per post of a 100k-post file: the library's fields
    /// add 16 bytes to the 240 of the others.
    #[test]
    fn a_post_stays_small() {
        assert!(
            std::mem::size_of::<Post>() <= 256,
            "{}",
            std::mem::size_of::<Post>()
        );
    }
}
