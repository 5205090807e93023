//! Export formats, one file each. A format turns a list of posts into bytes.

pub mod toml;
