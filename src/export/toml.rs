//! TOML export: the selected posts in canonical form under the schedule's
//! header (what a save writes for a file without comments), so the file opens
//! as a schedule of its own. A repeating post is written once, as a series.

use super::{Job, Selection, Spec};

pub(crate) const SPEC: Spec = Spec {
    label: "TOML",
    about: "the schedule file's own format, canonical, under the schedule's header",
    extension: "toml",
    publishing: None,
    render,
};

fn render(job: &Job, selection: &Selection, _warnings: &mut Vec<String>) -> Vec<u8> {
    let written = selection.written();
    let posts = written
        .iter()
        .copied()
        .chain(selection.ideas.iter().copied());
    crate::store::posts_to_toml_with(job.origin.identifier.as_deref(), posts).into_bytes()
}
