//! The planning domain: posts, categories, weeks and the schedule that holds them.
//! Nothing here knows about terminals or files.

pub(crate) mod category;
pub(crate) mod evergreen;
pub(crate) mod fields;
pub(crate) mod post;
pub(crate) mod repeat;
pub(crate) mod schedule;
pub(crate) mod week;

pub(crate) use category::{Category, Color};
pub use evergreen::Gap;
pub(crate) use post::Provenance;
pub use post::{Dated, Post, Source, Status};
pub(crate) use repeat::RepeatError;
pub use repeat::{End, Every, On, Repeat};
pub use schedule::Schedule;
pub(crate) use schedule::{Cursor, Spot};
pub(crate) use week::{FIRST_DATE, LAST_DATE, supported, supported_range, weekday_name};
pub use week::{Span, WEEKDAYS, Week, WeekStart};
