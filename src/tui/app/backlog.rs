//! `b` in the calendar: the backlog, the ideas without a date, grouped by
//! category with counts, in the order the planner takes them (priority, then
//! oldest first). An idea is added, edited and deleted here, and placed on the
//! selected day, in its first free posting slot or at a time typed, as one
//! undo step. An evergreen post stays in the backlog: placing it adds a use of
//! it, and the list says when it may be used again.

use chrono::{NaiveDate, NaiveTime};
use ratatui::crossterm::event::KeyEvent;

use super::{App, Level, Popup, Prompt, PromptKind};
use crate::domain::{Post, Source, evergreen, fields};
use crate::mix::library::order;
use crate::mix::slots::free_slots;
use crate::tui::action::{Action, BacklogAction};
use crate::tui::field::TextField;
use crate::tui::form::PostForm;
use crate::tui::history::Change;

/// The backlog window: which idea is selected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BacklogPanel {
    /// The selected idea, by its place in [`App::backlog_ideas`].
    pub(crate) cursor: usize,
}

/// One line of the backlog window.
#[derive(Debug, Clone, Copy)]
pub(crate) enum BacklogRow<'a> {
    /// A category (config index; `None` for one the config no longer has) and
    /// how many ideas it has.
    Heading(Option<usize>, usize),
    /// An idea, with its place among the ideas.
    Idea(usize, &'a Post),
}

impl App {
    /// The backlog's ideas in the window's order: by category in config order,
    /// each in the order the planner takes them.
    pub fn backlog_ideas(&self) -> Vec<&Post> {
        self.backlog_rows()
            .into_iter()
            .filter_map(|r| match r {
                BacklogRow::Idea(_, p) => Some(p),
                BacklogRow::Heading(..) => None,
            })
            .collect()
    }

    /// The window's lines: each category with ideas, then its ideas.
    pub(crate) fn backlog_rows(&self) -> Vec<BacklogRow<'_>> {
        let ordered = order(self.schedule.backlog());
        let n = self.config.categories.len();
        let mut groups: Vec<Vec<&Post>> = vec![Vec::new(); n + 1];
        for p in ordered {
            let i = self.config.category_index(&p.category).unwrap_or(n);
            groups[i].push(p);
        }
        let mut rows = Vec::new();
        let mut k = 0;
        for (i, group) in groups.into_iter().enumerate() {
            if group.is_empty() {
                continue;
            }
            rows.push(BacklogRow::Heading((i < n).then_some(i), group.len()));
            for p in group {
                rows.push(BacklogRow::Idea(k, p));
                k += 1;
            }
        }
        rows
    }

    /// The idea selected in the backlog window.
    pub(crate) fn backlog_selected(&self, panel: &BacklogPanel) -> Option<&Post> {
        let ideas = self.backlog_ideas();
        ideas
            .get(panel.cursor.min(ideas.len().saturating_sub(1)))
            .copied()
    }

    /// When an evergreen post may be used again, from the selected day on:
    /// `None` when it may be used there.
    pub(crate) fn evergreen_rests_until(&self, post: &Post) -> Option<NaiveDate> {
        let uses = self.uses_of(&post.id);
        let day = self.selected_date();
        let free = evergreen::free_from(post.gap(), &uses, day, self.config.week_start);
        (free != day).then_some(free)
    }

    /// The dates an evergreen post is used on.
    pub(crate) fn uses_of(&self, id: &str) -> Vec<NaiveDate> {
        self.schedule
            .iter()
            .filter(|p| matches!(p.source.as_deref(), Some(Source::Reuses(r)) if r == id))
            .filter_map(|p| p.date)
            .collect()
    }

    /// Opens the backlog, with the idea `select` selected when given.
    pub(super) fn open_backlog(&mut self, select: Option<String>) {
        let cursor = select
            .and_then(|id| self.backlog_ideas().iter().position(|p| p.id == id))
            .unwrap_or(0);
        self.popup = Some(Popup::Backlog(BacklogPanel { cursor }));
    }

    /// A key while the backlog is open.
    pub(super) fn backlog_key(&mut self, mut panel: BacklogPanel, key: KeyEvent) {
        let closes = self.keymap.get::<Action>(&key) == Some(Action::Backlog);
        let n = self.schedule.backlog().len();
        let page = usize::from(self.size.1.saturating_sub(8)).max(1);
        let selected = self.backlog_selected(&panel).cloned();
        match self.keymap.get::<BacklogAction>(&key) {
            _ if closes => {}
            Some(BacklogAction::Close) => {}
            Some(BacklogAction::Up) => {
                panel.cursor = panel.cursor.saturating_sub(1);
                self.popup = Some(Popup::Backlog(panel));
            }
            Some(BacklogAction::Down) => {
                panel.cursor = (panel.cursor + 1).min(n.saturating_sub(1));
                self.popup = Some(Popup::Backlog(panel));
            }
            Some(BacklogAction::PageUp) => {
                panel.cursor = panel.cursor.saturating_sub(page);
                self.popup = Some(Popup::Backlog(panel));
            }
            Some(BacklogAction::PageDown) => {
                panel.cursor = (panel.cursor + page).min(n.saturating_sub(1));
                self.popup = Some(Popup::Backlog(panel));
            }
            Some(BacklogAction::Add) => {
                let category = selected
                    .and_then(|p| self.config.category_index(&p.category))
                    .unwrap_or(0);
                let mut form = PostForm::new_idea(category);
                form.backlog = true;
                self.popup = Some(Popup::Form(Box::new(form)));
            }
            action @ Some(
                BacklogAction::Place
                | BacklogAction::PlaceAt
                | BacklogAction::Edit
                | BacklogAction::Delete,
            ) => {
                let Some(idea) = selected else {
                    self.message = Some((
                        Level::Info,
                        format!(
                            "the backlog is empty: {} adds an idea",
                            self.keymap.key(BacklogAction::Add)
                        ),
                    ));
                    self.popup = Some(Popup::Backlog(panel));
                    return;
                };
                match action {
                    Some(BacklogAction::Place) => {
                        if let Err(e) = self.place_idea(&idea.id, None) {
                            self.message = Some((Level::Warning, e));
                            self.popup = Some(Popup::Backlog(panel));
                        }
                    }
                    Some(BacklogAction::PlaceAt) => {
                        let mut field = TextField::new(String::new());
                        field.select_all();
                        self.popup = Some(Popup::Prompt(Box::new(Prompt {
                            kind: PromptKind::PlaceAt,
                            field,
                            error: None,
                            idea: Some(idea.id.clone()),
                        })));
                    }
                    Some(BacklogAction::Edit) => {
                        let mut form = PostForm::edit(&idea, &self.config);
                        form.backlog = true;
                        self.popup = Some(Popup::Form(Box::new(form)));
                    }
                    _ => {
                        self.delete_idea(&idea);
                        panel.cursor = panel.cursor.min(n.saturating_sub(2));
                        self.popup = Some(Popup::Backlog(panel));
                    }
                }
            }
            None => self.popup = Some(Popup::Backlog(panel)),
        }
    }

    /// Deletes an idea. An evergreen post's uses stay, as posts placed from
    /// the backlog: they no longer name it.
    fn delete_idea(&mut self, idea: &Post) {
        let title = idea.title.clone();
        let mut change = Change::delete(idea.clone());
        if idea.evergreen {
            let uses: Vec<Post> = self
                .schedule
                .iter()
                .filter(|p| matches!(p.source.as_deref(), Some(Source::Reuses(r)) if *r == idea.id))
                .cloned()
                .collect();
            for u in uses {
                let mut kept = u.clone();
                kept.source = Some(Box::new(Source::Backlog));
                change.before.push(u);
                change.after.push(kept);
            }
        }
        self.change(change, "delete of an idea");
        self.say_undoable(&format!("deleted “{title}” from the backlog"));
    }

    /// Places an idea on the selected day: at `time`, or in the day's first
    /// free posting slot still to come (taking the slot's channel when it has
    /// none). A plain idea moves out of the backlog; an evergreen post stays
    /// and the day gets a use of it. One undo step; the placed post is
    /// selected.
    pub(super) fn place_idea(&mut self, id: &str, time: Option<NaiveTime>) -> Result<(), String> {
        let Some(idea) = self.schedule.get(id).filter(|p| p.is_idea()).cloned() else {
            return Err("that idea is no longer in the backlog".into());
        };
        let date = self.selected_date();
        let (time, channel) = match time {
            Some(t) => (Some(t), None),
            None => {
                let now = self.clock.now_for(&self.config);
                let day = self.schedule.day(date);
                let slot = free_slots(&self.config, date, day.iter().map(|d| d.post))
                    .into_iter()
                    .filter(|s| s.date.and_time(s.time) >= now)
                    .find(|s| match (&s.channel, &idea.channel) {
                        (Some(a), Some(b)) => a == b,
                        _ => true,
                    })
                    .ok_or_else(|| {
                        format!(
                            "no free posting slot left on {}: {} places the idea at a time you type",
                            date.format("%a %-d %b"),
                            self.keymap.key(BacklogAction::PlaceAt)
                        )
                    })?;
                (Some(slot.time), slot.channel)
            }
        };
        let mut placed = idea.placed(date, time);
        if placed.channel.is_none() {
            placed.channel = channel;
        }
        let when = match time {
            Some(t) => format!("{} {}", date.format("%a %-d %b"), t.format("%H:%M")),
            None => date.format("%a %-d %b").to_string(),
        };
        let title = idea.title.clone();
        let mut rest = None;
        if idea.evergreen {
            if let Some(until) = self.evergreen_rests_until(&idea) {
                rest = Some(until);
            }
            placed.id = self.schedule.fresh_id();
            let id = placed.id.clone();
            self.change(Change::add(placed), "use of an evergreen post");
            self.select_id(&id);
        } else {
            self.change(Change::replace(idea.clone(), placed), "placing an idea");
            self.select_id(&idea.id);
        }
        match rest {
            Some(until) => {
                self.message = Some((
                    Level::Warning,
                    format!(
                        "placed “{title}” on {when}, within its rest of {} (it is free from {}); {} undoes",
                        idea.gap(),
                        until.format("%a %-d %b %Y"),
                        self.keymap.describe(Action::Undo)
                    ),
                ));
            }
            None => self.say_undoable(&format!("placed “{title}” on {when}")),
        }
        Ok(())
    }

    /// The time typed for placing an idea.
    pub(super) fn place_at(&mut self, id: &str, text: &str) -> Result<(), String> {
        let time = fields::time(text).map_err(|e| e.one_line())?;
        self.place_idea(id, Some(time))
    }
}
