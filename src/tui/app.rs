//! The calendar's state and the one place it changes: `App::update(Action)`.
//! Drawing (in `view/`) only reads it.

mod suggest;

use std::path::Path;

use chrono::{Datelike, Days, NaiveDate, NaiveDateTime};
use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use ratatui::layout::{Position, Rect};

use super::action::Action;
use super::export::{ExportForm, ExportOutcome};
use super::form::{FormOutcome, PostForm};
use super::history::{Change, History};
use super::keymap::KeyMap;
use super::recovery::{Recovery, recovered_path};
use super::theme::Theme;
use super::view;
use crate::config::Config;
use crate::domain::{Post, Schedule, Week};
use crate::env::Clock;
use crate::mix::need::most_needed;
use crate::mix::{WeekReport, analyze_week};
use crate::store::{Store, StoreError, posts_to_toml, write_atomic};

pub use suggest::Suggestion;

/// A window over the calendar: at most one at a time, closed with Esc.
#[derive(Debug, Clone)]
pub enum Popup {
    Form(Box<PostForm>),
    Help,
    /// Quitting with unsaved changes: (y) save and quit, (n) quit, (c) cancel.
    QuitPrompt,
    /// The file changed on disk: (r) reload, (o) overwrite, (c) cancel.
    Conflict {
        quit_after: bool,
    },
    /// Five weeks around `center`, one row each.
    Overview(Overview),
    /// Writing posts to a file in another format.
    Export(Box<ExportForm>),
}

/// The month overview: the weeks shown, their reports, and the highlighted row.
#[derive(Debug, Clone)]
pub struct Overview {
    pub reports: Vec<WeekReport>,
    pub cursor: usize,
}

impl Overview {
    pub const ROWS: usize = 5;

    fn around(config: &Config, schedule: &Schedule, center: Week, cursor: usize) -> Overview {
        let mut first = center;
        for _ in 0..Overview::ROWS / 2 {
            first = first.prev();
        }
        let mut reports = Vec::with_capacity(Overview::ROWS);
        let mut w = first;
        for _ in 0..Overview::ROWS {
            reports.push(analyze_week(config, schedule, w));
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
    pub keymap: KeyMap,
    pub theme: Theme,
    schedule: Schedule,
    store: Store,
    /// Today, passed in so that drawing never reads the clock.
    pub today: NaiveDate,
    week: Week,
    /// Selected day, 0..7 from the week's start.
    day: usize,
    /// Selected post within the day, clamped to the day's posts.
    post: usize,
    /// The shown week's analysis; redone only when that week changes.
    report: WeekReport,
    history: History,
    saved_revision: u64,
    popup: Option<Popup>,
    message: Option<(Level, String)>,
    size: (u16, u16),
    quit: bool,
    demo: bool,
    recovery: Recovery,
    /// The local date and time for an export's stamp and past-post warnings.
    clock: Clock,
    /// Suggestions shown as ghost rows in the week (`f`).
    suggestion: Option<Suggestion>,
}

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
        let report = analyze_week(&config, &schedule, week);
        let day = if week.contains(today) {
            (today - week.start()).num_days() as usize
        } else {
            0
        };
        let recovery = Recovery::for_file(store.path(), &config);
        let history = History::new();
        App {
            saved_revision: history.revision(),
            config,
            keymap,
            theme,
            schedule,
            store,
            today,
            week,
            day,
            post: 0,
            report,
            history,
            popup: None,
            message: None,
            size: (80, 24),
            quit: false,
            demo: false,
            recovery,
            clock: Clock::System,
            suggestion: None,
        }
    }

    /// Replaces the clock exports read, so that tests can fix it.
    pub fn set_clock(&mut self, clock: Clock) {
        self.clock = clock;
    }

    /// The local date and time now, from the clock the calendar was given.
    fn now(&self) -> NaiveDateTime {
        self.clock.now()
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

    pub fn path(&self) -> &Path {
        self.store.path()
    }

    pub fn week(&self) -> Week {
        self.week
    }

    /// The shown week's analysis; while suggestions are shown, the week as it
    /// would be with them.
    pub fn report(&self) -> &WeekReport {
        match &self.suggestion {
            Some(s) => s.report(),
            None => &self.report,
        }
    }

    pub fn selected_date(&self) -> NaiveDate {
        self.week.start() + Days::new(self.day as u64)
    }

    pub fn selected_day(&self) -> usize {
        self.day
    }

    /// The index of the selected post within its day, if the day has posts.
    pub fn selected_index(&self) -> Option<usize> {
        let n = self.schedule.day(self.selected_date()).len();
        (n > 0).then(|| self.post.min(n - 1))
    }

    pub fn selected_post(&self) -> Option<&Post> {
        let i = self.selected_index()?;
        self.schedule.day(self.selected_date()).get(i)
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

    pub fn is_demo(&self) -> bool {
        self.demo
    }

    pub fn should_quit(&self) -> bool {
        self.quit
    }

    pub fn size(&self) -> (u16, u16) {
        self.size
    }

    pub fn recovery(&self) -> Recovery {
        self.recovery.clone()
    }

    // ----- input -----

    /// Handles one terminal event.
    pub fn handle_event(&mut self, event: &Event) {
        match event {
            Event::Key(key) if key.kind != KeyEventKind::Release => self.handle_key(*key),
            Event::Mouse(mouse) => self.handle_mouse(*mouse),
            Event::Resize(width, height) => self.update(Action::Resize {
                width: *width,
                height: *height,
            }),
            _ => {}
        }
    }

    /// Handles one key: an open popup gets it first, else the keymap decides.
    pub fn handle_key(&mut self, key: KeyEvent) {
        if key.kind == KeyEventKind::Release {
            return;
        }
        self.message = None;
        let ctrl_c =
            key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL);
        // Ctrl-c gets out of any window; the quit and save prompts answer it themselves.
        if ctrl_c && !matches!(self.popup, Some(Popup::QuitPrompt | Popup::Conflict { .. })) {
            self.popup = None;
            self.update(Action::Quit);
            return;
        }
        if self.suggestion_key(key) {
            return;
        }
        match self.popup.take() {
            None => {
                if let Some(action) = self.keymap.action(&key) {
                    self.update(action);
                }
            }
            Some(Popup::Form(mut form)) => match form.handle_key(key, &self.config) {
                FormOutcome::Editing => self.popup = Some(Popup::Form(form)),
                FormOutcome::Cancelled => {}
                FormOutcome::Done(post) => self.finish_form(form.original.take(), post),
            },
            Some(Popup::Export(mut form)) => match form.handle_key(key) {
                ExportOutcome::Editing => self.popup = Some(Popup::Export(form)),
                ExportOutcome::Cancelled => {}
                ExportOutcome::Write => {
                    match form.write(&self.schedule, &self.config, self.now()) {
                        Some(written) => self.message = Some(written.status()),
                        None => self.popup = Some(Popup::Export(form)),
                    }
                }
            },
            Some(Popup::Help) => {
                let closes = matches!(key.code, KeyCode::Esc | KeyCode::Enter | KeyCode::Char('q'))
                    || self.keymap.action(&key) == Some(Action::Help);
                if !closes {
                    self.popup = Some(Popup::Help);
                }
            }
            Some(Popup::QuitPrompt) => match key.code {
                KeyCode::Char('y' | 'Y') => self.save(true),
                KeyCode::Char('n' | 'N') => self.quit = true,
                KeyCode::Char('c' | 'C') | KeyCode::Esc => {}
                _ => self.popup = Some(Popup::QuitPrompt),
            },
            Some(Popup::Conflict { quit_after }) => match key.code {
                KeyCode::Char('r' | 'R') => self.reload(),
                KeyCode::Char('o' | 'O') => self.overwrite(quit_after),
                KeyCode::Char('c' | 'C') | KeyCode::Esc => {
                    self.message = Some((Level::Warning, "not saved".into()));
                }
                _ => self.popup = Some(Popup::Conflict { quit_after }),
            },
            Some(Popup::Overview(mut o)) => {
                let action = self.keymap.action(&key);
                match key.code {
                    KeyCode::Esc | KeyCode::Char('q') => {}
                    KeyCode::Enter => {
                        if let Some(w) = o.selected() {
                            self.go_to_week(w);
                        }
                    }
                    KeyCode::Up | KeyCode::Char('k') => {
                        self.move_overview(&mut o, -1);
                        self.popup = Some(Popup::Overview(o));
                    }
                    KeyCode::Down | KeyCode::Char('j') => {
                        self.move_overview(&mut o, 1);
                        self.popup = Some(Popup::Overview(o));
                    }
                    _ if action == Some(Action::Overview) => {}
                    _ => self.popup = Some(Popup::Overview(o)),
                }
            }
        }
    }

    fn move_overview(&self, o: &mut Overview, by: i32) {
        let cursor = o.cursor as i32 + by;
        if (0..Overview::ROWS as i32).contains(&cursor) {
            o.cursor = cursor as usize;
            return;
        }
        let Some(center) = o.reports.get(Overview::ROWS / 2).map(|r| r.week) else {
            return;
        };
        let center = if by < 0 { center.prev() } else { center.next() };
        *o = Overview::around(&self.config, &self.schedule, center, o.cursor);
    }

    /// Handles a click or the wheel, using the same layout the view draws.
    pub fn handle_mouse(&mut self, mouse: MouseEvent) {
        match mouse.kind {
            MouseEventKind::ScrollUp if self.popup.is_none() => self.update(Action::PrevWeek),
            MouseEventKind::ScrollDown if self.popup.is_none() => self.update(Action::NextWeek),
            MouseEventKind::Down(MouseButton::Left) if self.popup.is_none() => {
                let area = Rect::new(0, 0, self.size.0, self.size.1);
                let at = Position::new(mouse.column, mouse.row);
                if let Some((day, post)) = view::hit(self, area, at) {
                    let date = self.week.start() + Days::new(day as u64);
                    self.update(Action::Select { date, post });
                }
            }
            _ => {}
        }
    }

    /// Carries out one action.
    pub fn update(&mut self, action: Action) {
        if !App::keeps_suggestion(action) {
            self.suggestion = None;
        }
        match action {
            Action::PrevDay => self.move_day(-1),
            Action::NextDay => self.move_day(1),
            Action::PrevPost => {
                if let Some(i) = self.selected_index() {
                    self.post = i.saturating_sub(1);
                }
            }
            Action::NextPost => {
                if let Some(i) = self.selected_index() {
                    let n = self.schedule.day(self.selected_date()).len();
                    self.post = (i + 1).min(n - 1);
                }
            }
            Action::PrevWeek => self.go_to_week(self.week.prev()),
            Action::NextWeek => self.go_to_week(self.week.next()),
            Action::ThisWeek => self.select_date(self.today, 0),
            Action::Add => self.open_add_form(),
            Action::Edit => match self.selected_post() {
                Some(p) => {
                    self.popup = Some(Popup::Form(Box::new(PostForm::edit(p, &self.config))));
                }
                None => self.no_post(),
            },
            Action::Delete => match self.selected_post().cloned() {
                Some(p) => {
                    let title = p.title.clone();
                    self.change(Change::delete(p), "delete");
                    self.say_undoable(format!("deleted “{title}”"));
                }
                None => self.no_post(),
            },
            Action::Duplicate => match self.selected_post().cloned() {
                Some(p) => {
                    let mut copy = p.clone();
                    copy.id = self.schedule.fresh_id();
                    let id = copy.id.clone();
                    self.change(Change::add(copy), "duplicate");
                    self.select_id(&id);
                    self.say_undoable(format!("duplicated “{}”", p.title));
                }
                None => self.no_post(),
            },
            Action::MovePrevDay => self.move_post(-1),
            Action::MoveNextDay => self.move_post(1),
            Action::CycleCategory => {
                if let Some(p) = self.selected_post() {
                    let n = self.config.categories.len();
                    let next = self
                        .config
                        .category_index(&p.category)
                        .map_or(0, |i| (i + 1) % n.max(1));
                    self.set_category(next);
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
                    self.set_category(i);
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
            Action::Export => {
                self.popup = Some(Popup::Export(Box::new(ExportForm::new(
                    self.store.path(),
                    self.week,
                ))));
            }
            Action::Overview => {
                self.popup = Some(Popup::Overview(Overview::around(
                    &self.config,
                    &self.schedule,
                    self.week,
                    Overview::ROWS / 2,
                )));
            }
            Action::Help => self.popup = Some(Popup::Help),
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
            self.selected_date() - Days::new(by.unsigned_abs())
        } else {
            self.selected_date() + Days::new(by.unsigned_abs())
        };
        let post = self.post;
        self.select_date(date, post);
    }

    /// Selects a date (switching weeks when needed) and a post index within it.
    fn select_date(&mut self, date: NaiveDate, post: usize) {
        let week = Week::containing(date, self.config.week_start);
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

    /// Selects a post by id, showing its week.
    pub fn select_id(&mut self, id: &str) {
        if let Some(p) = self.schedule.get(id) {
            let date = p.date;
            let index = self
                .schedule
                .day(date)
                .iter()
                .position(|q| q.id == id)
                .unwrap_or(0);
            self.select_date(date, index);
        }
    }

    fn reanalyze(&mut self) {
        self.report = analyze_week(&self.config, &self.schedule, self.week);
    }

    // ----- changes -----

    /// Applies a change, records it for undo and for recovery, and re-checks the
    /// shown week. Every edit of the schedule goes through here.
    pub fn change(&mut self, change: Change, label: &str) {
        change.apply(&mut self.schedule);
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
        match change.after.first().or(change.before.first()) {
            Some(p) if self.schedule.contains_id(&p.id) => {
                let id = p.id.clone();
                self.select_id(&id);
            }
            Some(p) => {
                let date = p.date;
                self.select_date(date, self.post);
            }
            None => {}
        }
        self.reanalyze();
    }

    fn open_add_form(&mut self) {
        let date = self.selected_date();
        let taken: Vec<_> = self
            .schedule
            .day(date)
            .iter()
            .filter_map(|p| p.time)
            .collect();
        let slots = &self.config.slots[date.weekday().num_days_from_monday() as usize];
        let time = slots.iter().find(|t| !taken.contains(t)).copied();
        let category = most_needed(&self.config, &self.schedule, self.week, date, time);
        self.popup = Some(Popup::Form(Box::new(PostForm::new_post(
            date, time, category,
        ))));
    }

    fn finish_form(&mut self, original: Option<Post>, mut post: Post) {
        match original {
            Some(before) => {
                if before == post {
                    self.message = Some((Level::Info, "no change".into()));
                    return;
                }
                let id = post.id.clone();
                self.change(Change::replace(before, post), "edit");
                self.select_id(&id);
                self.say_undoable("post saved in the calendar".into());
            }
            None => {
                post.id = self.schedule.fresh_id();
                let id = post.id.clone();
                self.change(Change::add(post), "add");
                self.select_id(&id);
                self.say_undoable("post added".into());
            }
        }
    }

    fn move_post(&mut self, by: i64) {
        let Some(p) = self.selected_post().cloned() else {
            return self.no_post();
        };
        let mut moved = p.clone();
        let date = if by < 0 {
            p.date.checked_sub_days(Days::new(1))
        } else {
            p.date.checked_add_days(Days::new(1))
        };
        let Some(date) = date else { return };
        moved.date = date;
        let id = p.id.clone();
        let title = p.title.clone();
        self.change(Change::replace(p, moved), "move");
        self.select_id(&id);
        self.say_undoable(format!("moved “{title}” to {}", date.format("%a %-d %b")));
    }

    fn set_category(&mut self, index: usize) {
        let Some(p) = self.selected_post().cloned() else {
            return self.no_post();
        };
        let Some(category) = self.config.categories.get(index) else {
            return;
        };
        if p.category == category.key {
            return;
        }
        let mut changed = p.clone();
        changed.category = category.key.clone();
        let name = category.name.clone();
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

    fn say_undoable(&mut self, text: String) {
        self.message = Some((
            Level::Info,
            format!("{text} ({} undoes)", self.keymap.describe(Action::Undo)),
        ));
    }

    // ----- saving -----

    fn saved(&mut self, quit_after: bool) {
        self.saved_revision = self.history.revision();
        self.recovery.saved(self.store.path());
        self.demo = false;
        self.message = Some((
            Level::Info,
            format!(
                "saved {} post{} to {}",
                self.schedule.len(),
                if self.schedule.len() == 1 { "" } else { "s" },
                self.store.path().display()
            ),
        ));
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
            Err(e) => self.message = Some((Level::Error, format!("not saved: {}", first_line(&e)))),
        }
    }

    fn overwrite(&mut self, quit_after: bool) {
        match self.store.overwrite(&self.schedule) {
            Ok(()) => self.saved(quit_after),
            Err(e) => self.message = Some((Level::Error, format!("not saved: {}", first_line(&e)))),
        }
    }

    /// Replaces the schedule with the file on disk. Unsaved changes are first
    /// written beside it, so neither version is lost.
    fn reload(&mut self) {
        let path = self.store.path().to_path_buf();
        let (schedule, store) = match Store::open_or_new(&path, &self.config) {
            Ok(loaded) => loaded,
            Err(e) => {
                self.message = Some((Level::Error, format!("cannot reload: {}", first_line(&e))));
                return;
            }
        };
        let mut kept = String::new();
        if self.is_dirty() || self.demo {
            let keep = recovered_path(&path);
            if let Err(e) =
                write_atomic(&keep, posts_to_toml(self.schedule.iter()).as_bytes(), false)
            {
                self.message = Some((
                    Level::Error,
                    format!(
                        "not reloaded: cannot keep your version in {}: {e}",
                        keep.display()
                    ),
                ));
                return;
            }
            kept = format!("; your version is in {}", keep.display());
        }
        self.schedule = schedule;
        self.store = store;
        self.history.clear();
        self.saved_revision = self.history.revision();
        self.recovery.saved(self.store.path());
        self.demo = false;
        self.reanalyze();
        let date = self.selected_date();
        self.select_date(date, 0);
        self.message = Some((Level::Info, format!("reloaded {}{kept}", path.display())));
    }
}

fn first_line(e: &dyn std::fmt::Display) -> String {
    e.to_string().lines().next().unwrap_or_default().to_string()
}
