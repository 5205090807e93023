//! CSV, the spreadsheet layout: one post a row under the header
//! `date,time,category,channel,partner,title,notes,link,media,minutes,spent,responses,status,id`.
//!
//! `export` writes it ([`render`]) and `import` reads it back ([`read`]), so
//! both sides share one list of columns. Quoting (commas, quotes, line breaks)
//! is the `csv` crate's, which follows RFC 4180 and reads what spreadsheets write.
//!
//! A cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is one
//! a spreadsheet would run as a formula (`=SUM(1,2)` comes back as `3`). Export
//! writes such a cell with an apostrophe in front, which spreadsheets show as
//! text, and import takes exactly that apostrophe off again ([`protect`],
//! [`unprotect`]), so the round trip gives back every cell as it was.

mod read;

use chrono::{NaiveTime, Timelike};

use super::incoming::Field;
use super::{Job, Selection, Spec};
use crate::domain::Dated;

pub use read::{ReadOptions, read, read_against};

pub(crate) const SPEC: Spec = Spec {
    label: "CSV",
    about: "a spreadsheet with every field; mixcal import reads it back",
    extension: "csv",
    publishing: None,
    render: render_job,
};

fn render_job(_job: &Job, selection: &Selection, _warnings: &mut Vec<String>) -> Vec<u8> {
    let posts = &selection.dated;
    render(posts)
}

/// The columns, in the order export writes them.
pub(crate) const COLUMNS: [Field; 14] = [
    Field::Date,
    Field::Time,
    Field::Category,
    Field::Channel,
    Field::Partner,
    Field::Title,
    Field::Notes,
    Field::Link,
    Field::Media,
    Field::Minutes,
    Field::Spent,
    Field::Responses,
    Field::Status,
    Field::Id,
];

/// The posts as a spreadsheet with a header row. Every field is written as the
/// schedule holds it, so `import` brings it back unchanged: the category by key,
/// minutes only when the post has its own, spent and responses only when they
/// were logged, media links separated by spaces. A date of a repeating post is
/// a row of its own.
pub fn render(posts: &[Dated]) -> Vec<u8> {
    let mut out = csv::Writer::from_writer(Vec::new());
    // Writing to memory cannot fail, and every record has the header's length.
    out.write_record(COLUMNS.map(Field::name))
        .expect("writing CSV to memory cannot fail");
    for post in posts {
        out.write_record(COLUMNS.map(|c| protect(cell(post, c))))
            .expect("writing CSV to memory cannot fail");
    }
    out.into_inner().expect("writing CSV to memory cannot fail")
}

fn cell(post: &Dated, field: Field) -> String {
    let text = |v: &Option<String>| v.clone().unwrap_or_default();
    let number = |v: Option<u32>| v.map(|n| n.to_string()).unwrap_or_default();
    match field {
        Field::Date => post.date.format("%Y-%m-%d").to_string(),
        Field::Time => post.time.map(time_text).unwrap_or_default(),
        Field::Category => post.category.clone(),
        Field::Channel => text(&post.channel),
        Field::Title => post.title.clone(),
        Field::Notes => text(&post.notes),
        Field::Link => text(&post.link),
        Field::Media => post.media.join(" "),
        Field::Minutes => number(post.minutes),
        Field::Partner => text(&post.partner),
        Field::Spent => number(post.spent),
        Field::Responses => number(post.responses),
        Field::Status => post.status.as_str().to_string(),
        Field::Id => occurrence_id(post),
        // Each date of a repeating post is a row of its own.
        Field::Repeat => String::new(),
    }
}

/// A post's id as a row or an event names it: a date of a repeating post is
/// `<id>-<YYYYMMDD>`, so each has its own, and `import` finds the date again.
pub(crate) fn occurrence_id(post: &Dated) -> String {
    if post.is_occurrence() {
        format!("{}-{}", post.id, post.date.format("%Y%m%d"))
    } else {
        post.id.clone()
    }
}

/// `09:30`, or `09:30:15` when the time has seconds.
pub(crate) fn time_text(t: NaiveTime) -> String {
    if t.second() == 0 {
        t.format("%H:%M").to_string()
    } else {
        t.format("%H:%M:%S").to_string()
    }
}

/// Whether a spreadsheet would read a cell starting with `c` as a formula.
fn is_formula_start(c: char) -> bool {
    matches!(c, '=' | '+' | '-' | '@' | '\t' | '\r')
}

/// Whether [`unprotect`] would take an apostrophe off `cell`: it starts with one,
/// followed by a formula character or another apostrophe.
fn is_protected(cell: &str) -> bool {
    cell.strip_prefix('\'')
        .and_then(|rest| rest.chars().next())
        .is_some_and(|c| is_formula_start(c) || c == '\'')
}

/// `cell` as a spreadsheet shows it as text: with an apostrophe in front when it
/// starts with a formula character, or when it would otherwise lose one on import.
pub(crate) fn protect(cell: String) -> String {
    let starts_formula = cell.chars().next().is_some_and(is_formula_start);
    if starts_formula || cell.starts_with('\'') && is_protected(&cell) {
        format!("'{cell}")
    } else {
        cell
    }
}

/// Undoes [`protect`]: exactly one apostrophe comes off a protected cell.
pub(crate) fn unprotect(cell: &str) -> &str {
    if is_protected(cell) { &cell[1..] } else { cell }
}

/// Whether text that once started with a formula character (`=SUM(1,2)`) now
/// reads like what a spreadsheet makes of a formula: a number or an error code.
/// Asked of every text cell of every row, so the two questions that are almost
/// always "no" (did it start like a formula? did it change?) come first, and
/// reading a number copies nothing unless the text has a separator to drop.
pub(crate) fn looks_evaluated(old: &str, new: &str) -> bool {
    let was_formula = old.chars().next().is_some_and(is_formula_start);
    if !was_formula || old == new {
        return false;
    }
    let new = new.trim();
    let number = if new.contains([',', ' ']) {
        new.replace([',', ' '], "").parse::<f64>().is_ok()
    } else {
        new.parse::<f64>().is_ok()
    };
    let error = new.starts_with('#') && (new.ends_with('!') || new.ends_with('?') || new == "#N/A")
        || new.starts_with("Err:");
    number || error
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Post, Status};
    use chrono::NaiveDate;

    fn post(id: &str, date: &str, category: &str, title: &str) -> Post {
        let mut p = Post::new(
            NaiveDate::parse_from_str(date, "%Y-%m-%d").unwrap(),
            category,
            title,
        );
        p.id = id.to_string();
        p
    }

    fn text(posts: &[Post]) -> String {
        let refs: Vec<Dated> = posts.iter().filter_map(Dated::of).collect();
        String::from_utf8(render(&refs)).unwrap()
    }

    #[test]
    fn the_header_names_every_field_in_order() {
        assert_eq!(
            text(&[]),
            "date,time,category,channel,partner,title,notes,link,media,minutes,spent,responses,status,id\n"
        );
    }

    #[test]
    fn a_post_is_one_row_with_every_field() {
        let mut p = post("a1", "2026-11-23", "everyday", "Packing orders");
        p.time = NaiveTime::from_hms_opt(9, 30, 0);
        p.channel = Some("instagram".into());
        p.notes = Some("photo".into());
        p.link = Some("https://example.com/x".into());
        p.media = vec![
            "https://example.com/a.jpg".into(),
            "https://example.com/b.mp4".into(),
        ];
        p.minutes = Some(20);
        p.status = Status::Idea;
        let mut untimed = post("b2", "2026-11-24", "partner", "Meet the café");
        untimed.partner = Some("Café Müller".into());
        untimed.status = Status::Published;
        untimed.spent = Some(35);
        untimed.responses = Some(0);
        assert_eq!(
            text(&[p, untimed]),
            "date,time,category,channel,partner,title,notes,link,media,minutes,spent,responses,status,id\n\
             2026-11-23,09:30,everyday,instagram,,Packing orders,photo,https://example.com/x,https://example.com/a.jpg https://example.com/b.mp4,20,,,idea,a1\n\
             2026-11-24,,partner,,Café Müller,Meet the café,,,,,35,0,published,b2\n"
        );
    }

    #[test]
    fn commas_quotes_line_breaks_and_unicode_are_quoted() {
        let mut p = post("a", "2026-11-23", "everyday", "Tea, cake and \"fun\"");
        p.notes = Some("line one\nline two 漢字 🎉".into());
        let out = text(&[p]);
        assert_eq!(
            out.lines().nth(1).unwrap(),
            "2026-11-23,,everyday,,,\"Tea, cake and \"\"fun\"\"\",\"line one"
        );
        assert!(
            out.ends_with("line two 漢字 🎉\",,,,,,planned,a\n"),
            "{out}"
        );
    }

    #[test]
    fn seconds_are_written_only_when_a_time_has_them() {
        let mut p = post("a", "2026-11-23", "everyday", "t");
        p.time = NaiveTime::from_hms_opt(9, 30, 15);
        assert!(text(&[p]).contains(",09:30:15,"));
    }

    #[test]
    fn formula_cells_are_written_as_text() {
        let mut p = post("a", "2026-11-23", "everyday", "=SUM(1,2)");
        p.notes = Some("-20% today".into());
        p.channel = Some("@shop".into());
        p.partner = Some("+Partner".into());
        let out = text(&[p]);
        assert!(
            out.contains(",'@shop,'+Partner,\"'=SUM(1,2)\",'-20% today,"),
            "{out}"
        );
    }

    #[test]
    fn protection_is_undone_exactly() {
        for cell in [
            "=SUM(1,2)",
            "+49 30 1234",
            "-20%",
            "@shop",
            "\tTab",
            "\rCR",
            "'tis the season",
            "'=already quoted",
            "''",
            "'",
            "",
            "plain",
            "''=x",
        ] {
            let written = protect(cell.to_string());
            assert_eq!(
                unprotect(&written),
                cell,
                "{cell:?} was written as {written:?}"
            );
        }
        assert_eq!(protect("'tis".into()), "'tis");
        assert_eq!(protect("=1".into()), "'=1");
        assert_eq!(unprotect("'=1"), "=1");
        assert_eq!(unprotect("=1"), "=1");
    }

    #[test]
    fn an_evaluated_formula_is_recognised() {
        assert!(looks_evaluated("=SUM(1,2)", "3"));
        assert!(looks_evaluated("=HELLO()", "#NAME?"));
        assert!(looks_evaluated("=A1", "Err:508"));
        assert!(!looks_evaluated("=SUM(1,2)", "=SUM(1,2)"));
        assert!(!looks_evaluated("=SUM(1,2)", "Sum of our week"));
        assert!(!looks_evaluated("Sale", "3"));
        // Separators a spreadsheet writes in numbers are read past.
        assert!(looks_evaluated("=A1*1000", "1,234 567.5"));
        assert!(looks_evaluated("=A1", " 42 "));
        assert!(!looks_evaluated("=A1", "1,2x"));
    }
}
