//! What the integration tests, the benches, the example and the fuzz targets
//! reach inside the library. Not an API: hidden from the docs, and it changes
//! whenever they do. Everything else is private to the crate, so the compiler
//! tells what nothing uses.

/// Importing rows into a schedule.
pub mod commands {
    pub use crate::commands::import::{Changes, merge};
}
