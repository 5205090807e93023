//! A single planned post.

use chrono::{NaiveDate, NaiveTime};

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

    pub fn parse(s: &str) -> Option<Status> {
        s.parse().ok()
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Post {
    pub id: String,
    pub date: NaiveDate,
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
}

/// The keys of a post table, in the order the canonical file writes them; the
/// loader names them when a key is misspelt.
pub const KEYS: [&str; 14] = [
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
];

impl Post {
    /// A planned post with only the required fields set; the id is filled in by the
    /// schedule when the post is added.
    pub fn new(date: NaiveDate, category: &str, title: &str) -> Post {
        Post {
            id: String::new(),
            date,
            time: None,
            category: category.to_string(),
            title: title.to_string(),
            channel: None,
            notes: None,
            link: None,
            minutes: None,
            status: Status::Planned,
            media: Vec::new(),
            partner: None,
            spent: None,
            responses: None,
        }
    }

    /// A copy to post again (duplicate, copy of a week): a published post comes
    /// back planned, and what the original took and brought stays with it, so
    /// the review never counts one post's responses twice. The id is left for
    /// the schedule to give.
    pub fn again(&self) -> Post {
        let mut copy = self.clone();
        copy.id.clear();
        if copy.status == Status::Published {
            copy.status = Status::Planned;
        }
        copy.spent = None;
        copy.responses = None;
        copy
    }

    /// The order posts are kept, saved and checked in: date, then time (untimed
    /// posts first in their day), then id.
    pub fn sort_key(&self) -> (NaiveDate, Option<NaiveTime>, &str) {
        (self.date, self.time, self.id.as_str())
    }
}
