//! Hootsuite's bulk composer CSV: no header, one post a row as
//! `MM/DD/YYYY HH:MM` (24-hour), the message (the post's title) and an optional
//! URL (its link); UTF-8, sorted by time. Hootsuite also refuses times off the
//! five-minute mark and wants one file per social profile.

use chrono::Timelike;

use super::publish::{self, Rules, moment};
use super::{Job, Selection, Spec, count, list_posts};
use crate::domain::Dated;

pub(crate) const SPEC: Spec = Spec {
    label: "Hootsuite CSV",
    about: "Hootsuite's bulk composer: planned posts with a time, date and time, message, link",
    extension: "csv",
    publishing: Some(Rules {
        tool: "Hootsuite",
        max_rows: Some(350),
        min_gap: None,
        media: false,
    }),
    render,
};

fn render(_job: &Job, selection: &Selection, warnings: &mut Vec<String>) -> Vec<u8> {
    let posts = &selection.dated;
    let off_mark: Vec<Dated> = posts
        .iter()
        .copied()
        .filter(|p| p.time.is_some_and(|t| t.minute() % 5 != 0))
        .collect();
    if !off_mark.is_empty() {
        warnings.push(format!(
            "{} not on a five-minute mark (:00, :05, :10, ...), which Hootsuite refuses: {}",
            count(off_mark.len()),
            list_posts(&off_mark)
        ));
    }
    let mut channels: Vec<&str> = posts.iter().filter_map(|p| p.channel.as_deref()).collect();
    channels.sort_unstable();
    channels.dedup();
    if channels.len() > 1 {
        warnings.push(format!(
            "posts for {} channels ({}) in one file: Hootsuite wants one file per profile; export each with --channel NAME",
            channels.len(),
            channels.join(", ")
        ));
    }
    publish::table(
        None,
        posts.iter().map(|post| {
            vec![
                moment(post).format("%m/%d/%Y %H:%M").to_string(),
                post.title.clone(),
                post.link.clone().unwrap_or_default(),
            ]
        }),
    )
}
