//! The calendar's state and the one place it changes: `App::update(Action)`.
//! Drawing (in `view/`) only reads it. Keys and clicks are turned into
//! actions in `input`; search, go-to and the channel filter live in `find`;
//! noticing changes made by other programs in `watch`; the planner's
//! suggestions in `suggest`.

mod backlog;
mod find;
mod input;
mod occurrence;
mod publish;
mod repair;
mod suggest;
mod watch;

use chrono::{Days, NaiveDate};

use super::action::Action;
use super::export::ExportForm;
use super::form::PostForm;
use super::history::{Change, History};
use super::keymap::KeyMap;
use super::publish::PublishPrompt;
use super::recovery::{Recovery, write_recovered};
use super::review::{ReviewScreen, Sources};
use super::theme::Theme;
use crate::config::Config;
use crate::domain::{Dated, Post, Schedule, Week, supported, supported_range};
use crate::env::Clock;
use crate::mix::slots::free_slots;
use crate::mix::{Mix, PostRef, Review, Rules, WeekReport};
use crate::store::{Store, StoreError, posts_to_toml};

pub(crate) use backlog::{BacklogPanel, BacklogRow};
pub(crate) use find::{Prompt, PromptKind, Search};
pub(crate) use input::EditRequest;
pub(crate) use occurrence::{OnDate, Which};
pub(crate) use suggest::{DayRows, Row, Suggestion};

/// A window over the calendar: at most one at a time, closed with Esc.
#[derive(Debug, Clone)]
pub enum Popup {
    Form(Box<PostForm>),
    /// Every key of every mode; `scroll` lines scrolled when it does not fit.
    Help {
        scroll: usize,
    },
    /// Quitting with unsaved changes: save and quit, quit, cancel.
    QuitPrompt,
    /// The file is read-only: (y) save anyway, (n) do not save, as editors ask.
    ReadOnly {
        quit_after: bool,
        /// Whether the user already chose to overwrite a file changed on disk.
        overwrite: bool,
    },
    /// Saving found the file changed on disk: reload, overwrite, cancel.
    Conflict {
        quit_after: bool,
    },
    /// Another program changed the file while there are unsaved changes:
    /// reload, keep mine.
    OutsideChange,
    /// Five weeks around `center`, one row each.
    Overview(Overview),
    /// Writing posts to a file in another format.
    Export(Box<ExportForm>),
    /// A one-line question: search, go to, or the time to place an idea at.
    Prompt(Box<Prompt>),
    /// The selected post published: its responses and the minutes it took.
    Publish(Box<PublishPrompt>),
    /// Which channels earn their time.
    Review(Box<ReviewScreen>),
    /// The backlog's ideas, grouped by category.
    Backlog(BacklogPanel),
    /// An edit of one date of a repeating post: that date alone, or the series.
    Which(Which),
}

/// The weeks overview: the weeks shown, their reports, and the highlighted row.
#[derive(Debug, Clone)]
pub struct Overview {
    pub reports: Vec<WeekReport>,
    pub cursor: usize,
}

impl Overview {
    pub(crate) const ROWS: usize = 5;

    fn around(mix: &Mix, schedule: &Schedule, center: Week, cursor: usize) -> Overview {
        let mut first = center;
        for _ in 0..Overview::ROWS / 2 {
            first = first.prev();
        }
        let mut reports = Vec::with_capacity(Overview::ROWS);
        let mut w = first;
        for _ in 0..Overview::ROWS {
            reports.push(mix.check(schedule, w));
            w = w.next();
        }
        Overview { reports, cursor }
    }

    pub fn selected(&self) -> Option<Week> {
        self.reports.get(self.cursor).map(|r| r.week)
    }
}

/// How loud a status-line message is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Info,
    Warning,
    Error,
}

/// The whole calendar.
pub struct App {
    pub config: Config,
    /// The config's rules, compiled.
    pub(crate) rules: Rules,
    pub(crate) keymap: KeyMap,
    pub(crate) theme: Theme,
    schedule: Schedule,
    store: Store,
    /// Today, passed in so that drawing never reads the clock.
    pub today: NaiveDate,
    week: Week,
    /// Selected day, 0..7 from the week's start.
    day: usize,
    /// Selected post within the day, clamped to the day's posts.
    post: usize,
    /// While suggestions are shown: the selected one, by its index among the
    /// selected day's suggestions (then no post is selected).
    ghost: Option<usize>,
    /// The shown week's analysis and the verdict on it (with its repair);
    /// redone only when that week changes.
    review: Review,
    /// The shown week's placeholders still to write, as `mixcal check` names
    /// them; redone with the review.
    placeholders: Vec<PostRef>,
    history: History,
    saved_revision: u64,
    popup: Option<Popup>,
    message: Option<(Level, String)>,
    size: (u16, u16),
    quit: bool,
    demo: bool,
    recovery: Recovery,
    /// The local date and time: for an export's stamp and past-post warnings,
    /// and for the mix, which never changes a past post or fills a past slot.
    /// Fixed at the start of `today` until `set_clock` says otherwise.
    clock: Clock,
    /// Suggestions shown as ghost rows in the week (`f`).
    suggestion: Option<Suggestion>,
    /// The user's choice of grid or agenda; `None` follows the width.
    agenda: Option<bool>,
    /// The last search and where in its matches the calendar is.
    search: Option<Search>,
    /// The channel whose posts stand out and whose mix the panel shows.
    channel: Option<String>,
    /// How many posts each channel has, kept with every change so that the
    /// channel filter need not read every post.
    channels: find::ChannelCounts,
    /// The shown week's mix over the filtered channel's posts alone.
    channel_report: Option<WeekReport>,
    /// What the schedule file looked like on disk when last checked.
    watch: watch::Watch,
    /// A field waiting to be edited in `$VISUAL` / `$EDITOR`.
    editor: Option<EditRequest>,
    /// The last click, to notice a double click.
    last_click: Option<input::Click>,
    /// The last change was refused (a date out of range): its message stays.
    refused: bool,
}

/// Below this width the agenda is shown unless the user chose the grid.
pub(crate) const AGENDA_BELOW: u16 = 80;

impl App {
    pub fn new(
        config: Config,
        keymap: KeyMap,
        theme: Theme,
        schedule: Schedule,
        store: Store,
        today: NaiveDate,
        week: Week,
    ) -> App {
        let clock = Clock::Fixed(today.and_time(chrono::NaiveTime::MIN));
        // The rules were checked when the config loaded (a bad rule stops the
        // calendar before it starts); an App built from an unchecked config
        // says so rather than checking nothing.
        let (rules, rules_error) = match Rules::compile(&config) {
            Ok(rules) => (rules, None),
            Err(e) => (
                Rules::default(),
                Some(format!("the config's rules cannot be read: {e}")),
            ),
        };
        let mix = Mix::new(&config, &rules, clock.now_for(&config));
        let review = mix.review(&schedule, week);
        let placeholders = mix.placeholders(&schedule, week);
        let day = if week.contains(today) {
            (today - week.start()).num_days() as usize
        } else {
            0
        };
        let recovery = Recovery::for_file(store.path(), &config);
        let history = History::new();
        let watch = watch::Watch::of(store.path());
        let channels = find::count_channels(&schedule);
        App {
            saved_revision: history.revision(),
            config,
            rules,
            keymap,
            theme,
            schedule,
            store,
            today,
            week,
            day,
            post: 0,
            ghost: None,
            review,
            placeholders,
            history,
            popup: None,
            message: rules_error.map(|e| (Level::Error, e)),
            size: (80, 24),
            quit: false,
            demo: false,
            recovery,
            clock,
            suggestion: None,
            agenda: None,
            search: None,
            channel: None,
            channels,
            channel_report: None,
            watch,
            editor: None,
            last_click: None,
            refused: false,
        }
    }

    /// Replaces the clock (the calendar passes the environment's in; tests fix
    /// it), and checks the shown week again by it.
    pub fn set_clock(&mut self, clock: Clock) {
        self.clock = clock;
        self.reanalyze();
    }

    /// What the review screen reads to work a review out.
    pub(super) fn review_sources(&self) -> Sources<'_> {
        Sources {
            config: &self.config,
            rules: &self.rules,
            schedule: &self.schedule,
            today: self.today,
        }
    }

    /// The mix as of now: config, rules and the clock.
    pub fn mix(&self) -> Mix<'_> {
        Mix::new(&self.config, &self.rules, self.clock.now_for(&self.config))
    }

    /// Marks the schedule as the demo week: not on disk until the user saves it.
    pub fn set_demo(&mut self) {
        self.demo = true;
        // Every demo post is unsaved until the user saves.
        self.recovery = Recovery::empty(&self.config);
        self.recovery.record(&Change {
            before: Vec::new(),
            after: self.schedule.iter().cloned().collect(),
        });
        self.message = Some((
            Level::Info,
            format!(
                "demo week: nothing is written unless you save ({} saves to {})",
                self.keymap.describe(Action::Save),
                self.store.path().display()
            ),
        ));
    }

    // ----- reading, for the view and for tests -----

    pub fn schedule(&self) -> &Schedule {
        &self.schedule
    }

    pub fn week(&self) -> Week {
        self.week
    }

    /// The mix panel's analysis: while suggestions are shown, the week as it
    /// would be with them; under a channel filter, that channel's posts alone;
    /// else the whole week.
    pub fn report(&self) -> &WeekReport {
        match (&self.suggestion, &self.channel_report) {
            (Some(s), _) => s.report(),
            (None, Some(r)) => r,
            (None, None) => &self.review.report,
        }
    }

    /// Under the channel filter, when the channel has fewer posts this week
    /// than every rule that reads its feed needs, that least number: the feed
    /// is not judged, which is not the same as balanced.
    pub fn feed_unjudged(&self) -> Option<u32> {
        let channel = self.channel.as_deref()?;
        let least = self
            .rules
            .iter()
            .filter(|r| r.scope.covers(channel))
            .map(|r| r.scope.min_posts.max(1))
            .min()?;
        (self.channel_report.as_ref()?.total < least).then_some(least)
    }

    /// The whole week's analysis, whatever the panel shows.
    pub fn week_report(&self) -> &WeekReport {
        &self.review.report
    }

    /// The shown week as it is: its report and the verdict on it, with the
    /// repair `r` applies.
    pub fn review(&self) -> &Review {
        &self.review
    }

    /// The shown week's placeholders still to write.
    pub(crate) fn placeholders(&self) -> &[PostRef] {
        &self.placeholders
    }

    pub fn selected_date(&self) -> NaiveDate {
        self.week.start() + Days::new(self.day as u64)
    }

    pub(crate) fn selected_day(&self) -> usize {
        self.day
    }

    /// The index of the selected post within its day, if the day has posts
    /// and no suggestion is selected instead.
    pub(crate) fn selected_index(&self) -> Option<usize> {
        if self.ghost.is_some() {
            return None;
        }
        let n = self.schedule.day(self.selected_date()).len();
        (n > 0).then(|| self.post.min(n - 1))
    }

    /// The selected post on its day: a post, or a date of a repeating post.
    pub fn selected_post(&self) -> Option<Dated<'_>> {
        let i = self.selected_index()?;
        self.schedule.day(self.selected_date()).get(i).copied()
    }

    pub fn popup(&self) -> Option<&Popup> {
        self.popup.as_ref()
    }

    pub fn message(&self) -> Option<&(Level, String)> {
        self.message.as_ref()
    }

    pub fn is_dirty(&self) -> bool {
        self.history.revision() != self.saved_revision
    }

    pub(crate) fn is_demo(&self) -> bool {
        self.demo
    }

    pub fn should_quit(&self) -> bool {
        self.quit
    }

    pub(crate) fn size(&self) -> (u16, u16) {
        self.size
    }

    pub(crate) fn recovery(&self) -> Recovery {
        self.recovery.clone()
    }

    /// Whether the agenda is shown instead of the week grid.
    pub fn agenda(&self) -> bool {
        self.agenda.unwrap_or(self.size.0 < AGENDA_BELOW)
    }

    /// The channel filter, if one is on.
    pub fn channel(&self) -> Option<&str> {
        self.channel.as_deref()
    }

    /// Whether a post stands out under the channel filter (every post does
    /// when there is none).
    pub(crate) fn in_channel(&self, post: &Post) -> bool {
        match &self.channel {
            None => true,
            Some(c) => post
                .channel
                .as_deref()
                .is_some_and(|p| crate::config::channel_key(p) == crate::config::channel_key(c)),
        }
    }

    // ----- carrying out actions -----

    /// Carries out one action.
    pub fn update(&mut self, action: Action) {
        if !App::keeps_suggestion(action) {
            self.suggestion = None;
            self.ghost = None;
        }
        match action {
            Action::PrevDay => self.move_day(-1),
            Action::NextDay => self.move_day(1),
            Action::PrevPost => self.step_post(false),
            Action::NextPost => self.step_post(true),
            Action::PrevWeek => self.go_to_week(self.week.prev()),
            Action::NextWeek => self.go_to_week(self.week.next()),
            Action::ThisWeek => self.select_date(self.today, 0),
            Action::GoTo => self.open_prompt(PromptKind::GoTo),
            Action::Search => self.open_prompt(PromptKind::Search),
            Action::NextMatch => self.next_match(true),
            Action::PrevMatch => self.next_match(false),
            Action::ChannelFilter => self.cycle_channel(),
            Action::Agenda => {
                let agenda = !self.agenda();
                self.agenda = Some(agenda);
                self.message = Some((
                    Level::Info,
                    format!(
                        "{} ({} switches back)",
                        if agenda { "agenda" } else { "week grid" },
                        self.keymap.describe(Action::Agenda)
                    ),
                ));
            }
            Action::Add => self.open_add_form(),
            Action::Edit => self.edit_selected(),
            Action::Delete => self.on_selected(OnDate::Delete),
            Action::Duplicate => match self.selected_post().map(|d| d.to_post()) {
                Some(p) => {
                    let mut copy = p.again();
                    copy.id = self.schedule.fresh_id();
                    let id = copy.id.clone();
                    self.change(Change::add(copy), "duplicate");
                    self.select_id(&id);
                    self.say_undoable(&format!("duplicated “{}”", p.title));
                }
                None => self.no_post(),
            },
            Action::CopyWeek => self.copy_week(),
            Action::MovePrevDay => self.on_selected(OnDate::Move(-1)),
            Action::MoveNextDay => self.on_selected(OnDate::Move(1)),
            Action::CycleCategory => {
                if let Some(p) = self.selected_post() {
                    let n = self.config.categories.len();
                    let next = self
                        .config
                        .category_index(&p.category)
                        .map_or(0, |i| (i + 1) % n.max(1));
                    self.on_selected(OnDate::Category(next));
                } else {
                    self.no_post();
                }
            }
            Action::SetCategory(i) => {
                if i >= self.config.categories.len() {
                    self.message = Some((
                        Level::Warning,
                        format!(
                            "there is no category {}: the config has {}",
                            i + 1,
                            self.config.categories.len()
                        ),
                    ));
                } else if self.selected_post().is_some() {
                    self.on_selected(OnDate::Category(i));
                } else {
                    self.no_post();
                }
            }
            Action::Undo => match self.history.undo(&mut self.schedule) {
                Some((change, label)) => {
                    self.after_history(&change);
                    self.message = Some((Level::Info, format!("undid {label}")));
                }
                None => self.message = Some((Level::Info, "nothing to undo".into())),
            },
            Action::Redo => match self.history.redo(&mut self.schedule) {
                Some((change, label)) => {
                    self.after_history(&change);
                    self.message = Some((Level::Info, format!("redid {label}")));
                }
                None => self.message = Some((Level::Info, "nothing to redo".into())),
            },
            Action::Save => self.save(false),
            Action::Suggest => self.suggest(),
            Action::Repair => self.repair(),
            Action::Export => {
                self.popup = Some(Popup::Export(Box::new(ExportForm::new(
                    self.store.path(),
                    self.week,
                ))));
            }
            Action::Overview => {
                self.popup = Some(Popup::Overview(Overview::around(
                    &self.mix(),
                    &self.schedule,
                    self.week,
                    Overview::ROWS / 2,
                )));
            }
            Action::Publish => self.open_publish(),
            Action::Review => {
                self.popup = Some(Popup::Review(Box::new(ReviewScreen::new(
                    &self.review_sources(),
                ))));
            }
            Action::Backlog => self.open_backlog(None),
            Action::Dismiss => self.end_search(),
            Action::Help => self.popup = Some(Popup::Help { scroll: 0 }),
            Action::Quit => {
                if self.is_dirty() {
                    self.popup = Some(Popup::QuitPrompt);
                } else {
                    self.quit = true;
                }
            }
            Action::Select { date, post } => {
                self.select_date(date, post.unwrap_or(0));
            }
            Action::Resize { width, height } => self.size = (width, height),
        }
    }

    // ----- selection -----

    fn move_day(&mut self, by: i64) {
        let date = if by < 0 {
            self.selected_date()
                .checked_sub_days(Days::new(by.unsigned_abs()))
        } else {
            self.selected_date()
                .checked_add_days(Days::new(by.unsigned_abs()))
        };
        let Some(date) = date else { return };
        let post = self.post;
        self.select_date(date, post);
        // While suggestions are shown, a day is entered at its first row,
        // suggestion or post.
        if self.suggestion.is_some() {
            self.select_edge_row(false);
        }
    }

    /// The next or previous post of the day (or suggestion, while they are
    /// shown). In the agenda, which lists the week's posts one after another,
    /// it goes on into the next or previous day.
    fn step_post(&mut self, forward: bool) {
        if self.step_row(forward) || !self.agenda() {
            return;
        }
        if forward && self.day < 6 {
            self.day += 1;
            self.select_edge_row(false);
        } else if !forward && self.day > 0 {
            self.day -= 1;
            self.select_edge_row(true);
        }
    }

    /// Selects a date (switching weeks when needed) and a post index within it.
    fn select_date(&mut self, date: NaiveDate, post: usize) {
        // The edge weeks run past the dates mixcal plans: they stay unselected.
        let date = date.clamp(crate::domain::FIRST_DATE, crate::domain::LAST_DATE);
        let week = Week::containing(date, self.config.week_start);
        self.ghost = None;
        if week != self.week {
            self.week = week;
            self.suggestion = None;
            self.reanalyze();
        }
        self.day = (date - week.start()).num_days().clamp(0, 6) as usize;
        self.post = post;
        if let Some(i) = self.selected_index() {
            self.post = i;
        } else {
            self.post = 0;
        }
    }

    fn go_to_week(&mut self, week: Week) {
        let date = week.start() + Days::new(self.day as u64);
        let post = self.post;
        self.select_date(date, post);
    }

    /// Selects a post by id, showing its week. A repeating post is selected
    /// on the selected day when it falls on it, else on its next date from
    /// there; an idea of the backlog has no day to select.
    pub fn select_id(&mut self, id: &str) {
        let Some(p) = self.schedule.get(id) else {
            return;
        };
        // A repeating post: its selected date, else its first date in the shown
        // week or after, else its last.
        let selected = self.selected_date();
        let date = match (&p.repeat, p.date) {
            (Some(rule), _) if rule.contains(selected) => Some(selected),
            (Some(rule), _) => rule
                .next_from(self.week.start())
                .or_else(|| rule.last().filter(|l| rule.contains(*l))),
            (None, date) => date,
        };
        if let Some(date) = date {
            self.select_dated(id, date);
        }
    }

    /// Selects the post with `id` on `date`.
    pub(crate) fn select_dated(&mut self, id: &str, date: NaiveDate) {
        let index = self
            .schedule
            .day(date)
            .iter()
            .position(|q| q.id == id)
            .unwrap_or(0);
        self.select_date(date, index);
    }

    fn reanalyze(&mut self) {
        self.review = self.mix().review(&self.schedule, self.week);
        self.placeholders = self.mix().placeholders(&self.schedule, self.week);
        let mix = self.mix();
        self.channel_report = self
            .channel
            .as_deref()
            .map(|channel| mix.channel(&self.schedule, self.week, &self.review.report, channel));
    }

    // ----- changes -----

    /// Applies a change, records it for undo and for recovery, and re-checks the
    /// shown week. Every edit of the schedule goes through here.
    pub(crate) fn change(&mut self, change: Change, label: &str) {
        // A date the file cannot hold would make the schedule unsaveable.
        if let Some(date) = change
            .after
            .iter()
            .filter_map(|p| p.date)
            .find(|d| !supported(*d))
        {
            self.message = Some((
                Level::Error,
                format!(
                    "not done: {} is out of range ({})",
                    date.format("%Y-%m-%d"),
                    supported_range()
                ),
            ));
            self.refused = true;
            return;
        }
        change.apply(&mut self.schedule);
        self.recount_channels(&change);
        self.recovery.record(&change);
        self.history.record(change, label);
        self.reanalyze();
        // Keep the selection inside the day after a post left it.
        if let Some(i) = self.selected_index() {
            self.post = i;
        }
    }

    fn after_history(&mut self, change: &Change) {
        self.recovery.record(change);
        self.recount_channels(change);
        // The first dated post the change touched, written on its day.
        let dated = |posts: &[Post]| {
            posts
                .iter()
                .find(|p| p.date.is_some() && p.repeat.is_none())
                .cloned()
        };
        match dated(&change.after).or_else(|| dated(&change.before)) {
            Some(p) if self.schedule.contains_id(&p.id) => self.select_id(&p.id),
            Some(p) => {
                if let Some(date) = p.date {
                    self.select_date(date, self.post);
                }
            }
            None => {}
        }
        self.reanalyze();
    }

    fn open_add_form(&mut self) {
        let date = self.selected_date();
        let day = self.schedule.day(date);
        let time = free_slots(&self.config, date, day.iter().map(|d| d.post))
            .first()
            .map(|s| s.time);
        let category = self
            .mix()
            .needed_category(&self.schedule, self.week, date, time);
        self.popup = Some(Popup::Form(Box::new(PostForm::new_post(
            date, time, category,
        ))));
    }

    fn edit_selected(&mut self) {
        self.on_selected(OnDate::Edit);
    }

    /// Takes a post the form finished: an edit (of a post, a series, an idea,
    /// or one date of a series, which then becomes a post of its own), or a new
    /// post or idea.
    fn finish_form(&mut self, form: &PostForm, mut post: Post) {
        let back_to_backlog = form.backlog;
        match (form.original.clone(), form.series.clone()) {
            (Some(before), Some(series)) => {
                if before == post {
                    self.message = Some((Level::Info, "no change".into()));
                    return;
                }
                self.detach(series, &before, post, "edit");
            }
            (Some(before), None) => {
                if before == post {
                    self.message = Some((Level::Info, "no change".into()));
                } else {
                    let id = post.id.clone();
                    let idea = post.is_idea();
                    self.change(Change::replace(before, post), "edit");
                    if idea {
                        self.say_undoable("idea saved in the backlog");
                    } else {
                        self.select_id(&id);
                        self.say_undoable("post saved in the calendar");
                    }
                }
            }
            (None, _) => {
                post.id = self.schedule.fresh_id();
                let id = post.id.clone();
                let idea = post.is_idea();
                self.change(Change::add(post), "add");
                if idea {
                    self.say_undoable("idea added to the backlog");
                } else {
                    self.select_id(&id);
                    self.say_undoable("post added");
                }
            }
        }
        if back_to_backlog {
            let message = self.message.take();
            self.open_backlog(form.original.as_ref().map(|p| p.id.clone()));
            if self.message.is_none() {
                self.message = message;
            }
        }
    }

    /// Moves a post written on its day a day back or on.
    fn move_post(&mut self, p: Post, by: i64) {
        let mut moved = p.clone();
        let Some(from) = p.date else { return };
        let date = if by < 0 {
            from.checked_sub_days(Days::new(1))
        } else {
            from.checked_add_days(Days::new(1))
        };
        let Some(date) = date else { return };
        moved.date = Some(date);
        let id = p.id.clone();
        let title = p.title.clone();
        self.change(Change::replace(p, moved), "move");
        self.select_id(&id);
        self.say_undoable(&format!("moved “{title}” to {}", date.format("%a %-d %b")));
    }

    /// Copies the shown week's posts to the week after it, as one undo step, and
    /// shows that week. Published posts come back as planned, without what they
    /// took and brought: they are to be posted again.
    fn copy_week(&mut self) {
        let week = self.week;
        // A repeating post's dates come round by themselves.
        let posts: Vec<Post> = self
            .schedule
            .week(week)
            .filter(|d| !d.is_occurrence())
            .map(|d| d.to_post())
            .collect();
        if posts.is_empty() {
            self.message = Some((Level::Info, format!("nothing to copy: {week} has no posts")));
            return;
        }
        let mut taken = std::collections::HashSet::new();
        let mut copies = Vec::with_capacity(posts.len());
        for p in posts {
            let Some(date) = p.date.and_then(|d| d.checked_add_days(Days::new(7))) else {
                continue;
            };
            let mut copy = p.again();
            copy.date = Some(date);
            copy.id = loop {
                let id = self.schedule.fresh_id();
                if taken.insert(id.clone()) {
                    break id;
                }
            };
            copies.push(copy);
        }
        let n = copies.len();
        let next = week.next();
        let posts = if n == 1 { "post" } else { "posts" };
        self.change(
            Change {
                before: Vec::new(),
                after: copies,
            },
            &format!("copy of {week}"),
        );
        self.go_to_week(next);
        self.say_undoable(&format!("copied {n} {posts} from {week} to {next}"));
    }

    fn set_category(&mut self, p: Post, index: usize) {
        let Some(category) = self.config.categories.get(index) else {
            return;
        };
        let name = category.name.clone();
        if p.category == category.key {
            self.message = Some((Level::Info, format!("category is already {name}")));
            return;
        }
        let mut changed = p.clone();
        changed.category.clone_from(&category.key);
        let id = p.id.clone();
        self.change(Change::replace(p, changed), "category change");
        self.select_id(&id);
        self.message = Some((Level::Info, format!("category: {name}")));
    }

    fn no_post(&mut self) {
        self.message = Some((
            Level::Info,
            format!(
                "no post selected: {} adds one on this day",
                self.keymap.describe(Action::Add)
            ),
        ));
    }

    fn say_undoable(&mut self, text: &str) {
        if self.refused {
            return;
        }
        self.message = Some((
            Level::Info,
            format!("{text} ({} undoes)", self.keymap.describe(Action::Undo)),
        ));
    }

    // ----- saving -----

    fn saved(&mut self, quit_after: bool) {
        self.saved_revision = self.history.revision();
        self.recovery.saved(self.store.path());
        self.watch = watch::Watch::of(self.store.path());
        self.demo = false;
        let mut text = format!(
            "saved {} post{} to {}",
            self.schedule.len(),
            if self.schedule.len() == 1 { "" } else { "s" },
            self.store.path().display()
        );
        for note in self.store.take_notes() {
            text.push_str("; ");
            text.push_str(&note);
        }
        self.message = Some((Level::Info, text));
        if quit_after {
            self.quit = true;
        }
    }

    fn save(&mut self, quit_after: bool) {
        match self.store.save(&self.schedule) {
            Ok(()) => self.saved(quit_after),
            Err(StoreError::ChangedOnDisk { .. }) => {
                self.popup = Some(Popup::Conflict { quit_after });
            }
            Err(e) => self.not_saved(&e, quit_after, false),
        }
    }

    fn overwrite(&mut self, quit_after: bool) {
        match self.store.overwrite(&self.schedule) {
            Ok(()) => self.saved(quit_after),
            Err(e) => self.not_saved(&e, quit_after, true),
        }
    }

    /// A save failed: a read-only file gets the question whether to save anyway,
    /// anything else the reason on the status line.
    fn not_saved(&mut self, e: &StoreError, quit_after: bool, overwrite: bool) {
        if e.is_read_only() {
            self.popup = Some(Popup::ReadOnly {
                quit_after,
                overwrite,
            });
        } else {
            self.message = Some((Level::Error, format!("not saved: {}", first_line(e))));
        }
    }

    /// Replaces the schedule with the file on disk. Unsaved changes are first
    /// written beside it, so neither version is lost. The selected post stays
    /// selected when the file still has it. Returns whether it reloaded.
    fn reload(&mut self) -> bool {
        let path = self.store.path().to_path_buf();
        let (schedule, store) = match Store::open_or_new(&path, &self.config) {
            Ok(loaded) => loaded,
            Err(e) => {
                self.message = Some((Level::Error, format!("cannot reload: {}", first_line(&e))));
                return false;
            }
        };
        let mut kept = String::new();
        if self.is_dirty() || self.demo {
            let text = posts_to_toml(self.schedule.iter());
            let keep = match write_recovered(&path, text.as_bytes()) {
                Ok(keep) => keep,
                Err(e) => {
                    self.message = Some((
                        Level::Error,
                        format!("not reloaded: cannot keep your version beside it: {e}"),
                    ));
                    return false;
                }
            };
            kept = format!("; your version is in {}", keep.display());
        }
        let selected = self.selected_post().map(|p| p.id.clone());
        self.channels = find::count_channels(&schedule);
        self.schedule = schedule;
        self.store = store;
        self.history.clear();
        self.saved_revision = self.history.revision();
        self.recovery.saved(self.store.path());
        self.watch = watch::Watch::of(self.store.path());
        self.demo = false;
        self.suggestion = None;
        self.ghost = None;
        self.reanalyze();
        let date = self.selected_date();
        self.select_date(date, 0);
        if let Some(id) = selected {
            self.select_id(&id);
        }
        self.message = Some((Level::Info, format!("reloaded {}{kept}", path.display())));
        true
    }
}

fn first_line(e: &dyn std::fmt::Display) -> String {
    e.to_string().lines().next().unwrap_or_default().to_string()
}
