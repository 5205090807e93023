//! The canonical text of a schedule: sorted, stable, git-friendly.

use crate::domain::{Post, Schedule};

/// The canonical text of a schedule: the same schedule always gives the same bytes.
pub fn to_toml(schedule: &Schedule) -> String {
    posts_to_toml(schedule.iter())
}

/// The canonical text of some posts, in the order given.
pub fn posts_to_toml<'a>(posts: impl Iterator<Item = &'a Post>) -> String {
    let mut out = String::with_capacity(4096);
    out.push_str("version = 1\n");
    for p in posts {
        write_post(&mut out, p);
    }
    out
}

fn write_post(out: &mut String, p: &Post) {
    use std::fmt::Write as _;
    out.push_str("\n[[post]]\nid = ");
    quote(out, &p.id);
    let _ = write!(out, "\ndate = {}\n", p.date.format("%Y-%m-%d"));
    if let Some(t) = p.time {
        let _ = writeln!(out, "time = {}", t.format("%H:%M:%S"));
    }
    out.push_str("category = ");
    quote(out, &p.category);
    out.push_str("\ntitle = ");
    quote(out, &p.title);
    out.push('\n');
    for (key, value) in [
        ("channel", &p.channel),
        ("notes", &p.notes),
        ("link", &p.link),
    ] {
        if let Some(v) = value {
            out.push_str(key);
            out.push_str(" = ");
            quote(out, v);
            out.push('\n');
        }
    }
    if let Some(m) = p.minutes {
        let _ = writeln!(out, "minutes = {m}");
    }
    let _ = writeln!(out, "status = \"{}\"", p.status.as_str());
}

/// Writes a TOML basic string.
fn quote(out: &mut String, s: &str) {
    use std::fmt::Write as _;
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}
