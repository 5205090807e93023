//! Realistic generated schedules for benchmarks: about ten posts a day, about
//! 230 bytes a post in canonical form, every category, some emoji and accents,
//! centred on 2026-W48 so `--week 2026-W48` always has posts.

use chrono::{Datelike, Days, NaiveDate, NaiveTime};
use mixcal::testing::domain::{End, Every, On, Post, Repeat, Status};
use mixcal::testing::store::posts_to_toml;

/// The week every generated schedule has posts in.
pub(crate) const WEEK: &str = "2026-W48";

const TITLES: [(&str, &[&str]); 4] = [
    (
        "everyday",
        &[
            "Behind the scenes: packing today's orders",
            "Meet Ana, who glazes every mug by hand",
            "Our workshop dog Pixel says hello 🐶",
            "Friday playlist in the studio 🎶",
            "Morning coffee before the kiln opens ☕",
            "A peek at tomorrow's sketches ✏️",
            "Sunday walk by the river, no work today",
            "Crème brûlée day at the café next door",
        ],
    ),
    (
        "business",
        &[
            "New winter mugs are in the shop",
            "How to care for hand-glazed ceramics",
            "Opening hours over the holidays",
            "Gift guide: five mugs for tea lovers 🎁",
            "Last days of the autumn sale",
        ],
    ),
    (
        "partner",
        &[
            "Coffee from the roastery down the street",
            "Flowers by Grünwald for your table 💐",
            "The bakery that serves in our cups",
        ],
    ),
    (
        "contest",
        &[
            "Win a set of four mugs 🎉",
            "Guess the glaze colour and win",
        ],
    ),
];

const CHANNELS: [&str; 5] = ["instagram", "facebook", "tiktok", "linkedin", "pinterest"];

const NOTES: [&str; 6] = [
    "photo of the workbench in warm morning light, no filter",
    "short reel, 15 s, music from the shared library; captions on",
    "tag the partner and ask them to share it in their stories",
    "carousel of 4 pictures; write alt text for each of them",
    "ask a question at the end to get comments; reply within the hour",
    "repost in stories the day after 📌 with a poll sticker",
];

/// A schedule of `count` posts in canonical TOML; the same `seed` gives the same
/// bytes.
pub(crate) fn schedule_text(count: usize, seed: u64) -> String {
    schedule_text_with_repeats(count, 0, seed)
}

/// A schedule of `count` posts of which `repeating` repeat (weekly on one or
/// two days, every two weeks, monthly on a day or on the nth weekday; some
/// with an end, some skipping a date), spread over the same days as the
/// others. The same `seed` gives the same bytes.
pub(crate) fn schedule_text_with_repeats(count: usize, repeating: usize, seed: u64) -> String {
    let mut rng = fastrand::Rng::with_seed(seed);
    let written = count.saturating_sub(repeating);
    let days = written.div_ceil(10).max(1) as u64;
    let centre = NaiveDate::from_ymd_opt(2026, 11, 25).expect("a real date");
    let first = centre - Days::new(days / 2);
    let mut posts = Vec::with_capacity(count);
    for i in 0..written {
        let date = first + Days::new(i as u64 / 10);
        posts.push(post(&mut rng, i, date, centre));
    }
    for k in 0..repeating {
        let start = first + Days::new(rng.u64(0..days));
        let mut p = post(&mut rng, written + k, start, centre);
        p.status = Status::Planned;
        p.repeat = Some(Box::new(repeat(&mut rng, start)));
        posts.push(p);
    }
    posts.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    posts_to_toml(posts.iter())
}

fn repeat(rng: &mut fastrand::Rng, first: NaiveDate) -> Repeat {
    let (every, on) = match rng.u32(0..4) {
        0 => (Every::Weeks(1), vec![]),
        1 => (
            Every::Weeks(1),
            vec![
                On::Day(first.weekday()),
                On::Day(first.weekday().succ().succ()),
            ],
        ),
        2 => (Every::Weeks(2), vec![]),
        _ if rng.bool() => (Every::Months(1), vec![]),
        _ => (Every::Months(1), vec![On::of(first).0]),
    };
    let end = match rng.u32(0..3) {
        0 => End::Never,
        1 => End::Times(rng.u32(4..60)),
        _ => End::Until(first + Days::new(rng.u64(30..800))),
    };
    let plain = Repeat::new(first, every, on.clone(), end, Vec::new()).expect("a valid rule");
    let skip = plain
        .dates(first, first + Days::new(120))
        .into_iter()
        .nth(rng.usize(1..6))
        .into_iter()
        .collect();
    Repeat::new(first, every, on, end, skip).expect("a valid rule")
}

fn post(rng: &mut fastrand::Rng, i: usize, date: NaiveDate, today: NaiveDate) -> Post {
    let category = match rng.u32(0..100) {
        0..65 => 0,
        65..83 => 1,
        83..96 => 2,
        _ => 3,
    };
    let (key, titles) = TITLES[category];
    let mut post = Post::new(date, key, titles[rng.usize(..titles.len())]);
    post.id = id(i);
    post.time = (rng.u32(0..10) > 0)
        .then(|| NaiveTime::from_hms_opt(rng.u32(7..21), 15 * rng.u32(0..4), 0))
        .flatten();
    post.channel = (rng.u32(0..10) > 1).then(|| CHANNELS[rng.usize(..CHANNELS.len())].to_string());
    post.notes = (rng.u32(0..10) > 1).then(|| NOTES[rng.usize(..NOTES.len())].to_string());
    post.link =
        (category != 0 && rng.u32(0..3) > 0).then(|| format!("https://example.com/p/{}", post.id));
    post.minutes = (rng.u32(0..5) == 0).then(|| 5 * rng.u32(1..12));
    post.status = if date < today {
        Status::Published
    } else if rng.u32(0..4) == 0 {
        Status::Idea
    } else {
        Status::Planned
    };
    post
}

/// Six base-36 characters, unique per index, looking random.
fn id(i: usize) -> String {
    const ALPHABET: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    const SPACE: u64 = 36u64.pow(6);
    // Multiplying by a number coprime with 36 permutes the id space.
    let mut n = (i as u64).wrapping_mul(2_654_435_761).wrapping_add(12_345) % SPACE;
    let mut out = [b'0'; 6];
    for slot in out.iter_mut().rev() {
        *slot = ALPHABET[(n % 36) as usize];
        n /= 36;
    }
    String::from_utf8_lossy(&out).into_owned()
}
