//! `f` in the calendar: the planner's proposals for the shown week, drawn as
//! ghost rows among the week's posts. They are selected like posts, and the
//! detail panel says why each is proposed and where its post comes from (an
//! idea of the backlog, a use of an evergreen post, or a placeholder); one can
//! be accepted (one undo step: a backlog idea moves into the week, and undo
//! puts it back) or skipped, or all accepted at once; Esc, or leaving the
//! week, dismisses them. The plan is the one `mixcal suggest` prints, and its
//! posts are the ones `mixcal suggest --apply` adds.
//!
//! This is a thin layer over the planner's [`Plan`]: the proposals become
//! posts with ids once, and skipping one only re-checks the week with the rest,
//! through the same analysis the mix panel uses.

use std::collections::HashSet;

use chrono::NaiveDate;
use ratatui::crossterm::event::KeyEvent;

use super::{App, Level};
use crate::config::Config;
use crate::domain::{Dated, Post, Schedule};
use crate::mix::library::OUTLOOK_WEEKS;
use crate::mix::{Fill, Item, Mix, Outlook, Plan, WeekReport, Words, analyze_items};
use crate::tui::action::{Action, SuggestionAction};
use crate::tui::history::Change;
use crate::tui::keymap::KeyMap;

/// Suggestions waiting for the user: the plan, the posts it would add and why.
#[derive(Debug, Clone)]
pub struct Suggestion {
    plan: Plan,
    /// The proposals still shown as posts, with ids already given so that
    /// accepting is one change; in date and time order.
    posts: Vec<Post>,
    /// For each of `posts`, the backlog idea it takes out of the backlog.
    taken: Vec<Option<Post>>,
    /// What the backlog lacks for the next weeks, in words.
    outlook: String,
    /// Why each of `posts` is proposed, in the planner's words.
    reasons: Vec<String>,
    /// The week with the posts still shown; the plan's own report until one
    /// is skipped.
    report: WeekReport,
    /// How many were skipped; the planner's advice holds only for the whole plan.
    skipped: usize,
}

impl Suggestion {
    pub(crate) fn plan(&self) -> &Plan {
        &self.plan
    }

    /// The posts that accepting adds, in date and time order.
    pub fn posts(&self) -> &[Post] {
        &self.posts
    }

    /// The suggested posts of one day, in time order.
    pub(crate) fn on(&self, date: NaiveDate) -> impl Iterator<Item = Dated<'_>> {
        self.posts
            .iter()
            .filter(move |p| p.date == Some(date))
            .map(move |post| Dated { post, date })
    }

    /// The place in `posts` of the `k`-th suggestion of a day.
    fn index_on(&self, date: NaiveDate, k: usize) -> Option<usize> {
        self.posts
            .iter()
            .enumerate()
            .filter(|(_, p)| p.date == Some(date))
            .nth(k)
            .map(|(i, _)| i)
    }

    /// The `k`-th suggestion of a day and why it is proposed.
    pub(crate) fn get(&self, date: NaiveDate, k: usize) -> Option<(&Post, &str)> {
        let i = self.index_on(date, k)?;
        Some((&self.posts[i], self.reasons[i].as_str()))
    }

    /// What the backlog lacks for the next weeks, in words.
    pub(crate) fn outlook(&self) -> &str {
        &self.outlook
    }

    /// The week as it would be with the suggestions still shown in place.
    pub(crate) fn report(&self) -> &WeekReport {
        &self.report
    }

    /// What to change when the suggestions alone cannot balance the week, in
    /// the planner's words; it holds only for the whole plan.
    pub fn advice(&self, config: &Config) -> Option<String> {
        if self.skipped > 0 {
            return None;
        }
        Words::new(config).plan_advice(&self.plan)
    }

    /// The status line while the suggestions are shown; `selected` when one of
    /// them is selected.
    pub(crate) fn hint(&self, keymap: &KeyMap, selected: Option<&Post>) -> (Level, String) {
        let n = self.posts.len();
        let s = if n == 1 { "" } else { "s" };
        let them = if n == 1 { "it" } else { "them" };
        let all = keymap.key(SuggestionAction::AcceptAll);
        let dismiss = keymap.key(SuggestionAction::Dismiss);
        let down = keymap.key(Action::NextPost);
        if let Some(p) = selected {
            let at = p.time.map(|t| format!(" at {}", t.format("%H:%M")));
            let what = match p.source {
                Some(_) => format!("“{}”", p.title),
                None => p.title.to_lowercase(),
            };
            return (
                Level::Info,
                format!(
                    "suggested {}{}: {all} accepts all {n}, {} this one, {} skips it",
                    what,
                    at.unwrap_or_default(),
                    keymap.key(SuggestionAction::Accept),
                    keymap.key(SuggestionAction::Skip),
                ),
            );
        }
        let unbalanced = !self.plan.balanced();
        let changes_too = self.plan.blocked.is_none() && !self.plan.changes.is_empty();
        let full = if self.plan.unfilled.is_empty() {
            "every posting slot still to come has a post"
        } else {
            "no post in the open slots would help"
        };
        match () {
            () if unbalanced && n == 0 => (
                Level::Warning,
                format!(
                    "{full} and the week is not balanced: the mix panel says what to change; {dismiss} closes"
                ),
            ),
            () if unbalanced && self.skipped == 0 && changes_too => (
                Level::Warning,
                format!(
                    "{n} suggestion{s}: {all} adds {them}, then {} makes the change the mix panel names; {dismiss} dismisses",
                    keymap.key(Action::Repair)
                ),
            ),
            () if unbalanced && self.skipped == 0 => (
                Level::Warning,
                format!(
                    "{n} suggestion{s}: {all} adds {them} anyway, {dismiss} dismisses; {} cannot balance this week (see the mix panel)",
                    if n == 1 { "it" } else { "they" }
                ),
            ),
            () => (
                Level::Info,
                format!(
                    "{n} suggestion{s}: {down} selects them one by one, {all} accepts all, {dismiss} dismisses"
                ),
            ),
        }
    }

    /// The week re-checked with the suggestions still shown.
    fn recheck(&mut self, mix: &Mix, schedule: &Schedule) {
        let mut all: Vec<Dated> = schedule.week(self.plan.week).collect();
        all.extend(self.posts.iter().filter_map(Dated::of));
        all.sort_by_key(|p| (p.date, p.time));
        let items: Vec<Item> = all
            .iter()
            .map(|p| Item::of(*p, mix.config, mix.now))
            .collect();
        self.report = analyze_items(mix.config, mix.rules, self.plan.week, &items, &[]);
    }
}

/// One entry of a day: a post (with its index in the day) or a suggestion not
/// yet accepted (with its index among the day's suggestions).
#[derive(Debug, Clone, Copy)]
pub(crate) enum Row<'a> {
    Post(usize, Dated<'a>),
    Ghost(usize, Dated<'a>),
}

impl<'a> Row<'a> {
    pub(crate) fn post(self) -> Dated<'a> {
        match self {
            Row::Post(_, p) | Row::Ghost(_, p) => p,
        }
    }

    pub(crate) fn is_ghost(self) -> bool {
        matches!(self, Row::Ghost(..))
    }
}

/// A day's entries: its posts in order, with the shown suggestions merged in
/// at their times. Without suggestions it holds nothing but the day's slice.
pub(crate) struct DayRows<'a> {
    posts: Vec<Dated<'a>>,
    /// Each suggestion and the row it takes, in row order.
    ghosts: Vec<(usize, Dated<'a>)>,
}

impl<'a> DayRows<'a> {
    pub(crate) fn of(app: &'a App, date: NaiveDate) -> DayRows<'a> {
        let posts = app.schedule().day(date);
        let ghosts = app
            .suggestion()
            .map(|s| {
                s.on(date)
                    .enumerate()
                    .map(|(k, g)| (posts.partition_point(|p| p.time <= g.time) + k, g))
                    .collect()
            })
            .unwrap_or_default();
        DayRows { posts, ghosts }
    }

    pub(crate) fn len(&self) -> usize {
        self.posts.len() + self.ghosts.len()
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub(crate) fn get(&self, row: usize) -> Option<Row<'a>> {
        let mut before = 0;
        for (k, &(at, ghost)) in self.ghosts.iter().enumerate() {
            if at == row {
                return Some(Row::Ghost(k, ghost));
            }
            if at < row {
                before += 1;
            }
        }
        let i = row.checked_sub(before)?;
        self.posts.get(i).map(|p| Row::Post(i, *p))
    }

    pub(crate) fn iter(&self) -> impl Iterator<Item = Row<'a>> + '_ {
        (0..self.len()).filter_map(|r| self.get(r))
    }

    /// The row of the day's `i`-th post.
    pub(crate) fn row_of(&self, i: usize) -> usize {
        let mut row = i;
        for &(at, _) in &self.ghosts {
            if at <= row {
                row += 1;
            }
        }
        row
    }

    /// The row of the day's `k`-th suggestion.
    pub(crate) fn row_of_ghost(&self, k: usize) -> Option<usize> {
        self.ghosts.get(k).map(|&(at, _)| at)
    }
}

/// What a row holds, without borrowing the day: to select it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pick {
    Post(usize),
    Ghost(usize),
}

impl App {
    /// The suggestions shown as ghost rows, if any.
    pub fn suggestion(&self) -> Option<&Suggestion> {
        self.suggestion.as_ref()
    }

    /// The selected suggestion and why it is proposed, when one is selected.
    pub fn selected_ghost(&self) -> Option<(&Post, &str)> {
        let k = self.ghost?;
        self.suggestion.as_ref()?.get(self.selected_date(), k)
    }

    /// The row of the selected day that is selected: a post or a suggestion.
    pub(crate) fn selected_row(&self, rows: &DayRows) -> Option<usize> {
        match self.ghost {
            Some(k) => rows.row_of_ghost(k),
            None => self.selected_index().map(|i| rows.row_of(i)),
        }
    }

    /// Moves the selection one row within the day, over posts and suggestions
    /// alike. Returns `false` at the day's edge.
    pub(super) fn step_row(&mut self, forward: bool) -> bool {
        let rows = DayRows::of(self, self.selected_date());
        let n = rows.len();
        let next = match self.selected_row(&rows) {
            Some(r) if forward => (r + 1 < n).then_some(r + 1),
            Some(r) => r.checked_sub(1),
            // Nothing selected yet on a day that has rows: its first.
            None => (n > 0).then_some(0),
        };
        let pick = next.and_then(|r| rows.get(r)).map(|row| match row {
            Row::Post(i, _) => Pick::Post(i),
            Row::Ghost(k, _) => Pick::Ghost(k),
        });
        match pick {
            Some(p) => {
                self.pick(p);
                true
            }
            None => false,
        }
    }

    /// Selects the first (`last` false) or last row of the selected day.
    pub(super) fn select_edge_row(&mut self, last: bool) {
        let rows = DayRows::of(self, self.selected_date());
        let row = if last {
            rows.len().checked_sub(1)
        } else {
            Some(0)
        };
        let pick = row.and_then(|r| rows.get(r)).map(|row| match row {
            Row::Post(i, _) => Pick::Post(i),
            Row::Ghost(k, _) => Pick::Ghost(k),
        });
        match pick {
            Some(p) => self.pick(p),
            None => {
                self.post = 0;
                self.ghost = None;
            }
        }
    }

    fn pick(&mut self, pick: Pick) {
        match pick {
            Pick::Post(i) => {
                self.post = i;
                self.ghost = None;
            }
            Pick::Ghost(k) => self.ghost = Some(k),
        }
    }

    /// Plans the shown week and shows the proposals, or says why there are none.
    pub(super) fn suggest(&mut self) {
        self.suggestion = None;
        self.ghost = None;
        let plan = self.mix().plan(&self.schedule, self.week);
        if plan.proposals.is_empty() && plan.balanced() {
            let text = match Words::new(&self.config).unfilled(&plan) {
                Some(empty) => format!("this week is balanced: nothing to suggest ({empty})"),
                None => "this week is balanced and every posting slot still to come has a post: nothing to suggest".into(),
            };
            self.message = Some((Level::Info, text));
            return;
        }
        // A full week that is not balanced is still shown, without ghosts, so the
        // mix panel can say what to change.
        let mut given = HashSet::new();
        let mut posts = Vec::with_capacity(plan.proposals.len());
        let mut taken = Vec::with_capacity(plan.proposals.len());
        for p in &plan.proposals {
            let mut post = p.to_post(&self.config);
            match &p.fill {
                Fill::Idea(_) => taken.push(self.schedule.get(&post.id).cloned()),
                Fill::Evergreen(_) | Fill::Placeholder => {
                    post.id = loop {
                        let id = self.schedule.fresh_id();
                        if given.insert(id.clone()) {
                            break id;
                        }
                    };
                    taken.push(None);
                }
            }
            posts.push(post);
        }
        let outlook: Outlook = self.mix().outlook(&self.schedule, self.week, OUTLOOK_WEEKS);
        let words = Words::new(&self.config);
        let reasons = plan
            .proposals
            .iter()
            .map(|p| words.reason(&p.reason))
            .collect();
        let report = plan.report.clone();
        let outlook = words.outlook_short(&outlook);
        self.suggestion = Some(Suggestion {
            plan,
            posts,
            taken,
            outlook,
            reasons,
            report,
            skipped: 0,
        });
        // On a day with nothing selected, its first suggestion is.
        if self.selected_index().is_none() {
            self.select_edge_row(false);
        }
    }

    /// While suggestions are shown, the suggestions mode's keys come first; a
    /// key that does not apply (accepting with a real post selected) goes on
    /// to the calendar. Returns whether the key was taken.
    pub(super) fn suggestion_key(&mut self, key: KeyEvent) -> bool {
        if self.suggestion.is_none() || self.popup.is_some() {
            return false;
        }
        let ghost = self.ghost;
        let post = self.selected_index();
        match self.keymap.get::<SuggestionAction>(&key) {
            Some(SuggestionAction::AcceptAll) => self.accept_suggestions(),
            Some(SuggestionAction::Dismiss) => {
                self.suggestion = None;
                self.ghost = None;
                self.message = Some((Level::Info, "suggestions dismissed".into()));
            }
            Some(SuggestionAction::Accept) if ghost.is_some() => self.accept_selected(),
            Some(SuggestionAction::Skip) if ghost.is_some() => self.skip_selected(),
            Some(SuggestionAction::Accept | SuggestionAction::Skip) if post.is_none() => {
                self.message = Some((
                    Level::Info,
                    format!(
                        "no suggestion selected: {} / {} select one, {} accepts them all",
                        self.keymap.key(Action::NextPost),
                        self.keymap.key(Action::PrevPost),
                        self.keymap.key(SuggestionAction::AcceptAll)
                    ),
                ));
            }
            _ => return false,
        }
        true
    }

    /// Whether `action` leaves shown suggestions in place: moving around the
    /// week and asking for help do; anything that could change the week does not.
    pub(super) fn keeps_suggestion(action: Action) -> bool {
        matches!(
            action,
            Action::PrevDay
                | Action::NextDay
                | Action::PrevPost
                | Action::NextPost
                | Action::PrevWeek
                | Action::NextWeek
                | Action::ThisWeek
                | Action::Select { .. }
                | Action::Resize { .. }
                | Action::Help
                | Action::Agenda
                | Action::GoTo
                | Action::Search
                | Action::NextMatch
                | Action::PrevMatch
                | Action::ChannelFilter
        )
    }

    /// A click on a ghost row selects it.
    pub(super) fn click_ghost(&mut self, day: usize, ghost: usize) {
        let date = self.week.start() + chrono::Days::new(day as u64);
        self.update(Action::Select { date, post: None });
        if self.suggestion.is_some() {
            self.ghost = Some(ghost);
        }
    }

    /// Adds the selected suggestion as an idea (one undo step) and selects it;
    /// the other suggestions stay.
    fn accept_selected(&mut self) {
        let date = self.selected_date();
        let Some(i) = self
            .ghost
            .and_then(|k| self.suggestion.as_ref()?.index_on(date, k))
        else {
            return;
        };
        let Some(s) = self.suggestion.as_mut() else {
            return;
        };
        let post = s.posts.remove(i);
        let idea = s.taken.remove(i);
        s.reasons.remove(i);
        let left = s.posts.len();
        // The week with it accepted is the week with it suggested: the report stays.
        let id = post.id.clone();
        let title = post.title.clone();
        let how = match (&idea, &post.source) {
            (Some(_), _) => "from the backlog",
            (None, Some(_)) => "as a use of an evergreen post",
            (None, None) => "as an idea",
        };
        self.change(
            Change {
                before: idea.into_iter().collect(),
                after: vec![post],
            },
            "accepted suggestion",
        );
        if left == 0 {
            self.suggestion = None;
        }
        self.ghost = None;
        self.select_id(&id);
        self.say_undoable(&format!(
            "added “{title}” {how}; {left} suggestion{} left",
            if left == 1 { "" } else { "s" }
        ));
    }

    /// Drops the selected suggestion and re-checks the week without it; the
    /// next row is selected.
    fn skip_selected(&mut self) {
        let date = self.selected_date();
        let Some(k) = self.ghost else { return };
        let Some(i) = self.suggestion.as_ref().and_then(|s| s.index_on(date, k)) else {
            return;
        };
        let row = self.selected_row(&DayRows::of(self, date));
        let mix = Mix::new(&self.config, &self.rules, self.clock.now_for(&self.config));
        let Some(s) = self.suggestion.as_mut() else {
            return;
        };
        s.posts.remove(i);
        s.taken.remove(i);
        s.reasons.remove(i);
        s.skipped += 1;
        s.recheck(&mix, &self.schedule);
        let left = s.posts.len();
        if left == 0 {
            self.suggestion = None;
        }
        self.ghost = None;
        // The row that took its place, else the one before.
        if let Some(row) = row {
            let rows = DayRows::of(self, date);
            let pick = rows
                .get(row.min(rows.len().saturating_sub(1)))
                .map(|r| match r {
                    Row::Post(i, _) => Pick::Post(i),
                    Row::Ghost(k, _) => Pick::Ghost(k),
                });
            if let Some(p) = pick {
                self.pick(p);
            }
        }
        self.message = Some((
            Level::Info,
            format!(
                "skipped; {left} suggestion{} left",
                if left == 1 { "" } else { "s" }
            ),
        ));
    }

    /// Adds every suggested post as an idea, as one undo step, and selects the
    /// first. With nothing to add it only closes the suggestions.
    fn accept_suggestions(&mut self) {
        let Some(suggestion) = self.suggestion.take() else {
            return;
        };
        self.ghost = None;
        let n = suggestion.posts.len();
        let Some(first) = suggestion.posts.first().map(|p| p.id.clone()) else {
            return;
        };
        let from_backlog = suggestion.taken.iter().flatten().count();
        let posts = if n == 1 { "post" } else { "posts" };
        let change = Change {
            before: suggestion.taken.into_iter().flatten().collect(),
            after: suggestion.posts,
        };
        self.change(change, &format!("{n} suggested {posts}"));
        self.select_id(&first);
        let backlog = match from_backlog {
            0 => String::new(),
            k => format!(", {k} of them from the backlog"),
        };
        self.say_undoable(&format!("added {n} {posts}{backlog}"));
    }
}
