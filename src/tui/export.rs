//! The export popup's state: which format, which range of weeks, which file.
//! Keys change only this state; [`ExportForm::write`] makes the file. `App::update`
//! calls it on Enter, so drawing never touches the disk.
//!
//! The posts and the bytes come from the same pieces as `mixcal export`
//! ([`select`] and [`export::render`]), so a file written here is the file the
//! command would write for the same range.

use std::io;
use std::path::{Path, PathBuf};

use ratatui::crossterm::event::KeyEvent;

use super::action::FormAction;
use super::app::Level;
use super::field::TextField;
use super::keymap::KeyMap;
use crate::config::Config;
use crate::domain::fields::DateOrder;
use crate::domain::{Schedule, Span, Week};
use crate::env::Clock;
use crate::export::{self, Format, Job, Origin, select};
use crate::store::{same_file, write_atomic};

/// How the suggested file name ends for a format: `.ics`, `-hootsuite.csv`.
fn suffix(format: Format) -> String {
    let ext = format.spec().extension;
    if format.is_publishing() {
        format!("-{}.{ext}", format.name())
    } else {
        format!(".{ext}")
    }
}

/// Which posts: the shown week, four weeks from it, or all of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Range {
    Week,
    FourWeeks,
    Everything,
}

impl Range {
    pub(crate) const ALL: [Range; 3] = [Range::Week, Range::FourWeeks, Range::Everything];

    /// The choice as the popup names it, for ranges starting at `week`.
    pub(crate) fn label(self, week: Week) -> String {
        match self {
            Range::Week => format!("week {week}"),
            Range::FourWeeks => format!("4 weeks to {}", week_number(last_of_four(week))),
            Range::Everything => "everything".into(),
        }
    }

    /// The dates, `None` for every post.
    pub(crate) fn span(self, week: Week) -> Option<Span> {
        match self {
            Range::Week => Some(Span::week(week)),
            Range::FourWeeks => Some(Span {
                from: week.start(),
                to: last_of_four(week).end(),
            }),
            Range::Everything => None,
        }
    }

    /// The range in a file name: `2026-W48`, `2026-W48-W51`, `2026-W52-2027-W03`, `all`.
    fn tag(self, week: Week) -> String {
        match self {
            Range::Week => week.to_string(),
            Range::FourWeeks => {
                let last = last_of_four(week);
                if last.iso().year() == week.iso().year() {
                    format!("{week}-{}", week_number(last))
                } else {
                    format!("{week}-{last}")
                }
            }
            Range::Everything => "all".into(),
        }
    }
}

fn last_of_four(week: Week) -> Week {
    week.next().next().next()
}

/// `W51`: a week without its year.
fn week_number(week: Week) -> String {
    format!("W{:02}", week.iso().week())
}

/// The popup's rows, in Tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Field {
    Format,
    Range,
    File,
}

impl Field {
    pub(crate) const ALL: [Field; 3] = [Field::Format, Field::Range, Field::File];

    pub(crate) fn label(self) -> &'static str {
        match self {
            Field::Format => "Format",
            Field::Range => "Range",
            Field::File => "File",
        }
    }

    pub(crate) fn is_choice(self) -> bool {
        self != Field::File
    }

    pub(crate) fn index(self) -> usize {
        Field::ALL.iter().position(|f| *f == self).unwrap_or(0)
    }
}

/// What a key did to the popup.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ExportOutcome {
    Editing,
    /// Esc: close, write nothing.
    Cancelled,
    /// Enter: write the file (see [`ExportForm::write`]).
    Write,
    /// The file name is to be edited in `$VISUAL` / `$EDITOR`.
    Editor,
}

/// What was written, for the status line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Written {
    pub(crate) path: PathBuf,
    pub(crate) format: Format,
    pub(crate) posts: usize,
    pub(crate) warnings: Vec<String>,
}

impl Written {
    /// "exported 7 posts (ICS) to plan-2026-W48.ics", then the first warning.
    pub(crate) fn status(&self) -> (Level, String) {
        let posts = match self.posts {
            1 => "1 post".to_string(),
            n => format!("{n} posts"),
        };
        let mut text = format!(
            "exported {posts} ({}) to {}",
            self.format.spec().label,
            self.path.display()
        );
        if let Some(first) = self.warnings.first() {
            text += &format!("; warning: {}", first.lines().next().unwrap_or_default());
            match self.warnings.len() {
                1 => {}
                2 => text += " (and 1 more warning)",
                n => text += &format!(" (and {} more warnings)", n - 1),
            }
        }
        let level = if self.warnings.is_empty() && self.posts > 0 {
            Level::Info
        } else {
            Level::Warning
        };
        (level, text)
    }
}

#[derive(Debug, Clone)]
pub struct ExportForm {
    pub(crate) focus: Field,
    pub format: Format,
    pub(crate) range: Range,
    /// The week the ranges start at: the one the calendar shows.
    pub(crate) week: Week,
    path: TextField,
    /// Set once the user types in the file field; until then the name follows
    /// the format and range chosen.
    edited: bool,
    /// The schedule file, which an export must never replace.
    schedule: PathBuf,
    /// Why the last Enter wrote nothing.
    error: Option<String>,
    /// The existing file the last Enter found; Enter again replaces it.
    replacing: Option<PathBuf>,
}

impl ExportForm {
    /// A popup for exporting from the calendar showing `week`, suggesting a file
    /// next to `schedule`.
    pub(crate) fn new(schedule: &Path, week: Week) -> ExportForm {
        let mut form = ExportForm {
            focus: Field::Format,
            format: Format::Ics,
            range: Range::Week,
            week,
            path: TextField::default(),
            edited: false,
            // Absolute, so that a relative name typed or suggested is taken
            // from the schedule's folder once, not again from its own.
            schedule: std::path::absolute(schedule).unwrap_or_else(|_| schedule.to_path_buf()),
            error: None,
            replacing: None,
        };
        form.suggest_path();
        form
    }

    /// `<folder>/<schedule stem>-<range>.<ext>`, next to the schedule file.
    pub(crate) fn suggested_path(&self) -> PathBuf {
        let stem = self
            .schedule
            .file_stem()
            .map_or_else(|| "mixcal".into(), |s| s.to_string_lossy().into_owned());
        let name = format!(
            "{stem}-{}{}",
            self.range.tag(self.week),
            suffix(self.format)
        );
        match self.schedule.parent() {
            Some(dir) => dir.join(name),
            None => PathBuf::from(name),
        }
    }

    fn suggest_path(&mut self) {
        if !self.edited {
            self.path = TextField::new(self.suggested_path().display().to_string());
        }
    }

    pub(crate) fn input(&self) -> &TextField {
        &self.path
    }

    /// Gives a row the focus; the file name is selected so typing replaces it.
    pub(crate) fn focus_field(&mut self, field: Field) {
        self.focus = field;
        if field == Field::File {
            self.path.select_all();
        } else {
            self.path.deselect();
        }
    }

    /// The file name an external editor returned.
    pub(crate) fn set_path(&mut self, text: &str) {
        self.path.set(text.trim());
        self.edited = true;
        self.forget_problems();
    }

    pub(crate) fn error(&self) -> Option<&str> {
        self.error.as_deref()
    }

    /// The file an Enter would replace, once the user has been told it exists.
    pub(crate) fn replacing(&self) -> Option<&Path> {
        self.replacing.as_deref()
    }

    /// Handles one key press: the form mode's keys first, then text editing.
    pub(crate) fn handle_key(&mut self, key: KeyEvent, keymap: &KeyMap) -> ExportOutcome {
        let on_file = self.focus == Field::File;
        match keymap.get::<FormAction>(&key) {
            Some(FormAction::Cancel) => return ExportOutcome::Cancelled,
            Some(FormAction::Submit) => return ExportOutcome::Write,
            Some(FormAction::NextField) => self.move_focus(true),
            Some(FormAction::PrevField) => self.move_focus(false),
            Some(FormAction::Editor) if on_file => return ExportOutcome::Editor,
            Some(FormAction::Clear) if on_file => {
                self.path.clear();
                self.edited = true;
                self.forget_problems();
            }
            Some(a @ (FormAction::NextChoice | FormAction::PrevChoice)) if !on_file => {
                self.cycle(a == FormAction::NextChoice);
            }
            _ if on_file => self.edit_path(key),
            _ => {}
        }
        ExportOutcome::Editing
    }

    /// A key in the file field. Only a change to the text counts as the user's
    /// own name; moving the cursor does not.
    fn edit_path(&mut self, key: KeyEvent) {
        if self.path.edit(key) == Some(true) {
            self.edited = true;
            self.forget_problems();
        }
    }

    fn move_focus(&mut self, forward: bool) {
        let n = Field::ALL.len();
        let i = self.focus.index();
        self.focus_field(
            Field::ALL[if forward {
                (i + 1) % n
            } else {
                (i + n - 1) % n
            }],
        );
    }

    pub(crate) fn cycle(&mut self, forward: bool) {
        fn step<T: Copy + PartialEq>(all: &[T], now: T, forward: bool) -> T {
            let n = all.len();
            let i = all.iter().position(|x| *x == now).unwrap_or(0);
            all[if forward {
                (i + 1) % n
            } else {
                (i + n - 1) % n
            }]
        }
        match self.focus {
            Field::Format => self.format = step(Format::ALL, self.format, forward),
            Field::Range => self.range = step(&Range::ALL, self.range, forward),
            Field::File => return,
        }
        self.forget_problems();
        self.suggest_path();
    }

    fn forget_problems(&mut self) {
        self.error = None;
        self.replacing = None;
    }

    /// The file the field names, with a leading `~/` read as the home folder
    /// and a relative name taken from the schedule's folder, where the
    /// suggested name puts it (so typing over the suggestion keeps the place).
    fn target(&self) -> Result<PathBuf, String> {
        let text = self.path.value().trim();
        if text.is_empty() {
            return Err("write the name of the file to export to".into());
        }
        if let Some(rest) = text.strip_prefix("~/")
            && let Ok(home) = etcetera::home_dir()
        {
            return Ok(home.join(rest));
        }
        let path = PathBuf::from(text);
        Ok(match self.schedule.parent() {
            Some(dir) if path.is_relative() => dir.join(path),
            _ => path,
        })
    }

    /// Writes the chosen posts to the chosen file, atomically. Returns what was
    /// written; `None` when nothing was, with the reason kept in the form for the
    /// popup to show (or, for an existing file, the question whether to replace it).
    pub(crate) fn write(
        &mut self,
        schedule: &Schedule,
        config: &Config,
        clock: Clock,
    ) -> Option<Written> {
        let path = match self.check_target() {
            Ok(Some(path)) => path,
            Ok(None) => return None,
            Err(e) => {
                self.error = Some(e);
                return None;
            }
        };
        let zone = match self.format {
            Format::Toml | Format::Csv => config.zone().unwrap_or(jiff::tz::TimeZone::UTC),
            _ => match config.zone() {
                Ok(zone) => zone,
                Err(e) => {
                    self.error = Some(e.to_string().lines().next().unwrap_or_default().into());
                    return None;
                }
            },
        };
        let posts = select(schedule, self.range.span(self.week), None);
        let job = Job {
            config,
            zone: &zone,
            now: clock.now_in(&zone),
            statuses: None,
            origin: Origin {
                name: self
                    .schedule
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default(),
                identifier: Some(schedule.identifier().to_string()),
            },
            utc: false,
            date_order: DateOrder::Mdy,
        };
        let rendered = export::render(self.format, &posts, &job);
        if let Err(e) = write_atomic(&path, &rendered.bytes, false) {
            self.replacing = None;
            self.error = Some(write_error(&path, &e));
            return None;
        }
        Some(Written {
            path,
            format: self.format,
            posts: rendered.posts,
            warnings: rendered.warnings,
        })
    }

    /// The file to write, `Ok(None)` when it exists and the user has not yet been
    /// asked, or why it cannot be written.
    fn check_target(&mut self) -> Result<Option<PathBuf>, String> {
        let path = self.target()?;
        if same_file(&path, &self.schedule) {
            return Err(format!(
                "{} is the schedule itself: choose another file name",
                path.display()
            ));
        }
        if path.is_dir() {
            return Err(format!(
                "{} is a folder: add a file name, e.g. {}",
                path.display(),
                path.join(self.suggested_name()).display()
            ));
        }
        let folder = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        // The schedule's own folder is made, as saving would make it (a new
        // schedule's data folder may not exist yet); any other missing folder is
        // more likely a typo.
        if !folder.is_dir() && self.schedule.parent() == Some(folder) {
            std::fs::create_dir_all(folder)
                .map_err(|e| format!("cannot create the folder {}: {e}", folder.display()))?;
        }
        if !folder.is_dir() {
            return Err(format!(
                "the folder {} does not exist: create it or choose another",
                folder.display()
            ));
        }
        if path.exists() && self.replacing.as_deref() != Some(path.as_path()) {
            self.replacing = Some(path);
            return Ok(None);
        }
        Ok(Some(path))
    }

    fn suggested_name(&self) -> String {
        self.suggested_path()
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    }
}

fn write_error(path: &Path, e: &io::Error) -> String {
    let folder = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    match e.kind() {
        io::ErrorKind::PermissionDenied => format!(
            "cannot write in {}: permission denied; choose a folder you can write to",
            folder.display()
        ),
        _ => format!("cannot write {}: {e}", path.display()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::WeekStart;

    fn week(s: &str) -> Week {
        Week::parse(s, WeekStart::default()).unwrap()
    }

    use ratatui::crossterm::event::{KeyCode, KeyModifiers};

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    struct Popup(ExportForm, KeyMap);

    impl std::ops::Deref for Popup {
        type Target = ExportForm;
        fn deref(&self) -> &ExportForm {
            &self.0
        }
    }

    impl std::ops::DerefMut for Popup {
        fn deref_mut(&mut self) -> &mut ExportForm {
            &mut self.0
        }
    }

    impl Popup {
        fn handle_key(&mut self, key: KeyEvent) -> ExportOutcome {
            self.0.handle_key(key, &self.1)
        }
    }

    fn form() -> Popup {
        let keymap = KeyMap::from_config(&Config::builtin().unwrap());
        Popup(
            ExportForm::new(Path::new("/plans/shop.toml"), week("2026-W48")),
            keymap,
        )
    }

    #[test]
    fn the_suggested_file_sits_next_to_the_schedule_and_names_the_week() {
        assert_eq!(form().input().value(), "/plans/shop-2026-W48.ics");
    }

    #[test]
    fn the_suggested_file_follows_the_format_and_range() {
        let mut f = form();
        f.handle_key(key(KeyCode::Right));
        f.handle_key(key(KeyCode::Right));
        assert_eq!(f.format, Format::Hootsuite);
        assert_eq!(f.input().value(), "/plans/shop-2026-W48-hootsuite.csv");
        f.handle_key(key(KeyCode::Tab));
        f.handle_key(key(KeyCode::Right));
        assert_eq!(f.input().value(), "/plans/shop-2026-W48-W51-hootsuite.csv");
        f.handle_key(key(KeyCode::Right));
        assert_eq!(f.input().value(), "/plans/shop-all-hootsuite.csv");
    }

    #[test]
    fn four_weeks_across_new_year_name_both_years() {
        // 2026 has 53 ISO weeks: W52, W53, 2027-W01, W02.
        assert_eq!(Range::FourWeeks.tag(week("2026-W52")), "2026-W52-2027-W02");
        let span = Range::FourWeeks.span(week("2026-W52")).unwrap();
        assert_eq!(span.from.to_string(), "2026-12-21");
        assert_eq!(span.to.to_string(), "2027-01-17");
    }

    #[test]
    fn a_schedule_given_by_a_relative_path_gets_a_file_in_its_own_folder() {
        let f = ExportForm::new(Path::new("x/main.toml"), week("2026-W48"));
        let folder = std::env::current_dir().unwrap().join("x");
        assert_eq!(f.target().unwrap(), folder.join("main-2026-W48.ics"));
        assert_eq!(
            f.input().value(),
            folder.join("main-2026-W48.ics").display().to_string()
        );
    }

    #[test]
    fn a_typed_file_name_is_kept_when_the_format_changes() {
        let mut f = form();
        f.focus = Field::File;
        f.handle_key(key(KeyCode::End));
        f.handle_key(key(KeyCode::Char('x')));
        f.focus = Field::Format;
        f.handle_key(key(KeyCode::Left));
        assert_eq!(f.format, Format::Toml);
        assert_eq!(f.input().value(), "/plans/shop-2026-W48.icsx");
    }

    #[test]
    fn moving_the_cursor_does_not_count_as_editing() {
        let mut f = form();
        f.focus = Field::File;
        f.handle_key(key(KeyCode::Left));
        f.focus = Field::Format;
        f.handle_key(key(KeyCode::Left));
        assert_eq!(f.input().value(), "/plans/shop-2026-W48.toml");
    }

    #[test]
    fn an_empty_file_name_is_refused() {
        let mut f = form();
        f.focus = Field::File;
        for _ in 0..40 {
            f.handle_key(key(KeyCode::Backspace));
        }
        assert_eq!(f.input().value(), "");
        let config = Config::builtin().unwrap();
        let now = week("2026-W48").start().and_hms_opt(0, 0, 0).unwrap();
        assert_eq!(f.write(&Schedule::new(), &config, Clock::Fixed(now)), None);
        assert_eq!(f.error(), Some("write the name of the file to export to"));
    }

    #[test]
    fn the_status_names_the_file_the_count_and_the_first_warning() {
        let written = Written {
            path: PathBuf::from("out.csv"),
            format: Format::Hootsuite,
            posts: 3,
            warnings: vec!["first\nmore".into(), "second".into()],
        };
        assert_eq!(
            written.status(),
            (
                Level::Warning,
                "exported 3 posts (Hootsuite CSV) to out.csv; warning: first (and 1 more warning)"
                    .into()
            )
        );
    }
}
