//! mixcal: plan a week of social-media posts and keep the content mix on target.
//!
//! The library holds everything; `main.rs` only parses the command line and turns
//! the result into an exit code.

pub mod cli;
pub mod commands;
pub mod config;
pub mod diag;
pub mod domain;
pub mod env;
pub mod error;
pub mod export;
pub mod mix;
pub mod review;
pub mod shown;
pub mod store;
pub mod tui;
