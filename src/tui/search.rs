//! Finding posts by what they say: titles, notes, channels and links, ignoring
//! case and accents, so `cafe` finds "Café Müller" and `MULLER` finds it too.
//!
//! Text is folded before it is compared: decomposed (canonically, by the
//! `unicode-normalization` crate), stripped of combining marks, lowercased.
//! ASCII text, most of a schedule, takes a fast path that only lowercases.
//! Scripts without case or accents (CJK, emoji) are compared as they are.

use chrono::{NaiveDate, NaiveTime};
use memchr::memmem::Finder;
use unicode_normalization::char::{decompose_canonical, is_combining_mark};

use crate::domain::{Post, Schedule};

/// Folds `s` into `out` (cleared first): lowercase, without accents. ASCII
/// characters are lowercased as they come; only the others are decomposed,
/// one at a time (their order among combining marks does not matter, since
/// the marks are dropped).
pub(crate) fn fold_into(s: &str, out: &mut String) {
    out.clear();
    if s.is_ascii() {
        out.push_str(s);
        out.make_ascii_lowercase();
        return;
    }
    for c in s.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
            continue;
        }
        decompose_canonical(c, |d| {
            if is_combining_mark(d) {
                return;
            }
            for lower in d.to_lowercase() {
                if !is_combining_mark(lower) {
                    out.push(lower);
                }
            }
        });
    }
}

/// `s` folded.
pub(crate) fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    fold_into(s, &mut out);
    out
}

/// A search, folded and compiled once.
pub struct Query {
    text: String,
    finder: Finder<'static>,
}

impl Query {
    /// `None` for a query with nothing to look for.
    pub fn new(text: &str) -> Option<Query> {
        let text = text.trim();
        if text.is_empty() {
            return None;
        }
        let folded = fold(text);
        Some(Query {
            text: text.to_string(),
            finder: Finder::new(folded.as_bytes()).into_owned(),
        })
    }

    /// The query as the user wrote it.
    pub(crate) fn text(&self) -> &str {
        &self.text
    }

    /// Whether `text` holds the query; `buf` is scratch space reused between calls.
    pub(crate) fn finds(&self, text: &str, buf: &mut String) -> bool {
        if text.is_ascii() && text.len() < self.finder.needle().len() {
            return false;
        }
        fold_into(text, buf);
        self.finder.find(buf.as_bytes()).is_some()
    }

    /// Whether the post's title, notes, channel or link holds the query.
    pub(crate) fn matches(&self, post: &Post, buf: &mut String) -> bool {
        self.finds(&post.title, buf)
            || [&post.notes, &post.channel, &post.link]
                .into_iter()
                .flatten()
                .any(|text| self.finds(text, buf))
    }
}

/// One post that matched, by its place in the schedule's order (date, time,
/// id), so the next match after any post is found by a binary search.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub(crate) date: NaiveDate,
    pub(crate) time: Option<NaiveTime>,
    pub(crate) id: String,
}

/// How far the selection may move from where the matches were found before
/// they are found again: half the year either side a series is expanded.
pub(crate) const REFRESH_DAYS: i64 = 183;

/// Every dated post that matches, in the schedule's order (date, time, id). A
/// repeating post matches at each of its dates within a year either side of
/// `around` (the selected day), so `n` goes to its next date, not its first.
pub fn search(schedule: &Schedule, query: &Query, around: NaiveDate) -> Vec<Hit> {
    let mut buf = String::with_capacity(256);
    let year = chrono::Days::new(366);
    let from = around.checked_sub_days(year).unwrap_or(NaiveDate::MIN);
    let to = around.checked_add_days(year).unwrap_or(NaiveDate::MAX);
    let mut hits = Vec::new();
    let mut series = false;
    for p in schedule.iter() {
        let Some(date) = p.date else { continue };
        if !query.matches(p, &mut buf) {
            continue;
        }
        let hit = |date| Hit {
            date,
            time: p.time,
            id: p.id.clone(),
        };
        match &p.repeat {
            None => hits.push(hit(date)),
            Some(r) => {
                series = true;
                let dates = r.dates(from, to);
                // A series with no date near enough is still found at its first.
                if dates.is_empty() {
                    hits.push(hit(date));
                }
                hits.extend(dates.into_iter().map(hit));
            }
        }
    }
    if series {
        hits.sort_by(|a, b| (a.date, a.time, &a.id).cmp(&(b.date, b.time, &b.id)));
    }
    hits
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finds(query: &str, text: &str) -> bool {
        Query::new(query).unwrap().finds(text, &mut String::new())
    }

    #[test]
    fn case_and_accents_do_not_matter() {
        assert!(finds("cafe muller", "Café Müller bakes for us"));
        assert!(finds("CAFÉ", "cafe"));
        assert!(finds("creme brulee", "Crème brûlée"));
        assert!(!finds("cafe", "coffee"));
    }

    #[test]
    fn other_scripts_and_emoji_are_found_as_written() {
        assert!(finds("日本語", "日本語のタイトル works too"));
        assert!(finds("🍜", "Team lunch 🍜"));
        assert!(finds("ΚΑΦΕ", "καφέ"));
    }

    #[test]
    fn folding_drops_marks_whether_written_apart_or_together() {
        assert_eq!(fold("Cafe\u{301} Mu\u{308}ller"), "cafe muller");
        assert_eq!(fold("Café Müller"), "cafe muller");
        assert_eq!(fold("İstanbul ǅ"), "istanbul ǆ");
    }

    #[test]
    fn an_empty_query_finds_nothing_to_search_for() {
        assert!(Query::new("   ").is_none());
    }

    #[test]
    fn notes_channels_and_links_are_searched_but_not_across_fields() {
        let mut p = Post::new(NaiveDate::MIN, "everyday", "Croissants");
        p.notes = Some("500 g €12\n1 kg €22".into());
        p.channel = Some("Instagram".into());
        p.link = Some("https://example.com/rye".into());
        let mut buf = String::new();
        for (q, want) in [
            ("1 KG", true),
            ("instagram", true),
            ("example.com/RYE", true),
            ("croissantsinstagram", false),
        ] {
            assert_eq!(Query::new(q).unwrap().matches(&p, &mut buf), want, "{q}");
        }
    }
}
