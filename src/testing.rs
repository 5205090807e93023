//! What the integration tests, the benches, the example and the fuzz targets
//! reach inside the library. Not an API: hidden from the docs, and it changes
//! whenever they do. Everything else is private to the crate, so the compiler
//! tells what nothing uses.

/// Importing rows into a schedule.
pub mod commands {
    pub use crate::commands::import::{Changes, merge};
}

/// The calendar, driven by actions and keys and drawn to a test backend.
pub mod tui {
    pub use crate::tui::app::{Level, Popup};
    pub use crate::tui::editor::edit;
    pub use crate::tui::form::{Field, FormOutcome, PostForm};
    pub use crate::tui::review::{Metric, ReviewScreen};
    pub use crate::tui::search::{Query, search};
    pub use crate::tui::{Action, App, KeyMap, Theme, demo_schedule};
}

/// Which channels earn their time.
pub mod review {
    pub use crate::review::{last_weeks, review, words};
}

/// The formats: writing, and reading spreadsheets and calendars back.
pub mod export {
    pub use crate::export::{Format, Job, Origin, render, select};

    /// The plain CSV sheet.
    pub mod csv {
        pub use crate::export::csv::{ReadOptions, read, read_against, render};
    }

    /// iCalendar.
    pub mod ics {
        pub use crate::export::ics::render;
    }
}

/// The mix: findings, the planner and its repairs.
pub mod mix {
    pub use crate::mix::analyze::{WeekFacts, is_locked};
    pub use crate::mix::apply::edits;
    pub use crate::mix::{
        Change, Fill, Item, Mix, PostRef, Rules, Spot, Verdict, WeekReport, analyze_items,
        open_slots,
    };
}

/// The schedule file: loading, the writer and saving.
pub mod store {
    pub use crate::store::{
        Store, backup_path, parse, parse_bytes, posts_to_toml, save_text, to_toml,
    };
}

/// The config: built-in defaults and a user's overlay.
pub mod config {
    pub use crate::config::keys::Mode;
    pub use crate::config::{BUILTIN_NAME, Config, DEFAULT_TOML};
}

/// Posts, the schedule, weeks and repeating posts.
pub mod domain {
    pub use crate::domain::{
        Dated, End, Every, Gap, On, Post, Repeat, Schedule, Source, Span, Status, WEEKDAYS, Week,
        WeekStart,
    };

    /// The one field validator.
    pub mod fields {
        pub use crate::domain::fields::{DateOrder, date, partner};
    }
}

/// Where "now" comes from.
pub mod env {
    pub use crate::env::Clock;
}

/// What may reach a terminal.
pub mod shown {
    pub use crate::shown::is_unsafe;
}
