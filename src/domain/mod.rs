//! The planning domain: posts, categories, weeks and the schedule that holds them.
//! Nothing here knows about terminals or files.

pub mod category;
pub mod fields;
pub mod post;
pub mod schedule;
pub mod week;

pub use category::{Category, Color};
pub use post::{Post, Status};
pub use schedule::Schedule;
pub use week::{FIRST_DATE, LAST_DATE, Span, Week, WeekStart, supported, supported_range};
