//! TOML export: the selected posts in canonical form under the schedule's
//! header (what a save writes for a file without comments), so the file opens
//! as a schedule of its own.

use super::{Job, Spec};
use crate::domain::Post;

pub const SPEC: Spec = Spec {
    label: "TOML",
    about: "the schedule file's own format, canonical, under the schedule's header",
    extension: "toml",
    publishing: None,
    render,
};

fn render(job: &Job, posts: &[&Post], _warnings: &mut Vec<String>) -> Vec<u8> {
    crate::store::posts_to_toml_with(job.origin.identifier.as_deref(), posts.iter().copied())
        .into_bytes()
}
