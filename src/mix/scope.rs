//! Which posts a rule reads. Followers see one feed, so a week that is balanced
//! overall can still be two unbalanced feeds: a rule may be limited to some
//! channels (`channels = ["instagram"]`) or checked for each channel on its own
//! (`per_channel = true`), and then only where a channel has at least
//! `min_posts` posts that week, so a channel with a post or two does not nag.
//! Posts without a channel belong to no feed and are left out of such rules.

use crate::config::channel_key;

use super::analyze::Item;
use super::slots::Slot;

/// The posts a rule reads.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Scope {
    /// Only the posts of these channels (as written in the config); `None` for
    /// every post.
    pub(crate) channels: Option<Vec<String>>,
    /// Each channel's posts on their own.
    pub(crate) per_channel: bool,
    /// A channel (or the listed channels together) with fewer posts in the
    /// week is not checked.
    pub(crate) min_posts: u32,
}

/// The posts of one part of a week, and the open slots that are its own.
#[derive(Debug, Clone)]
pub(crate) struct Part<'a> {
    /// How findings name the part: the channel as the week's first post of it
    /// writes it, or the listed channels.
    pub(crate) name: String,
    pub(crate) items: Vec<Item<'a>>,
    pub(crate) open: Vec<Slot>,
}

impl Scope {
    /// Whether the rule reads the whole week.
    pub(crate) fn is_week(&self) -> bool {
        self.channels.is_none() && !self.per_channel
    }

    /// Whether the rule reads some channels and `channel` is one of them.
    pub(crate) fn covers(&self, channel: &str) -> bool {
        !self.is_week() && self.admits(Some(channel))
    }

    fn admits(&self, channel: Option<&str>) -> bool {
        match (&self.channels, channel) {
            (None, _) => true,
            (Some(_), None) => false,
            (Some(list), Some(c)) => {
                let key = channel_key(c);
                list.iter().any(|l| channel_key(l) == key)
            }
        }
    }

    /// The parts of a week the rule is checked on, each with enough posts;
    /// empty for a whole-week rule (it reads the week itself).
    pub(crate) fn parts<'a>(&self, items: &[Item<'a>], open: &[Slot]) -> Vec<Part<'a>> {
        if self.is_week() {
            return Vec::new();
        }
        let mut parts: Vec<(String, Part<'a>)> = Vec::new();
        for item in items {
            let Some(channel) = item.channel.filter(|c| self.admits(Some(c))) else {
                continue;
            };
            let (key, name) = if self.per_channel {
                (channel_key(channel), channel.to_string())
            } else {
                (String::new(), self.listed())
            };
            match parts.iter_mut().find(|(k, _)| *k == key) {
                Some((_, part)) => part.items.push(item.clone()),
                None => parts.push((
                    key,
                    Part {
                        name,
                        items: vec![item.clone()],
                        open: Vec::new(),
                    },
                )),
            }
        }
        parts.retain(|(_, p)| p.items.len() as u32 >= self.min_posts);
        for (key, part) in &mut parts {
            part.open = open
                .iter()
                .filter(|s| {
                    s.channel.as_deref().is_some_and(|c| {
                        self.admits(Some(c)) && (!self.per_channel || channel_key(c) == *key)
                    })
                })
                .cloned()
                .collect();
        }
        parts.into_iter().map(|(_, p)| p).collect()
    }

    /// The channels of a rule limited to some, as findings name them.
    fn listed(&self) -> String {
        self.channels
            .as_deref()
            .map(|list| list.join(" and "))
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use chrono::{NaiveDate, NaiveTime};

    use super::*;
    use crate::domain::Status;

    fn item(id: &'static str, channel: Option<&'static str>) -> Item<'static> {
        Item {
            id: Some(id),
            date: NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
            time: NaiveTime::from_hms_opt(9, 0, 0),
            category: "everyday",
            index: Some(0),
            minutes: 15,
            own_minutes: false,
            title: "t",
            status: Status::Planned,
            channel,
            partner: None,
            locked: false,
        }
    }

    fn ids<'a>(part: &Part<'a>) -> Vec<&'a str> {
        part.items.iter().filter_map(|i| i.id).collect()
    }

    fn week() -> Vec<Item<'static>> {
        vec![
            item("a", Some("Instagram")),
            item("b", Some("linkedin")),
            item("c", None),
            item("d", Some("instagram")),
            item("e", Some("LinkedIn")),
            item("f", Some("facebook")),
        ]
    }

    #[test]
    fn per_channel_splits_the_week_by_channel_in_any_spelling() {
        let scope = Scope {
            per_channel: true,
            ..Scope::default()
        };
        let parts = scope.parts(&week(), &[]);
        let got: Vec<(&str, Vec<&str>)> = parts.iter().map(|p| (p.name.as_str(), ids(p))).collect();
        assert_eq!(
            got,
            [
                ("Instagram", vec!["a", "d"]),
                ("linkedin", vec!["b", "e"]),
                ("facebook", vec!["f"])
            ]
        );
    }

    #[test]
    fn small_channels_are_left_out() {
        let scope = Scope {
            per_channel: true,
            min_posts: 2,
            ..Scope::default()
        };
        let parts = scope.parts(&week(), &[]);
        assert_eq!(parts.len(), 2, "facebook has one post");
    }

    #[test]
    fn channels_limit_the_rule_to_their_posts_together() {
        let scope = Scope {
            channels: Some(vec!["instagram".into(), "Face Book".into()]),
            ..Scope::default()
        };
        let parts = scope.parts(&week(), &[]);
        assert_eq!(parts.len(), 1);
        assert_eq!(parts[0].name, "instagram and Face Book");
        assert_eq!(ids(&parts[0]), ["a", "d", "f"]);
        assert!(Scope::default().parts(&week(), &[]).is_empty());
        assert!(Scope::default().is_week());
    }

    #[test]
    fn a_part_takes_only_its_own_channels_slots() {
        let scope = Scope {
            per_channel: true,
            ..Scope::default()
        };
        let slot = |channel: Option<&str>| Slot {
            date: NaiveDate::from_ymd_opt(2026, 11, 24).unwrap(),
            time: NaiveTime::from_hms_opt(12, 0, 0).unwrap(),
            channel: channel.map(str::to_string),
        };
        let open = [slot(None), slot(Some("instagram")), slot(Some("linkedin"))];
        let parts = scope.parts(&week(), &open);
        assert_eq!(parts[0].open, [slot(Some("instagram"))]);
        assert_eq!(parts[1].open, [slot(Some("linkedin"))]);
        assert!(parts[2].open.is_empty());
    }
}
