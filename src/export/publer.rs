//! Publer's bulk CSV, its current template of twelve columns: `Date`
//! (`YYYY-MM-DD HH:MM`), `Text`, `Link(s)`, `Media URL(s)` and eight more that
//! mixcal leaves empty (Publer wants every column present, even when empty).

use super::publish::{Rules, moment, table};
use super::{Job, Selection, Spec};

pub(crate) const SPEC: Spec = Spec {
    label: "Publer CSV",
    about: "Publer's bulk template: Date, Text, Link(s), Media URL(s) and its other columns",
    extension: "csv",
    publishing: Some(Rules {
        tool: "Publer",
        max_rows: None,
        min_gap: None,
        media: true,
    }),
    render,
};

const HEADER: [&str; 12] = [
    "Date",
    "Text",
    "Link(s)",
    "Media URL(s)",
    "Title",
    "Label(s)",
    "Alt text(s)",
    "Comment(s)",
    "Pin board, FB album, or Google category",
    "Post subtype",
    "CTA",
    "Reminder",
];

fn render(_job: &Job, selection: &Selection, _warnings: &mut Vec<String>) -> Vec<u8> {
    let posts = &selection.dated;
    table(
        Some(&HEADER),
        posts.iter().map(|p| {
            let mut row = vec![String::new(); HEADER.len()];
            row[0] = moment(p).format("%Y-%m-%d %H:%M").to_string();
            row[1].clone_from(&p.title);
            row[2] = p.link.clone().unwrap_or_default();
            row[3] = p.media.join(",");
            row
        }),
    )
}
