//! Sprout Social's bulk scheduling CSV: `date` (MM/DD/YYYY, or DD/MM/YYYY with
//! `--date-order dmy` to match Sprout's import setting), `time_24hr`,
//! `message_text`, then the `link` and the first image as `image_url`. Sprout
//! takes 350 rows, 10 minutes apart and at least 10 minutes ahead.

use super::publish::{Rules, table};
use super::{Job, Selection, Spec};
use crate::domain::fields::DateOrder;

pub(crate) const SPEC: Spec = Spec {
    label: "Sprout Social CSV",
    about: "Sprout Social's bulk scheduling: date, time_24hr, message_text, link, image_url",
    extension: "csv",
    publishing: Some(Rules {
        tool: "Sprout Social",
        max_rows: Some(350),
        min_gap: Some(10),
        media: true,
    }),
    render,
};

const HEADER: [&str; 5] = ["date", "time_24hr", "message_text", "link", "image_url"];

fn render(job: &Job, selection: &Selection, _warnings: &mut Vec<String>) -> Vec<u8> {
    let posts = &selection.dated;
    let date_format = match job.date_order {
        DateOrder::Mdy => "%m/%d/%Y",
        DateOrder::Dmy => "%d/%m/%Y",
    };
    table(
        Some(&HEADER),
        posts.iter().map(|p| {
            vec![
                p.date.format(date_format).to_string(),
                p.time
                    .map(|t| t.format("%H:%M").to_string())
                    .unwrap_or_default(),
                p.title.clone(),
                p.link.clone().unwrap_or_default(),
                p.media.first().cloned().unwrap_or_default(),
            ]
        }),
    )
}
