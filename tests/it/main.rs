//! mixcal's integration tests, in one crate so the library is linked once.
//! Each module is one face of the product: the command line, files, the
//! planner, the calendar and the real terminal.

mod common;

mod channels;
mod cli;
mod feeds;
mod handoffs;
mod io;
mod library;
mod loader;
mod mix;
mod plan;
mod reliability;
mod review;
mod store;
mod suggest;
mod terminal;
mod tui;
