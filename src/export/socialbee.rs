//! SocialBee's CSV import: `text`, `link`, `imageUrls`, `gifUrls`, `videoUrls`
//! and `postAtSpecificTime` (`YYYY-MM-DD HH:mm`). Media go to the column of their
//! kind, by file extension; SocialBee wants one kind of media per post.

use super::publish::{Rules, media_by_kind, moment, table, warn_mixed_media};
use super::{Job, Selection, Spec};

pub(crate) const SPEC: Spec = Spec {
    label: "SocialBee CSV",
    about: "SocialBee's import: text, link, imageUrls, gifUrls, videoUrls, postAtSpecificTime",
    extension: "csv",
    publishing: Some(Rules {
        tool: "SocialBee",
        max_rows: None,
        min_gap: None,
        media: true,
    }),
    render,
};

const HEADER: [&str; 6] = [
    "text",
    "link",
    "imageUrls",
    "gifUrls",
    "videoUrls",
    "postAtSpecificTime",
];

fn render(_job: &Job, selection: &Selection, warnings: &mut Vec<String>) -> Vec<u8> {
    let posts = &selection.dated;
    warn_mixed_media("SocialBee", posts, warnings);
    table(
        Some(&HEADER),
        posts.iter().map(|p| {
            let (images, gifs, videos) = media_by_kind(p);
            vec![
                p.title.clone(),
                p.link.clone().unwrap_or_default(),
                images.join(", "),
                gifs.join(", "),
                videos.join(", "),
                moment(p).format("%Y-%m-%d %H:%M").to_string(),
            ]
        }),
    )
}
