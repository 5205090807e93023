//! Keys and clicks. An open window gets a key first, through its mode's
//! keymap; otherwise the suggestions' keys (while they are shown), then the
//! calendar's. Clicks are matched against the same layout the view draws.

use std::time::{Duration, Instant};

use ratatui::crossterm::event::{
    Event, KeyEvent, KeyEventKind, MouseButton, MouseEvent, MouseEventKind,
};
use ratatui::layout::{Position, Rect};

use super::{App, Level, Overview, Popup};
use crate::config::keys::Mode;
use crate::tui::action::{Action, DialogAction, ListAction, ReviewAction};
use crate::tui::export::ExportOutcome;
use crate::tui::form::FormOutcome;
use crate::tui::keymap::spec_of;
use crate::tui::publish::PublishOutcome;
use crate::tui::review::ReviewOutcome;
use crate::tui::view::{self, Target};

/// Two clicks on the same spot within this time are a double click.
const DOUBLE_CLICK: Duration = Duration::from_millis(500);

/// A click, remembered to notice a second one.
#[derive(Debug, Clone, Copy)]
pub(super) struct Click {
    at: Instant,
    column: u16,
    row: u16,
}

/// A text field to be edited in `$VISUAL` / `$EDITOR`: the event loop
/// suspends the terminal, runs the editor and hands the text back through
/// [`App::editor_done`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditRequest {
    pub text: String,
    /// Whether the field keeps line breaks.
    pub multiline: bool,
}

impl App {
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
        self.refused = false;
        // A control key bound to quit (Ctrl-c) gets out of any window that
        // does not bind it itself; the quit and save questions answer it.
        let quits = self.keymap.get::<Action>(&key) == Some(Action::Quit)
            && spec_of(&key).is_some_and(|k| k.ctrl)
            && !self
                .popup
                .as_ref()
                .is_some_and(|p| self.keymap.binds(mode_of(p), &key));
        let asking = matches!(
            self.popup,
            Some(
                Popup::QuitPrompt
                    | Popup::Conflict { .. }
                    | Popup::ReadOnly { .. }
                    | Popup::OutsideChange
            )
        );
        if quits && self.popup.is_some() && !asking {
            self.popup = None;
            self.update(Action::Quit);
            return;
        }
        match self.popup.take() {
            None => {
                if self.suggestion_key(key) {
                    return;
                }
                if let Some(action) = self.keymap.action(&key) {
                    self.update(action);
                }
            }
            Some(popup) => self.popup_key(popup, key),
        }
        self.after_popup();
    }

    fn popup_key(&mut self, popup: Popup, key: KeyEvent) {
        match popup {
            Popup::Form(mut form) => match form.handle_key(key, &self.keymap, &self.config) {
                FormOutcome::Editing => self.popup = Some(Popup::Form(form)),
                FormOutcome::Cancelled => {
                    if form.backlog {
                        self.open_backlog(form.original.as_ref().map(|p| p.id.clone()));
                    }
                }
                FormOutcome::Done(post) => self.finish_form(&form, *post),
                FormOutcome::Editor => {
                    if let Some(input) = form.focused_input() {
                        self.editor = Some(EditRequest {
                            text: input.value().to_string(),
                            multiline: input.is_multiline(),
                        });
                    }
                    self.popup = Some(Popup::Form(form));
                }
            },
            Popup::Export(mut form) => match form.handle_key(key, &self.keymap) {
                ExportOutcome::Editing => self.popup = Some(Popup::Export(form)),
                ExportOutcome::Cancelled => {}
                ExportOutcome::Write => self.write_export(form),
                ExportOutcome::Editor => {
                    self.editor = Some(EditRequest {
                        text: form.input().value().to_string(),
                        multiline: false,
                    });
                    self.popup = Some(Popup::Export(form));
                }
            },
            Popup::Prompt(prompt) => self.prompt_key(prompt, key),
            Popup::Review(mut screen) => {
                let closes = self.keymap.get::<Action>(&key) == Some(Action::Review);
                let outcome = screen.handle_key(key, &self.keymap, &self.review_sources());
                if !closes && outcome == ReviewOutcome::Open {
                    self.popup = Some(Popup::Review(screen));
                }
            }
            Popup::Publish(mut prompt) => match prompt.handle_key(key, &self.keymap) {
                PublishOutcome::Editing => self.popup = Some(Popup::Publish(prompt)),
                PublishOutcome::Cancelled => {}
                PublishOutcome::Done(post) => self.finish_publish(&prompt, *post),
            },
            Popup::Backlog(panel) => self.backlog_key(panel, key),
            Popup::Help { scroll } => {
                let closes = self.keymap.get::<Action>(&key) == Some(Action::Help);
                match self.keymap.get::<ListAction>(&key) {
                    _ if closes => {}
                    Some(ListAction::Close | ListAction::Open) => {}
                    Some(a) => {
                        let scroll = scrolled(scroll, a, self.page()).min(self.help_limit());
                        self.popup = Some(Popup::Help { scroll });
                    }
                    None => self.popup = Some(Popup::Help { scroll }),
                }
            }
            Popup::Overview(mut o) => {
                let closes = self.keymap.get::<Action>(&key) == Some(Action::Overview);
                match self.keymap.get::<ListAction>(&key) {
                    _ if closes => {}
                    Some(ListAction::Close) => {}
                    Some(ListAction::Open) => self.open_overview_week(&o),
                    Some(a) => {
                        let by = match a {
                            ListAction::Up => -1,
                            ListAction::Down => 1,
                            ListAction::PageUp => -(Overview::ROWS as i32),
                            _ => Overview::ROWS as i32,
                        };
                        self.move_overview(&mut o, by);
                        self.popup = Some(Popup::Overview(o));
                    }
                    None => self.popup = Some(Popup::Overview(o)),
                }
            }
            dialog @ (Popup::QuitPrompt
            | Popup::Conflict { .. }
            | Popup::ReadOnly { .. }
            | Popup::OutsideChange
            | Popup::Which(_)) => match self.keymap.get::<DialogAction>(&key) {
                Some(answer) if view::answers(&dialog).contains(&answer) => {
                    self.answer(&dialog, answer);
                }
                _ => self.popup = Some(dialog),
            },
        }
    }

    /// Carries out the answer to a question.
    pub(super) fn answer(&mut self, dialog: &Popup, answer: DialogAction) {
        match (dialog, answer) {
            (Popup::QuitPrompt, DialogAction::SaveAndQuit) => self.save(true),
            (Popup::QuitPrompt, DialogAction::QuitWithoutSaving) => self.quit = true,
            (Popup::Conflict { .. } | Popup::OutsideChange, DialogAction::Reload) => {
                self.reload();
            }
            (Popup::Conflict { quit_after }, DialogAction::Overwrite) => {
                self.overwrite(*quit_after);
            }
            (Popup::Conflict { .. } | Popup::ReadOnly { .. }, DialogAction::Cancel) => {
                self.message = Some((Level::Warning, "not saved".into()));
            }
            (
                Popup::ReadOnly {
                    quit_after,
                    overwrite,
                },
                DialogAction::Overwrite,
            ) => {
                self.store.allow_read_only();
                if *overwrite {
                    self.overwrite(*quit_after);
                } else {
                    self.save(*quit_after);
                }
            }
            (Popup::Which(which), DialogAction::ThisOne | DialogAction::All) => {
                self.answer_which(which, answer == DialogAction::All);
            }
            (Popup::OutsideChange, DialogAction::KeepMine | DialogAction::Cancel) => {
                self.message = Some((
                    Level::Warning,
                    format!(
                        "kept your version; {} will ask before replacing the file on disk",
                        self.keymap.describe(Action::Save)
                    ),
                ));
            }
            _ => {}
        }
    }

    fn write_export(&mut self, mut form: Box<crate::tui::export::ExportForm>) {
        match form.write(&self.schedule, &self.config, self.clock) {
            Some(written) => self.message = Some(written.status()),
            None => self.popup = Some(Popup::Export(form)),
        }
    }

    /// How far help can scroll on this screen.
    fn help_limit(&self) -> usize {
        view::help_scroll_limit(self, Rect::new(0, 0, self.size.0, self.size.1))
    }

    /// Rows a page of a list moves.
    fn page(&self) -> usize {
        usize::from(self.size.1.saturating_sub(6)).max(1)
    }

    fn open_overview_week(&mut self, o: &Overview) {
        if let Some(w) = o.selected() {
            self.go_to_week(w);
        }
    }

    pub(super) fn move_overview(&self, o: &mut Overview, by: i32) {
        let cursor = o.cursor as i32 + by;
        if (0..Overview::ROWS as i32).contains(&cursor) {
            o.cursor = cursor as usize;
            return;
        }
        let Some(mut center) = o.reports.get(Overview::ROWS / 2).map(|r| r.week) else {
            return;
        };
        // Past the edge, the list moves by the rows that did not fit.
        let over = if cursor < 0 {
            -cursor
        } else {
            cursor - Overview::ROWS as i32 + 1
        };
        for _ in 0..over {
            center = if by < 0 { center.prev() } else { center.next() };
        }
        let keep = cursor.clamp(0, Overview::ROWS as i32 - 1) as usize;
        *o = Overview::around(&self.mix(), &self.schedule, center, keep);
    }

    /// A field waiting for the external editor, taken by the event loop.
    pub fn take_editor_request(&mut self) -> Option<EditRequest> {
        self.editor.take()
    }

    /// What the external editor returned: the new text, or why there is none.
    pub fn editor_done(&mut self, result: Result<String, String>) {
        match (result, self.popup.as_mut()) {
            (Ok(text), Some(Popup::Form(form))) => form.set_focused(&text),
            (Ok(text), Some(Popup::Export(form))) => form.set_path(&text),
            (Ok(_), _) => {}
            (Err(e), _) => self.message = Some((Level::Error, e)),
        }
    }

    /// After a key or click: a change on disk noticed while a window was open
    /// is dealt with once the window closes.
    pub(super) fn after_popup(&mut self) {
        if self.popup.is_none() && self.watch.take_pending() {
            self.react_to_change();
        }
    }

    // ----- the mouse -----

    /// Handles a click or the wheel, using the same layout the view draws.
    pub(crate) fn handle_mouse(&mut self, mouse: MouseEvent) {
        let area = Rect::new(0, 0, self.size.0, self.size.1);
        let at = Position::new(mouse.column, mouse.row);
        let target = view::target(self, area, at);
        match mouse.kind {
            MouseEventKind::Down(MouseButton::Left) => {
                let now = Instant::now();
                let double = self.last_click.is_some_and(|c| {
                    now.duration_since(c.at) <= DOUBLE_CLICK
                        && (c.column, c.row) == (mouse.column, mouse.row)
                });
                self.last_click = (!double).then_some(Click {
                    at: now,
                    column: mouse.column,
                    row: mouse.row,
                });
                self.message = None;
                if let Some(target) = target {
                    self.click(target, double);
                }
                self.after_popup();
            }
            MouseEventKind::ScrollUp | MouseEventKind::ScrollDown => {
                let down = mouse.kind == MouseEventKind::ScrollDown;
                self.wheel(target, down);
            }
            _ => {}
        }
    }

    fn click(&mut self, target: Target, double: bool) {
        match target {
            Target::Day(day) => {
                let date = self.week.start() + chrono::Days::new(day as u64);
                self.update(Action::Select { date, post: None });
            }
            Target::Post { day, index } => {
                let date = self.week.start() + chrono::Days::new(day as u64);
                self.update(Action::Select {
                    date,
                    post: Some(index),
                });
                if double {
                    self.edit_selected();
                }
            }
            Target::Ghost { day, index } => self.click_ghost(day, index),
            Target::FormField(field) => {
                if let Some(Popup::Form(form)) = self.popup.as_mut() {
                    form.focus_field(field);
                }
            }
            Target::FormChoice(field, forward) => {
                if let Some(Popup::Form(form)) = self.popup.as_mut() {
                    form.focus_field(field);
                    form.cycle(forward, &self.config);
                }
            }
            Target::ExportField(field) => {
                if let Some(Popup::Export(form)) = self.popup.as_mut() {
                    form.focus_field(field);
                }
            }
            Target::ExportChoice(field, forward) => {
                if let Some(Popup::Export(form)) = self.popup.as_mut() {
                    form.focus_field(field);
                    form.cycle(forward);
                }
            }
            Target::Answer(answer) => {
                if let Some(dialog) = self.popup.take() {
                    self.answer(&dialog, answer);
                }
            }
            Target::OverviewRow(row) => {
                if let Some(Popup::Overview(o)) = self.popup.as_mut() {
                    o.cursor = row;
                    if double {
                        let o = o.clone();
                        self.popup = None;
                        self.open_overview_week(&o);
                    }
                }
            }
            Target::PublishField(field) => {
                if let Some(Popup::Publish(prompt)) = self.popup.as_mut() {
                    prompt.focus_field(field);
                }
            }
            Target::BacklogIdea(k) => {
                if let Some(Popup::Backlog(panel)) = self.popup.as_mut() {
                    panel.cursor = k;
                }
            }
            Target::Popup => {}
        }
    }

    /// The wheel scrolls what is under it: a list, help, a day with more posts
    /// than it shows, the agenda; elsewhere in the week it changes the week.
    fn wheel(&mut self, target: Option<Target>, down: bool) {
        let step = if down {
            ListAction::Down
        } else {
            ListAction::Up
        };
        match self.popup.take() {
            Some(Popup::Help { scroll }) => {
                let scroll = scrolled(scroll, step, self.page()).min(self.help_limit());
                self.popup = Some(Popup::Help { scroll });
            }
            Some(Popup::Overview(mut o)) => {
                self.move_overview(&mut o, if down { 1 } else { -1 });
                self.popup = Some(Popup::Overview(o));
            }
            Some(Popup::Review(mut screen)) => {
                let step = if down {
                    ReviewAction::Down
                } else {
                    ReviewAction::Up
                };
                screen.act(step, &self.review_sources());
                self.popup = Some(Popup::Review(screen));
            }
            Some(other) => self.popup = Some(other),
            None => {
                let step = if down {
                    Action::NextPost
                } else {
                    Action::PrevPost
                };
                let over_day = match target {
                    Some(
                        Target::Day(day) | Target::Post { day, .. } | Target::Ghost { day, .. },
                    ) => Some(day),
                    _ => None,
                };
                if self.agenda() {
                    self.update(step);
                } else if let Some(day) = over_day.filter(|d| view::day_overflows(self, *d)) {
                    if day != self.day {
                        let date = self.week.start() + chrono::Days::new(day as u64);
                        self.update(Action::Select { date, post: None });
                    }
                    self.update(step);
                } else {
                    self.update(if down {
                        Action::NextWeek
                    } else {
                        Action::PrevWeek
                    });
                }
            }
        }
    }
}

/// The mode whose keys a window takes.
fn mode_of(popup: &Popup) -> Mode {
    match popup {
        Popup::Form(_) | Popup::Export(_) | Popup::Publish(_) => Mode::Form,
        Popup::Prompt(_) => Mode::Prompt,
        Popup::Help { .. } | Popup::Overview(_) => Mode::List,
        Popup::Review(_) => Mode::Review,
        Popup::QuitPrompt
        | Popup::Conflict { .. }
        | Popup::ReadOnly { .. }
        | Popup::OutsideChange
        | Popup::Which(_) => Mode::Dialog,
        Popup::Backlog(_) => Mode::Backlog,
    }
}

/// A scroll position moved by a list key.
fn scrolled(scroll: usize, action: ListAction, page: usize) -> usize {
    match action {
        ListAction::Up => scroll.saturating_sub(1),
        ListAction::Down => scroll + 1,
        ListAction::PageUp => scroll.saturating_sub(page),
        ListAction::PageDown => scroll + page,
        ListAction::Open | ListAction::Close => scroll,
    }
}
