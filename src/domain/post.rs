//! A single planned post.

use chrono::{NaiveDate, NaiveTime};

/// Where a post is in its life: an idea to fill in, planned, or already out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum Status {
    Idea,
    #[default]
    Planned,
    Published,
}

impl Status {
    pub const ALL: [Status; 3] = [Status::Idea, Status::Planned, Status::Published];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Idea => "idea",
            Status::Planned => "planned",
            Status::Published => "published",
        }
    }

    pub fn parse(s: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|st| st.as_str() == s)
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
}

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
        }
    }

    /// The order posts are kept, saved and checked in: date, then time (untimed
    /// posts first in their day), then id.
    pub fn sort_key(&self) -> (NaiveDate, Option<NaiveTime>, &str) {
        (self.date, self.time, self.id.as_str())
    }
}
