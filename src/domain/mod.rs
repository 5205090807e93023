//! The planning domain: posts, categories, weeks and the schedule that holds them.
//! Nothing here knows about terminals or files.

pub mod category;
pub mod evergreen;
pub mod fields;
pub mod post;
pub mod repeat;
pub mod schedule;
pub mod week;

pub use category::{Category, Color};
pub use evergreen::Gap;
pub use post::{Dated, Post, Provenance, Source, Status};
pub use repeat::{End, Every, On, Repeat, RepeatError};
pub use schedule::Schedule;
pub use week::{FIRST_DATE, LAST_DATE, Span, Week, WeekStart, supported, supported_range};
