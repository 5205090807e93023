//! The calendar: a terminal face over the same domain the subcommands use.
//!
//! `run` loads everything, installs the panic hook that keeps unsaved posts, sets
//! the terminal up through ratatui and reads events in a plain blocking loop.

pub(crate) mod action;
pub(crate) mod app;
pub(crate) mod editor;
pub(crate) mod export;
pub(crate) mod field;
pub(crate) mod form;
pub(crate) mod history;
pub(crate) mod jump;
pub(crate) mod keymap;
pub(crate) mod publish;
pub(crate) mod recovery;
pub(crate) mod review;
pub(crate) mod search;
pub(crate) mod theme;
pub(crate) mod view;

use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

use chrono::{Days, NaiveDate};
use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{self, DisableMouseCapture, EnableMouseCapture};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{EnterAlternateScreen, enable_raw_mode};

use crate::cli::Cli;
use crate::config::Config;
use crate::domain::{Schedule, Week};
use crate::env::{Clock, Env};
use crate::error::{Error, Outcome, Result};
use crate::store::{self, Store};

pub use action::Action;
pub use app::App;
pub use keymap::KeyMap;
pub(crate) use recovery::Recovery;
pub use theme::Theme;

/// The demo week, written for the week of [`DEMO_WEEK_START`].
pub(crate) const EXAMPLE_SCHEDULE: &str = include_str!("../../config/example-schedule.toml");

/// The Monday the example schedule is written for.
pub(crate) const DEMO_WEEK_START: (i32, u32, u32) = (2026, 11, 23);

/// The example schedule moved so that its week is the one holding `today`; each
/// post keeps its weekday and time.
pub fn demo_schedule(config: &Config, today: NaiveDate) -> Result<Schedule> {
    let parsed =
        store::parse(EXAMPLE_SCHEDULE, "example-schedule.toml", config).map_err(Error::Config)?;
    let (y, m, d) = DEMO_WEEK_START;
    let written = NaiveDate::from_ymd_opt(y, m, d).unwrap_or(today);
    // Whole weeks, so weekdays stay put whatever day the config starts weeks on.
    let this_monday = Week::containing(today, crate::domain::WeekStart::default()).start();
    let shift = (this_monday - written).num_days();
    let mut schedule = Schedule::new();
    let moved = |d: NaiveDate| {
        if shift >= 0 {
            d.checked_add_days(Days::new(shift as u64))
        } else {
            d.checked_sub_days(Days::new(shift.unsigned_abs()))
        }
        .unwrap_or(d)
    };
    for post in parsed.iter() {
        let mut p = post.clone();
        p.date = p.date.map(moved);
        if let (Some(rule), Some(first)) = (&p.repeat, p.date) {
            p.repeat = rule.starting(first).ok().map(Box::new);
        }
        schedule.insert(p);
    }
    Ok(schedule)
}

/// What the calendar needs before it reads the schedule: config, keys, the file's
/// path, today and the week to show. Everything here is quick, so a bad config or
/// argument is reported before the terminal is taken over.
pub(crate) struct Setup {
    clock: Clock,
    config: Config,
    keymap: KeyMap,
    theme: Theme,
    path: PathBuf,
    today: NaiveDate,
    week: Week,
    demo: bool,
}

impl Setup {
    pub(crate) fn from_cli(env: &Env, cli: &Cli) -> Result<Setup> {
        let config = env.load_config().map_err(Error::Config)?;
        let keymap = KeyMap::from_config(&config);
        let path = env.schedule_path().map(Path::to_path_buf).ok_or_else(|| {
            Error::Usage("cannot find your home folder to keep the schedule in\n  help: pass --file PATH or set MIXCAL_FILE".into())
        })?;
        let today = env.today();
        let week = match &cli.week {
            Some(w) => Week::parse(w, config.week_start)
                .map_err(|e| Error::Usage(format!("--week: {e}")))?,
            None => Week::containing(today, config.week_start),
        };
        // The calendar only runs on a terminal, where this is the same
        // decision the commands' reports follow.
        let theme = Theme::new(&config, env.color);
        Ok(Setup {
            clock: env.clock(),
            config,
            keymap,
            theme,
            path,
            today,
            week,
            demo: cli.demo,
        })
    }

    /// Reads the schedule (or builds the demo week) and makes the calendar.
    pub(crate) fn open(self) -> Result<App> {
        let Setup {
            clock,
            config,
            keymap,
            theme,
            path,
            today,
            week,
            demo,
        } = self;
        if demo {
            let schedule = demo_schedule(&config, today)?;
            let store = Store::new_file(&path);
            let mut app = App::new(config, keymap, theme, schedule, store, today, week);
            app.set_clock(clock);
            app.set_demo();
            Ok(app)
        } else {
            let (schedule, store) = Store::open_or_new(&path, &config)?;
            let mut app = App::new(config, keymap, theme, schedule, store, today, week);
            app.set_clock(clock);
            Ok(app)
        }
    }
}

/// Files larger than this get an "Opening…" frame while they load.
const SHOW_LOADING_ABOVE: u64 = 256 * 1024;

/// Opens the calendar and runs it until the user quits.
pub(crate) fn run(env: &Env, cli: &Cli) -> Result<Outcome> {
    use std::io::IsTerminal;
    let setup = Setup::from_cli(env, cli)?;
    if !io::stdout().is_terminal() || !io::stdin().is_terminal() {
        return Err(Error::Usage(
            "the calendar needs a terminal\n  help: run mixcal in a terminal, or use `mixcal check` / `mixcal export` in scripts".into(),
        ));
    }
    let path = setup.path.clone();
    let recovery = Arc::new(OnceLock::new());
    install_panic_hook(Arc::clone(&recovery), path.clone());
    let signals = signals::watch(Arc::clone(&recovery), path.clone());
    let mut terminal = ratatui::try_init().map_err(|source| Error::Io {
        path: "terminal".into(),
        source,
    })?;
    let _ = execute!(io::stdout(), EnableMouseCapture);
    let large = !setup.demo && std::fs::metadata(&path).is_ok_and(|m| m.len() > SHOW_LOADING_ABOVE);
    if large {
        let _ =
            terminal.draw(|frame| view::render_loading(&path, frame.area(), frame.buffer_mut()));
    }
    let result = setup.open().and_then(|mut app| {
        let _ = recovery.set(app.recovery());
        event_loop(&mut terminal, &mut app).map_err(|source| Error::Io {
            path: "terminal".into(),
            source,
        })
    });
    signals::stop(signals);
    let _ = execute!(io::stdout(), DisableMouseCapture);
    ratatui::restore();
    let _ = std::panic::take_hook();
    result.map(|()| Outcome::Clean)
}

/// How often the schedule file is looked at for changes by other programs.
const WATCH_EVERY: Duration = Duration::from_secs(1);

fn event_loop(terminal: &mut DefaultTerminal, app: &mut App) -> io::Result<()> {
    let size = terminal.size()?;
    app.update(Action::Resize {
        width: size.width,
        height: size.height,
    });
    let mut watched = Instant::now();
    loop {
        terminal.draw(|frame| frame.render_widget(&*app, frame.area()))?;
        if app.should_quit() {
            return Ok(());
        }
        // Wait for a key, but look at the file at least once a second.
        if event::poll(WATCH_EVERY.saturating_sub(watched.elapsed()))? {
            let event = event::read()?;
            panic_on_request(&event);
            app.handle_event(&event);
            if let Some(request) = app.take_editor_request() {
                let result = suspended(terminal, || {
                    editor::edit(&editor::editor_command(), &request.text)
                })?;
                app.editor_done(result);
            }
        }
        if watched.elapsed() >= WATCH_EVERY {
            app.check_disk();
            watched = Instant::now();
        }
    }
}

/// Runs `f` with the terminal handed back to the shell (main screen, cooked
/// mode, no mouse), then takes it again and redraws everything.
fn suspended<T>(terminal: &mut DefaultTerminal, f: impl FnOnce() -> T) -> io::Result<T> {
    let _ = execute!(io::stdout(), DisableMouseCapture);
    ratatui::restore();
    let out = f();
    enable_raw_mode()?;
    execute!(io::stdout(), EnterAlternateScreen, EnableMouseCapture)?;
    terminal.clear()?;
    Ok(out)
}

/// In debug builds, the key named by `MIXCAL_DEBUG_PANIC_KEY` panics, so tests can
/// drive a real crash: the terminal must come back and unsaved posts be kept.
/// Release builds have no such key.
fn panic_on_request(event: &event::Event) {
    #[cfg(debug_assertions)]
    if let event::Event::Key(key) = event
        && let Ok(wanted) = std::env::var("MIXCAL_DEBUG_PANIC_KEY")
        && key.code == event::KeyCode::Char(wanted.chars().next().unwrap_or('\0'))
    {
        panic!("MIXCAL_DEBUG_PANIC_KEY was pressed");
    }
    let _ = event;
}

/// On a panic: leave mouse mode, write the schedule with its unsaved changes to
/// a new recovery file (`<file>.recovered.toml`), and say where. Installed before `ratatui::try_init`,
/// whose own hook restores the terminal first and then calls this one.
fn install_panic_hook(recovery: Arc<OnceLock<Recovery>>, file: PathBuf) {
    use crate::error::say;
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(io::stdout(), DisableMouseCapture);
        say(&format!("mixcal stopped on an internal error: {info}"));
        match recovery.get() {
            Some(r) => report_recovery(r, &file),
            None => say(&format!("{} was not changed.", file.display())),
        }
        say("This is a bug in mixcal; please report it with the message above.");
    }));
}

/// Closing the terminal (SIGHUP) or being told to stop (SIGTERM, SIGINT) ends the
/// calendar like a crash does: unsaved posts are written to a recovery file
/// first, then the terminal is restored. A thread waits for the signals, so the
/// calendar's own loop stays a plain blocking read.
#[cfg(unix)]
mod signals {
    use std::path::PathBuf;
    use std::sync::{Arc, OnceLock};

    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    use signal_hook::iterator::{Handle, Signals};

    use super::{DisableMouseCapture, Recovery, execute, io};

    pub(super) fn watch(recovery: Arc<OnceLock<Recovery>>, file: PathBuf) -> Option<Handle> {
        let mut signals = Signals::new([SIGHUP, SIGTERM, SIGINT]).ok()?;
        let handle = signals.handle();
        std::thread::spawn(move || {
            if let Some(signal) = signals.forever().next() {
                let written = recovery.get().map(|r| r.write_waiting(&file));
                let _ = execute!(io::stdout(), DisableMouseCapture);
                ratatui::restore();
                match written {
                    Some(Ok(Some(path))) => crate::error::say(&format!(
                        "mixcal: stopped by a signal; your unsaved posts were written to {}\n  help: check it, then rename it to {} to keep them",
                        path.display(),
                        file.display()
                    )),
                    Some(Err(e)) => crate::error::say(&format!(
                        "mixcal: stopped by a signal; your unsaved posts could not be written beside {}: {e}",
                        file.display()
                    )),
                    _ => {}
                }
                std::process::exit(128 + signal);
            }
        });
        Some(handle)
    }

    pub(super) fn stop(handle: Option<Handle>) {
        if let Some(h) = handle {
            h.close();
        }
    }
}

#[cfg(not(unix))]
mod signals {
    use std::path::PathBuf;
    use std::sync::{Arc, OnceLock};

    use super::Recovery;

    pub(crate) fn watch(_recovery: Arc<OnceLock<Recovery>>, _file: PathBuf) -> Option<()> {
        None
    }

    pub(crate) fn stop(_handle: Option<()>) {}
}

fn report_recovery(recovery: &Recovery, file: &Path) {
    crate::error::say(&match recovery.write(file) {
        Ok(Some(path)) => format!(
            "Your unsaved posts were written to {}\n  help: check it, then rename it to {} to keep them",
            path.display(),
            file.display()
        ),
        Ok(None) => format!(
            "There were no unsaved changes; {} is as you last saved it.",
            file.display()
        ),
        Err(e) => format!(
            "Your unsaved posts could not be written beside {}: {e}",
            file.display()
        ),
    });
}
