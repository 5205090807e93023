//! HighLevel Social Planner's bulk CSV: `postAtSpecificTime`
//! (`YYYY-MM-DD HH:mm:ss`), `content`, `link`, `imageUrls`, `gifUrl` (one) and
//! `videoUrls`; at most 90 posts a file, one kind of media per post.

use super::publish::{Rules, media_by_kind, moment, table, warn_mixed_media};
use super::{Job, Selection, Spec, count, list_posts};
use crate::domain::Dated;

pub(crate) const SPEC: Spec = Spec {
    label: "HighLevel CSV",
    about: "HighLevel Social Planner: postAtSpecificTime, content, link, imageUrls, gifUrl, videoUrls",
    extension: "csv",
    publishing: Some(Rules {
        tool: "HighLevel",
        max_rows: Some(90),
        min_gap: None,
        media: true,
    }),
    render,
};

const HEADER: [&str; 6] = [
    "postAtSpecificTime",
    "content",
    "link",
    "imageUrls",
    "gifUrl",
    "videoUrls",
];

fn render(_job: &Job, selection: &Selection, warnings: &mut Vec<String>) -> Vec<u8> {
    let posts = &selection.dated;
    warn_mixed_media("HighLevel", posts, warnings);
    let many_gifs: Vec<Dated> = posts
        .iter()
        .copied()
        .filter(|p| media_by_kind(p).1.len() > 1)
        .collect();
    if !many_gifs.is_empty() {
        warnings.push(format!(
            "{} with more than one GIF; HighLevel takes one, so only the first is written: {}",
            count(many_gifs.len()),
            list_posts(&many_gifs)
        ));
    }
    table(
        Some(&HEADER),
        posts.iter().map(|p| {
            let (images, gifs, videos) = media_by_kind(p);
            vec![
                moment(p).format("%Y-%m-%d %H:%M:%S").to_string(),
                p.title.clone(),
                p.link.clone().unwrap_or_default(),
                images.join(", "),
                gifs.first()
                    .map(std::string::ToString::to_string)
                    .unwrap_or_default(),
                videos.join(", "),
            ]
        }),
    )
}
