//! `f` in the calendar: the planner's proposals for the shown week, drawn as
//! ghost rows until Enter adds them all as ideas (one undo step) or Esc, or
//! leaving the week, dismisses them. The plan is the one `mixcal suggest` prints,
//! and its posts are the ones `mixcal suggest --apply` adds.

use std::collections::HashSet;

use chrono::NaiveDate;
use ratatui::crossterm::event::KeyEvent;

use super::{App, Level};
use crate::domain::Post;
use crate::mix::{Plan, WeekReport, plan_week};
use crate::tui::action::{Action, SuggestionAction};
use crate::tui::history::Change;
use crate::tui::keymap::KeyMap;

/// Suggestions waiting for the user: the plan and the posts it would add.
#[derive(Debug, Clone)]
pub struct Suggestion {
    plan: Plan,
    /// The plan's posts, with ids already given so that accepting is one change.
    posts: Vec<Post>,
}

impl Suggestion {
    pub fn plan(&self) -> &Plan {
        &self.plan
    }

    /// The posts that accepting adds, in date and time order.
    pub fn posts(&self) -> &[Post] {
        &self.posts
    }

    /// The suggested posts of one day, in time order.
    pub fn on(&self, date: NaiveDate) -> impl Iterator<Item = &Post> {
        self.posts.iter().filter(move |p| p.date == date)
    }

    /// The week as it would be with the suggestions in place.
    pub fn report(&self) -> &WeekReport {
        &self.plan.report
    }

    /// What to change when the suggestions cannot balance the week.
    pub fn advice(&self) -> Option<String> {
        self.plan
            .advice()
            .map(|a| with_again(a, self.plan.change.is_some()))
    }

    /// The status line while the suggestions are shown.
    pub fn hint(&self, keymap: &KeyMap) -> (Level, String) {
        let n = self.posts.len();
        let s = if n == 1 { "" } else { "s" };
        let all = keymap.key(SuggestionAction::AcceptAll);
        let dismiss = keymap.key(SuggestionAction::Dismiss);
        match self.plan.advice() {
            Some(_) if n == 0 => (
                Level::Warning,
                format!(
                    "every posting slot has a post and the week is not balanced: the mix panel says what to change; {dismiss} closes"
                ),
            ),
            None => (
                Level::Info,
                format!("{n} suggestion{s}: {all} accepts all, {dismiss} dismisses"),
            ),
            Some(_) => (
                Level::Warning,
                format!(
                    "{n} suggestion{s}: {all} adds them anyway, {dismiss} dismisses; they cannot balance this week (see the mix panel)"
                ),
            ),
        }
    }
}

/// The planner's advice with what to do after following it.
fn with_again(advice: String, after_a_move: bool) -> String {
    if after_a_move {
        format!("{advice}, then suggest again")
    } else {
        advice
    }
}

impl App {
    /// The suggestions shown as ghost rows, if any.
    pub fn suggestion(&self) -> Option<&Suggestion> {
        self.suggestion.as_ref()
    }

    /// Plans the shown week and shows the proposals, or says why there are none.
    pub(super) fn suggest(&mut self) {
        self.suggestion = None;
        let plan = plan_week(&self.config, &self.schedule, self.week);
        if plan.proposals.is_empty() && plan.balanced() {
            self.message = Some((
                Level::Info,
                "this week is balanced and every posting slot has a post: nothing to suggest"
                    .into(),
            ));
            return;
        }
        // A full week that is not balanced is still shown, without ghosts, so the
        // mix panel can say what to change.
        let mut taken = HashSet::new();
        let posts = plan
            .posts(&self.config)
            .into_iter()
            .map(|mut post| {
                post.id = loop {
                    let id = self.schedule.fresh_id();
                    if taken.insert(id.clone()) {
                        break id;
                    }
                };
                post
            })
            .collect();
        self.suggestion = Some(Suggestion { plan, posts });
    }

    /// While suggestions are shown, the suggestions mode's keys come first.
    /// Returns whether the key was taken.
    pub(super) fn suggestion_key(&mut self, key: KeyEvent) -> bool {
        if self.suggestion.is_none() || self.popup.is_some() {
            return false;
        }
        match self.keymap.get::<SuggestionAction>(&key) {
            Some(SuggestionAction::AcceptAll | SuggestionAction::Accept) => {
                self.accept_suggestions()
            }
            Some(SuggestionAction::Dismiss) => {
                self.suggestion = None;
                self.message = Some((Level::Info, "suggestions dismissed".into()));
            }
            Some(SuggestionAction::Skip) | None => return false,
        }
        true
    }

    /// A click on a ghost row selects its day; the post selected there stays.
    pub(super) fn click_ghost(&mut self, day: usize, _ghost: usize) {
        let date = self.week.start() + chrono::Days::new(day as u64);
        let post = if day == self.day {
            Some(self.post)
        } else {
            None
        };
        self.update(Action::Select { date, post });
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

    /// Adds every suggested post as an idea, as one undo step, and selects the
    /// first. With nothing to add it only closes the suggestions.
    fn accept_suggestions(&mut self) {
        let Some(suggestion) = self.suggestion.take() else {
            return;
        };
        let n = suggestion.posts.len();
        let Some(first) = suggestion.posts.first().map(|p| p.id.clone()) else {
            return;
        };
        let ideas = if n == 1 { "idea" } else { "ideas" };
        let change = Change {
            before: Vec::new(),
            after: suggestion.posts,
        };
        self.change(change, &format!("{n} suggested {ideas}"));
        self.select_id(&first);
        self.say_undoable(format!("added {n} {ideas}"));
    }
}
