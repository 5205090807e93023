//! Finding and going: `/` searches the whole schedule and `n` / `N` walk the
//! matches across weeks; `g` goes to a date, a week or a weekday; `C` filters
//! the week by channel, and the mix panel shows that channel's mix.

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveTime};
use ratatui::crossterm::event::KeyEvent;

use super::{App, Level, Popup};
use crate::config::channel_key;
use crate::domain::{Dated, Schedule, Week};
use crate::tui::action::{Action, PromptAction};
use crate::tui::field::TextField;
use crate::tui::jump::{self, Jump};
use crate::tui::search::{Hit, Query, search};

/// Which question a prompt asks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PromptKind {
    Search,
    GoTo,
    /// The time to place an idea of the backlog at.
    PlaceAt,
}

/// A one-line prompt: what is typed, and why the last Enter did not go.
#[derive(Debug, Clone)]
pub struct Prompt {
    pub(crate) kind: PromptKind,
    pub(crate) field: TextField,
    pub error: Option<String>,
    /// The idea to place, for [`PromptKind::PlaceAt`].
    pub(crate) idea: Option<String>,
}

/// A search and where the calendar is among its matches.
pub struct Search {
    query: Query,
    hits: Vec<Hit>,
    /// The match last gone to.
    current: usize,
    /// The history's revision the matches were found at; after a change the
    /// search runs again before moving on.
    revision: u64,
    /// The day the matches were found around: a repeating post matches at its
    /// dates within a year of it.
    around: NaiveDate,
}

impl Search {
    pub(crate) fn text(&self) -> &str {
        self.query.text()
    }

    pub fn count(&self) -> usize {
        self.hits.len()
    }

    /// The match last gone to, counted from 1.
    pub(crate) fn position(&self) -> usize {
        self.current + 1
    }

    /// Whether a post is one of the matches; every date of a repeating post
    /// that matches does.
    pub(crate) fn is_match(&self, post: &Dated) -> bool {
        if post.is_occurrence() {
            return post.repeat.as_ref().is_some_and(|r| {
                let first = r.first();
                self.hits
                    .binary_search_by(|h| {
                        (h.date, h.time, h.id.as_str()).cmp(&(first, post.time, post.id.as_str()))
                    })
                    .is_ok()
            });
        }
        let key = post.sort_key();
        self.hits
            .binary_search_by(|h| (h.date, h.time, h.id.as_str()).cmp(&key))
            .is_ok()
    }
}

/// Each channel's posts, by the channel as config keys match it (`Instagram`
/// and `instagram` are one channel), with the name its first post writes.
pub(super) type ChannelCounts = BTreeMap<String, (String, usize)>;

/// How many posts each channel has.
pub(super) fn count_channels(schedule: &Schedule) -> ChannelCounts {
    let mut counts = ChannelCounts::new();
    for p in schedule.iter() {
        if let Some(c) = &p.channel {
            counts
                .entry(channel_key(c))
                .or_insert_with(|| (c.clone(), 0))
                .1 += 1;
        }
    }
    counts
}

impl App {
    /// The last search, while it is on.
    pub fn search(&self) -> Option<&Search> {
        self.search.as_ref()
    }

    pub(super) fn open_prompt(&mut self, kind: PromptKind) {
        let mut field = TextField::new(match (&self.search, kind) {
            (Some(s), PromptKind::Search) => s.text().to_string(),
            _ => String::new(),
        });
        field.select_all();
        self.popup = Some(Popup::Prompt(Box::new(Prompt {
            kind,
            field,
            error: None,
            idea: None,
        })));
    }

    pub(super) fn prompt_key(&mut self, mut prompt: Box<Prompt>, key: KeyEvent) {
        match self.keymap.get::<PromptAction>(&key) {
            Some(PromptAction::Cancel) => {
                // Placing at a time goes back to the backlog.
                if let (PromptKind::PlaceAt, Some(id)) = (prompt.kind, prompt.idea) {
                    self.open_backlog(Some(id));
                }
                return;
            }
            Some(PromptAction::Clear) => prompt.field.clear(),
            Some(PromptAction::Submit) => {
                let text = prompt.field.value().to_string();
                let done = match prompt.kind {
                    PromptKind::Search => {
                        self.run_search(&text);
                        Ok(())
                    }
                    PromptKind::GoTo => self.go_to(&text),
                    PromptKind::PlaceAt => match prompt.idea.clone() {
                        Some(id) => self.place_at(&id, &text),
                        None => Ok(()),
                    },
                };
                match done {
                    Ok(()) => return,
                    Err(e) => prompt.error = Some(e),
                }
            }
            None => {
                if prompt.field.edit(key) == Some(true) {
                    prompt.error = None;
                }
            }
        }
        self.popup = Some(Popup::Prompt(prompt));
    }

    // ----- search -----

    /// Searches every post and goes to the first match from the selected post on.
    fn run_search(&mut self, text: &str) {
        let Some(query) = Query::new(text) else {
            self.end_search();
            return;
        };
        let hits = search(&self.schedule, &query, self.selected_date());
        if hits.is_empty() {
            self.message = Some((
                Level::Warning,
                format!(
                    "no post matches “{}”",
                    crate::shown::shown_clipped(text.trim(), 40)
                ),
            ));
            self.search = None;
            return;
        }
        self.search = Some(Search {
            query,
            hits,
            current: 0,
            revision: self.history.revision(),
            around: self.selected_date(),
        });
        // From the selected post on, that one included; after the last match,
        // the first.
        let at = self.cursor_key();
        let (first, n) = self.search.as_ref().map_or((0, 0), |s| {
            let i = s
                .hits
                .partition_point(|h| (h.date, h.time, h.id.as_str()) < (at.0, at.1, at.2.as_str()));
            (i, s.hits.len())
        });
        self.go_to_match(if first >= n { 0 } else { first });
    }

    /// `n` / `N`: the next or previous match after the selected post, across
    /// weeks, wrapping around at the ends.
    pub(super) fn next_match(&mut self, forward: bool) {
        let revision = self.history.revision();
        let around = self.selected_date();
        let Some(search) = self.search.as_mut() else {
            self.message = Some((
                Level::Info,
                format!(
                    "no search yet: {} searches every post",
                    self.keymap.describe(Action::Search)
                ),
            ));
            return;
        };
        // Repeating posts match at their dates near where the search was run;
        // once the selection has gone half a year from there, around it again.
        let drifted = !self.schedule.series().is_empty()
            && (around - search.around).num_days().abs() > crate::tui::search::REFRESH_DAYS;
        if search.revision != revision || drifted {
            search.hits = crate::tui::search::search(&self.schedule, &search.query, around);
            search.revision = revision;
            search.around = around;
        }
        let n = search.hits.len();
        if n == 0 {
            let text = search.text().to_string();
            self.search = None;
            self.message = Some((
                Level::Warning,
                format!(
                    "no post matches “{}” any more",
                    crate::shown::shown_clipped(&text, 40)
                ),
            ));
            return;
        }
        let at = self.cursor_key();
        let key = (at.0, at.1, at.2.as_str());
        let hits = self.search.as_ref().map_or(&[][..], |s| s.hits.as_slice());
        let (index, wrapped) = if forward {
            let i = hits.partition_point(|h| (h.date, h.time, h.id.as_str()) <= key);
            if i == n { (0, true) } else { (i, false) }
        } else {
            let i = hits.partition_point(|h| (h.date, h.time, h.id.as_str()) < key);
            if i == 0 {
                (n - 1, true)
            } else {
                (i - 1, false)
            }
        };
        self.go_to_match(index);
        if wrapped && let Some((_, m)) = self.message.as_mut() {
            m.push_str(if forward {
                " (from the first again)"
            } else {
                " (from the last again)"
            });
        }
    }

    /// Where the selection is, in the order matches are kept.
    fn cursor_key(&self) -> (NaiveDate, Option<NaiveTime>, String) {
        match self.selected_post() {
            Some(p) => (p.date, p.time, p.id.clone()),
            None => (self.selected_date(), None, String::new()),
        }
    }

    fn go_to_match(&mut self, index: usize) {
        let Some(search) = self.search.as_mut() else {
            return;
        };
        let Some(hit) = search.hits.get(index) else {
            return;
        };
        search.current = index;
        let (id, date) = (hit.id.clone(), hit.date);
        let n = search.hits.len();
        self.select_dated(&id, date);
        self.message = Some((
            Level::Info,
            format!(
                "match {} of {n} ({} next, {} previous, {} ends the search)",
                index + 1,
                self.keymap.key(Action::NextMatch),
                self.keymap.key(Action::PrevMatch),
                self.keymap.key(Action::Dismiss),
            ),
        ));
    }

    pub(super) fn end_search(&mut self) {
        if self.search.take().is_some() {
            self.message = Some((Level::Info, "search ended".into()));
        }
    }

    // ----- go to -----

    /// Goes where the go-to prompt says, or says why it cannot.
    fn go_to(&mut self, text: &str) -> Result<(), String> {
        let jump = jump::parse(
            text,
            self.today,
            self.week,
            self.selected_date(),
            self.config.week_start,
        )?;
        match jump {
            Jump::Date(date) => self.select_date(date, 0),
            Jump::Week(week) => self.go_to_week(week),
        }
        if self.suggestion.is_some() {
            self.select_edge_row(false);
        }
        self.message = Some((
            Level::Info,
            format!(
                "{} ({})",
                self.selected_date().format("%a %-d %b %Y"),
                self.week
            ),
        ));
        Ok(())
    }

    // ----- the channel filter -----

    /// Every channel a post uses, sorted.
    pub fn channels(&self) -> Vec<String> {
        self.channels
            .values()
            .map(|(name, _)| name.clone())
            .collect()
    }

    /// Keeps the channel counts in step with a change just applied.
    pub(super) fn recount_channels(&mut self, change: &crate::tui::history::Change) {
        for p in &change.before {
            if let Some(c) = &p.channel
                && let Some((_, n)) = self.channels.get_mut(&channel_key(c))
            {
                *n -= 1;
                if *n == 0 {
                    self.channels.remove(&channel_key(c));
                }
            }
        }
        for p in &change.after {
            if let Some(c) = &p.channel {
                self.channels
                    .entry(channel_key(c))
                    .or_insert_with(|| (c.clone(), 0))
                    .1 += 1;
            }
        }
    }

    /// All channels → each channel in use → all again.
    pub(super) fn cycle_channel(&mut self) {
        let channels = self.channels();
        if channels.is_empty() && self.channel.is_none() {
            self.message = Some((
                Level::Info,
                format!(
                    "no post has a channel yet: {} opens a post to set one",
                    self.keymap.describe(Action::Edit)
                ),
            ));
            return;
        }
        self.channel = match &self.channel {
            None => channels.first().cloned(),
            Some(c) => channels.iter().skip_while(|x| *x != c).nth(1).cloned(),
        };
        self.reanalyze();
        let key = self.keymap.key(Action::ChannelFilter);
        self.message = Some((
            Level::Info,
            match (&self.channel, self.feed_unjudged()) {
                (Some(c), Some(least)) => format!(
                    "channel {}: other channels dimmed; its feed is judged from {least} posts a week ({key}: next)",
                    crate::shown::shown(c),
                ),
                (Some(c), None) => format!(
                    "channel {}: other channels dimmed, the mix is {}'s alone ({key}: next)",
                    crate::shown::shown(c),
                    crate::shown::shown(c)
                ),
                (None, _) => "all channels".into(),
            },
        ));
    }

    /// The first week after the shown one that has posts, for the empty-week hint.
    pub(crate) fn next_planned_week(&self) -> Option<Week> {
        let after = self.week.end_exclusive();
        self.schedule
            .range(after..)
            .next()
            .map(|p| Week::containing(p.date, self.config.week_start))
    }
}
