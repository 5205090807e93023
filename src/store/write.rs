//! The text of a schedule: sorted, stable, git-friendly, and kind to the
//! comments of a hand-written file.
//!
//! [`to_toml`] is the canonical text: the header (`version`, `identifier`), then
//! one `[[post]]` table per post in schedule order. [`save_text`] is what a save
//! writes over an existing file. Without comments that is the canonical text,
//! with each unchanged text value in the file's own spelling when the file has
//! one (another escape, single quotes, several lines). With comments, the file's header (comments and all) stays on top, and a post
//! whose table holds comments, or has a comment block right above it, keeps its
//! table as written, comments included, with only the lines of changed fields
//! rewritten; it moves with its comments to its place in canonical order. The
//! other tables of such a file are kept as written too, so editing one title
//! changes one line, and saving an unchanged schedule rewrites the same bytes;
//! new posts are written canonically.
//!
//! The comment path reads a table with `toml_edit`, which keeps every comment
//! and space of what it does not change, only when it is not already written as
//! mixcal writes it; a file without comments is read only when a look at its
//! backslashes and quotes finds a spelling mixcal would not write.
//!
//! Whatever path, no character a terminal acts on ([`is_unsafe`]) is written
//! raw: text goes out with such characters as `\uXXXX` escapes in upper case,
//! and a kept spelling that holds one raw is written again.

use std::collections::HashMap;
use std::fmt::Write as _;

use toml_edit::{DocumentMut, Item, Key, Table, Value};

use super::load::{Lex, lex_line};
use crate::domain::fields;
use crate::domain::post::KEYS;
use crate::domain::{End, Every, Gap, On, Post, Schedule, Source, Status};
use crate::shown::is_unsafe;

/// The canonical text of a schedule: the same schedule always gives the same bytes.
pub fn to_toml(schedule: &Schedule) -> String {
    posts_to_toml_with(Some(schedule.identifier()), schedule.iter())
}

/// The canonical text of some posts, in the order given, without an identifier.
pub fn posts_to_toml<'a>(posts: impl Iterator<Item = &'a Post>) -> String {
    posts_to_toml_with(None, posts)
}

/// The canonical text of some posts under a header with `identifier`.
pub(crate) fn posts_to_toml_with<'a>(
    identifier: Option<&str>,
    posts: impl Iterator<Item = &'a Post>,
) -> String {
    let mut out = String::with_capacity(4096);
    header(&mut out, identifier);
    for p in posts {
        write_post(&mut out, p);
    }
    out
}

fn header(out: &mut String, identifier: Option<&str>) {
    out.push_str("version = 1\n");
    if let Some(id) = identifier {
        out.push_str("identifier = ");
        quote(out, id);
        out.push('\n');
    }
}

fn write_post(out: &mut String, p: &Post) {
    out.push('\n');
    table(out, p);
}

/// One post's `[[post]]` table, ending in a newline.
fn table(out: &mut String, p: &Post) {
    table_spelt(out, p, None);
}

/// One post's table, each text value that is still what `spelling` says spelt
/// as it says.
fn table_spelt(out: &mut String, p: &Post, spelling: Option<&Spelling>) {
    out.push_str("[[post]]\n");
    for key in KEYS {
        if let Some(value) = value_text(p, key) {
            out.push_str(key);
            out.push_str(" = ");
            match spelling.and_then(|s| s.get(key)) {
                Some((old, repr))
                    if value.parse::<Value>().ok().as_ref().and_then(Value::as_str)
                        == Some(old.as_str()) =>
                {
                    out.push_str(repr);
                }
                _ => out.push_str(&value),
            }
            out.push('\n');
        }
    }
}

/// A field's value as the canonical writer writes it; `None` for a field the
/// post leaves out (status is always written).
fn value_text(p: &Post, key: &str) -> Option<String> {
    let mut out = String::new();
    let text = |out: &mut String, s: &Option<String>| {
        s.as_deref().map(|s| {
            quote(out, s);
        })
    };
    match key {
        "id" => quote(&mut out, &p.id),
        "date" => {
            let _ = write!(out, "{}", p.date?.format("%Y-%m-%d"));
        }
        "time" => {
            let _ = write!(out, "{}", p.time?.format("%H:%M:%S"));
        }
        "category" => quote(&mut out, &p.category),
        "title" => quote(&mut out, &p.title),
        "channel" => text(&mut out, &p.channel)?,
        "notes" => text(&mut out, &p.notes)?,
        "link" => text(&mut out, &p.link)?,
        "minutes" => {
            let _ = write!(out, "{}", p.minutes?);
        }
        "status" => {
            let _ = write!(out, "\"{}\"", p.status.as_str());
        }
        "media" if p.media.is_empty() => return None,
        "partner" => text(&mut out, &p.partner)?,
        "spent" => {
            let _ = write!(out, "{}", p.spent?);
        }
        "responses" => {
            let _ = write!(out, "{}", p.responses?);
        }
        "media" => list(&mut out, p.media.iter(), |out, m| quote(out, m)),
        "repeat" => quote(&mut out, &p.repeat.as_ref()?.every().to_string()),
        "on" => {
            let on = p.repeat.as_ref()?.on();
            if on.is_empty() {
                return None;
            }
            list(&mut out, on.iter(), |out, o| quote(out, &o.to_string()));
        }
        "until" => match p.repeat.as_ref()?.end() {
            End::Until(d) => {
                let _ = write!(out, "{}", d.format("%Y-%m-%d"));
            }
            _ => return None,
        },
        "count" => match p.repeat.as_ref()?.end() {
            End::Times(n) => {
                let _ = write!(out, "{n}");
            }
            _ => return None,
        },
        "skip" => {
            let skip = p.repeat.as_ref()?.skip();
            if skip.is_empty() {
                return None;
            }
            list(&mut out, skip.iter(), |out, d| {
                let _ = write!(out, "{}", d.format("%Y-%m-%d"));
            });
        }
        "evergreen" if p.evergreen => out.push_str("true"),
        "reuse_after" => quote(&mut out, &p.reuse_after?.to_string()),
        "priority" => {
            let _ = write!(out, "{}", p.priority?);
        }
        "from" => match p.source.as_deref()? {
            Source::Backlog => quote(&mut out, "backlog"),
            Source::Reuses(_) => return None,
        },
        "reuses" => match p.source.as_deref()? {
            Source::Reuses(id) => quote(&mut out, id),
            Source::Backlog => return None,
        },
        _ => return None,
    }
    Some(out)
}

/// Writes a one-line TOML array.
fn list<T>(out: &mut String, items: impl Iterator<Item = T>, mut item: impl FnMut(&mut String, T)) {
    out.push('[');
    for (i, x) in items.enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        item(out, x);
    }
    out.push(']');
}

/// Writes a TOML basic string. Every character a terminal would act on or
/// show out of order ([`is_unsafe`]: controls, BiDi overrides and isolates,
/// line separators) is escaped, as `\uXXXX` in upper case, so `cat` and
/// `git diff` show the file as it is.
fn quote(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if is_unsafe(c) => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Whether a value as a file spells it may stay as it is: it holds no
/// character [`quote`] escapes, other than the line breaks and tabs of a
/// multi-line string.
fn safe_spelling(repr: &str) -> bool {
    !repr.chars().any(|c| is_unsafe(c) && c != '\n' && c != '\t')
}

/// What a save writes over `previous`, the file as it was loaded: the canonical
/// text, keeping `previous`'s comments where they were (see the module doc).
pub fn save_text(schedule: &Schedule, previous: Option<&str>) -> String {
    match previous {
        Some(text) if has_comments(text) => {
            // A file whose every line ends in CRLF is read as LF and written back
            // with CRLF; a file with both keeps each line's own ending.
            let crlf =
                text.contains("\r\n") && text.matches('\n').count() == text.matches("\r\n").count();
            let lf = if crlf {
                std::borrow::Cow::Owned(text.replace("\r\n", "\n"))
            } else {
                std::borrow::Cow::Borrowed(text)
            };
            let out = keep_comments(schedule, lf.trim_start_matches('\u{feff}'))
                .unwrap_or_else(|| to_toml(schedule));
            if crlf { out.replace('\n', "\r\n") } else { out }
        }
        Some(text) if has_own_spelling(text) => {
            keep_spelling(schedule, text).unwrap_or_else(|| to_toml(schedule))
        }
        _ => to_toml(schedule),
    }
}

/// Whether `text` may spell a text value other than [`quote`] does: with
/// another escape (`\u001b`, `\u00e9`, `\e`), in single quotes, or over several
/// lines. A file mixcal wrote has none, and is written without reading it: only
/// its backslashes and apostrophes are looked at.
fn has_own_spelling(text: &str) -> bool {
    let bytes = text.as_bytes();
    // [`quote`] escapes every `"`, so three in a row open a multi-line string.
    if memchr::memmem::find(bytes, b"\"\"\"").is_some() {
        return true;
    }
    let mut after_escape = 0;
    for at in memchr::memchr2_iter(b'\\', b'\'', bytes) {
        if at < after_escape {
            continue;
        }
        if bytes[at] == b'\'' {
            // A single quote that opens a value is a literal string.
            let line = memchr::memrchr(b'\n', &bytes[..at]).map_or(0, |i| i + 1);
            if text[line..at].trim_end_matches([' ', '\t']).ends_with('=') {
                return true;
            }
            continue;
        }
        let escape = &text[at + 1..];
        after_escape = at + 2;
        let own = match escape.bytes().next() {
            Some(b'"' | b'\\' | b'n' | b't' | b'r') => false,
            Some(b'u') => !escape.get(1..5).is_some_and(|hex| {
                hex.bytes()
                    .all(|b| b.is_ascii_digit() || b.is_ascii_uppercase())
                    && u32::from_str_radix(hex, 16)
                        .ok()
                        .and_then(char::from_u32)
                        .is_some_and(is_unsafe)
            }),
            _ => true,
        };
        if own {
            return true;
        }
    }
    false
}

/// The canonical text, but each text value a post still has keeps the
/// spelling the file gave it (`"\u001b"`, `'single quotes'`), so a save
/// rewrites only the lines of changed fields. `None` when the file's tables
/// cannot be told apart.
fn keep_spelling(schedule: &Schedule, text: &str) -> Option<String> {
    let lines = lines(text);
    let starts = post_starts(&lines);
    let mut given = schedule.given_ids().iter();
    // Each table's own spelling of its text values, by the id of its post.
    let mut spelt: HashMap<String, Spelling> = HashMap::new();
    for (k, &start) in starts.iter().enumerate() {
        let end = starts.get(k + 1).copied().unwrap_or(lines.len());
        let table = &lines[start..end];
        let own: String = table.iter().map(|l| l.text).collect();
        let id = match table.iter().find(|l| l.is_id()) {
            Some(line) => id_of_line(line.text).or_else(|| post_id(&own))?,
            None => given.next()?.clone(),
        };
        let Some(post) = schedule.get(&id) else {
            continue;
        };
        let mut canonical = String::new();
        table_spelt(&mut canonical, post, None);
        if own.trim_end() == canonical.trim_end() {
            continue;
        }
        let doc: DocumentMut = own.parse().ok()?;
        let mut spelling = Spelling::new();
        for (key, item) in post_table(&doc)? {
            if let Some(Value::String(f)) = item.as_value() {
                let repr = f.display_repr();
                if safe_spelling(&repr)
                    && !repr.contains('\r')
                    && let Some(key) = KEYS.iter().find(|k| **k == key)
                {
                    spelling.insert(key, (f.value().clone(), repr.into_owned()));
                }
            }
        }
        spelt.insert(id, spelling);
    }
    let mut out = String::with_capacity(text.len() + 64);
    header(&mut out, Some(schedule.identifier()));
    for post in schedule.iter() {
        out.push('\n');
        table_spelt(&mut out, post, spelt.get(&post.id));
    }
    Some(out)
}

/// A table's text values as the file spells them: by key, the value and its
/// spelling.
type Spelling = HashMap<&'static str, (String, String)>;

/// One line of a file, as the comment keeper sees it.
#[derive(Debug, Clone, Copy)]
struct Line<'a> {
    text: &'a str,
    /// Starts outside any multi-line string.
    code: bool,
    /// A comment outside strings somewhere on the line.
    comment: bool,
}

impl Line<'_> {
    fn is_blank(&self) -> bool {
        self.code && self.text.trim().is_empty()
    }

    fn is_comment_only(&self) -> bool {
        self.code && self.text.trim_start().starts_with('#')
    }

    fn is_post_header(&self) -> bool {
        self.code
            && self
                .text
                .trim_start()
                .strip_prefix("[[")
                .is_some_and(|rest| {
                    rest.split_once("]]")
                        .is_some_and(|(name, _)| name.trim() == "post")
                })
    }

    /// Whether the line sets a post's `id`.
    fn is_id(&self) -> bool {
        self.code
            && self
                .text
                .trim_start()
                .strip_prefix("id")
                .is_some_and(|rest| rest.trim_start().starts_with('='))
    }
}

/// Scans one line from `state`: where it ends, and whether it holds a comment.
fn scan(line: &str, state: Lex) -> (Lex, bool) {
    lex_line(line.as_bytes(), state)
}

fn lines(text: &str) -> Vec<Line<'_>> {
    let mut state = Lex::Normal;
    text.split_inclusive('\n')
        .map(|l| {
            let code = state == Lex::Normal;
            let (next, comment) = scan(l, state);
            state = next;
            Line {
                text: l,
                code,
                comment,
            }
        })
        .collect()
}

/// Where each `[[post]]` table starts among `lines`.
fn post_starts(lines: &[Line]) -> Vec<usize> {
    lines
        .iter()
        .enumerate()
        .filter(|(_, l)| l.is_post_header())
        .map(|(i, _)| i)
        .collect()
}

/// Whether `text` holds a TOML comment anywhere. `#` inside strings (hashtags!)
/// is not one.
pub(crate) fn has_comments(text: &str) -> bool {
    if memchr::memchr(b'#', text.as_bytes()).is_none() {
        return false;
    }
    let mut state = Lex::Normal;
    for l in text.split_inclusive('\n') {
        let (next, comment) = scan(l, state);
        if comment {
            return true;
        }
        state = next;
    }
    false
}

/// A post's table in the old file, with the comment block right above it.
struct Kept<'a> {
    above: &'a str,
    own: &'a str,
}

/// The comment keeper; `None` when the file's header holds more than mixcal
/// writes there, and the canonical text is the safe answer.
fn keep_comments(schedule: &Schedule, text: &str) -> Option<String> {
    let lines = lines(text);
    let starts = post_starts(&lines);
    let first = starts.first().copied().unwrap_or(lines.len());
    let mut chunks: Vec<&[Line]> = Vec::with_capacity(starts.len() + 1);
    chunks.push(&lines[..first]);
    for (k, &s) in starts.iter().enumerate() {
        let end = starts.get(k + 1).copied().unwrap_or(lines.len());
        chunks.push(&lines[s..end]);
    }
    // Split each chunk into its own lines and a comment block that touches the
    // next post's header, which belongs to that post.
    let mut own: Vec<&[Line]> = Vec::with_capacity(chunks.len());
    let mut above: Vec<&[Line]> = vec![&[]];
    for (k, chunk) in chunks.iter().enumerate() {
        let is_last = k + 1 == chunks.len();
        let block = if is_last {
            0
        } else {
            chunk
                .iter()
                .rev()
                .take_while(|l| l.is_comment_only())
                .count()
        };
        let mut split = chunk.len() - block;
        // A header that is nothing but one comment block keeps it: the file's
        // first comment is about the file.
        if k == 0 && chunk[..split].iter().all(Line::is_blank) {
            split = chunk.len();
        }
        own.push(&chunk[..split]);
        if !is_last {
            above.push(&chunk[split..]);
        }
    }
    // The lines are consecutive slices of `text`: a run of them is a slice too.
    let join = |ls: &[Line]| -> &str {
        match (ls.first(), ls.last()) {
            (Some(first), Some(last)) => {
                let start = first.text.as_ptr() as usize - text.as_ptr() as usize;
                let end = last.text.as_ptr() as usize - text.as_ptr() as usize + last.text.len();
                &text[start..end]
            }
            _ => "",
        }
    };
    let trim_blank_end = |ls: &[Line<'_>]| -> usize {
        ls.len() - ls.iter().rev().take_while(|l| l.is_blank()).count()
    };

    let head = own[0];
    let head_text = join(&head[..trim_blank_end(head)]);
    let mut out = String::with_capacity(text.len() + 64);
    out.push_str(&header_text(head_text, schedule.identifier())?);

    // Every table of the file, by the id of its post.
    let mut given = schedule.given_ids().iter();
    let mut kept: HashMap<String, Kept> = HashMap::with_capacity(own.len());
    for k in 1..own.len() {
        let body = &own[k][..trim_blank_end(own[k])];
        let id = match body.iter().find(|l| l.is_id()) {
            Some(line) if !line.comment => id_of_line(line.text),
            Some(_) => None,
            // The loader gave this table's post the next id it made.
            None => given.next().cloned(),
        };
        let own_text = join(body);
        let id = match id {
            Some(id) => id,
            None => post_id(own_text)?,
        };
        kept.insert(
            id,
            Kept {
                above: join(above[k]),
                own: own_text,
            },
        );
    }
    let mut canonical = String::new();
    for post in schedule.iter() {
        match kept.get(&post.id) {
            Some(k) => {
                out.push('\n');
                out.push_str(k.above);
                canonical.clear();
                table(&mut canonical, post);
                // A table already as mixcal writes it needs no reading.
                if k.own == canonical {
                    out.push_str(&canonical);
                    continue;
                }
                let patched = patch(k.own, post)?;
                out.push_str(&patched);
                if !patched.ends_with('\n') {
                    out.push('\n');
                }
            }
            None => write_post(&mut out, post),
        }
    }
    Some(out)
}

/// The id an `id = "..."` line sets.
fn id_of_line(line: &str) -> Option<String> {
    let (_, value) = line.split_once('=')?;
    let value = value.trim();
    // The common case, a basic string without escapes, needs no parser.
    if let Some(inner) = value.strip_prefix('"').and_then(|v| v.strip_suffix('"'))
        && !inner.contains(['"', '\\'])
    {
        return Some(fields::id(inner).ok()?.to_string());
    }
    let value: Value = value.parse().ok()?;
    Some(fields::id(value.as_str()?).ok()?.to_string())
}

/// The id a post table sets.
fn post_id(own: &str) -> Option<String> {
    let doc: DocumentMut = own.parse().ok()?;
    let table = post_table(&doc)?;
    Some(fields::id(table.get("id")?.as_str()?).ok()?.to_string())
}

fn post_table(doc: &DocumentMut) -> Option<&Table> {
    doc.get("post")?.as_array_of_tables()?.get(0)
}

/// The file's header with `version` and the identifier in it; `None` when it
/// holds other keys.
fn header_text(head: &str, identifier: &str) -> Option<String> {
    let mut doc: DocumentMut = head.parse().ok()?;
    if doc.iter().any(|(k, _)| k != "version" && k != "identifier") {
        return None;
    }
    let mut id_line = String::new();
    quote(&mut id_line, identifier);
    let id_value: Value = id_line.parse().ok()?;
    if doc.is_empty() {
        // Only comments: they stay on top, the header's keys follow.
        let mut out = head.to_string();
        if !out.is_empty() && !out.ends_with('\n') {
            out.push('\n');
        }
        header(&mut out, Some(identifier));
        return Some(out);
    }
    if !doc.contains_key("version") {
        let version: Value = "1".parse().ok()?;
        insert_at(doc.as_table_mut(), 0, "version", version);
    }
    match doc.get_mut("identifier").and_then(Item::as_value_mut) {
        Some(old) if old.as_str() == Some(identifier) => {}
        Some(old) => replace(old, id_value),
        None => {
            let after = doc
                .iter()
                .position(|(k, _)| k == "version")
                .map_or(0, |i| i + 1);
            insert_at(doc.as_table_mut(), after, "identifier", id_value);
        }
    }
    let mut out = doc.to_string();
    if !out.ends_with('\n') {
        out.push('\n');
    }
    Some(out)
}

/// Replaces a value, keeping the spaces and the comment around it.
fn replace(old: &mut Value, mut new: Value) {
    let decor = old.decor().clone();
    *new.decor_mut() = decor;
    *old = new;
}

/// Inserts `key = value` as the `index`th entry of `table`, keeping the others
/// with their comments in place.
fn insert_at(table: &mut Table, index: usize, key: &str, value: Value) {
    let mut entries: Vec<(Key, Item)> = Vec::with_capacity(table.len() + 1);
    let keys: Vec<String> = table.iter().map(|(k, _)| k.to_string()).collect();
    for k in &keys {
        if let Some(entry) = table.remove_entry(k) {
            entries.push(entry);
        }
    }
    let mut value = value;
    value.decor_mut().set_prefix(" ");
    entries.insert(
        index.min(entries.len()),
        (Key::new(key), Item::Value(value)),
    );
    for (k, item) in entries {
        table.insert_formatted(&k, item);
    }
}

/// `own`, the table of a post as the file has it, changed where `post` differs
/// from it: changed values are replaced in place, removed fields dropped (their
/// comments kept), new fields inserted where the canonical order puts them.
fn patch(own: &str, post: &Post) -> Option<String> {
    let mut doc: DocumentMut = own.parse().ok()?;
    let mut changed = false;
    {
        let table = doc.get_mut("post")?.as_array_of_tables_mut()?.get_mut(0)?;
        for key in KEYS {
            let wanted = value_text(post, key);
            let old = table.get(key).and_then(Item::as_value);
            let same = match (old, &wanted) {
                (None, None) => true,
                // A missing status reads as planned, or as an idea without a date.
                (None, Some(_)) if key == "status" => {
                    post.status
                        == if post.date.is_some() {
                            Status::default()
                        } else {
                            Status::Idea
                        }
                }
                // A value spelt with a character a terminal acts on is written
                // again, escaped.
                (Some(old), Some(new)) => same_value(key, old, new) && safe_spelling(&bare(old)),
                _ => false,
            };
            if same {
                continue;
            }
            changed = true;
            match wanted {
                None => remove_keeping_comments(table, key),
                Some(new) => {
                    let value: Value = new.parse().ok()?;
                    match table.get_mut(key).and_then(Item::as_value_mut) {
                        Some(old) => replace(old, value),
                        None => {
                            let index = canonical_index(table, key);
                            insert_at(table, index, key, value);
                        }
                    }
                }
            }
        }
    }
    if !changed {
        return Some(own.to_string());
    }
    Some(doc.to_string())
}

/// A value as written, without the spaces and comment around it.
fn bare(value: &Value) -> String {
    let mut value = value.clone();
    value.decor_mut().clear();
    value.to_string()
}

/// Where a new `key` goes among a table's keys: after the last key that comes
/// before it in canonical order.
fn canonical_index(table: &Table, key: &str) -> usize {
    let rank = |k: &str| KEYS.iter().position(|c| *c == k).unwrap_or(KEYS.len());
    let mine = rank(key);
    table
        .iter()
        .enumerate()
        .filter(|(_, (k, _))| rank(k) < mine)
        .map(|(i, _)| i + 1)
        .max()
        .unwrap_or(0)
}

/// Removes `key`; a comment written above it moves to the key after it.
fn remove_keeping_comments(table: &mut Table, key: &str) {
    let keys: Vec<String> = table.iter().map(|(k, _)| k.to_string()).collect();
    let Some((removed, _)) = table.remove_entry(key) else {
        return;
    };
    let prefix = removed
        .leaf_decor()
        .prefix()
        .and_then(|p| p.as_str())
        .unwrap_or_default()
        .to_string();
    if !prefix.contains('#') {
        return;
    }
    let next = keys.iter().skip_while(|k| *k != key).nth(1).cloned();
    if let Some(next) = next
        && let Some(mut k) = table.key_mut(&next)
    {
        let old = k
            .leaf_decor()
            .prefix()
            .and_then(|p| p.as_str())
            .unwrap_or_default()
            .to_string();
        k.leaf_decor_mut().set_prefix(format!("{prefix}{old}"));
    }
}

/// Whether an old value means what the canonical text `new` does: the file may
/// write a date as a string, a time without seconds, text with other quotes.
fn same_value(key: &str, old: &Value, new: &str) -> bool {
    let Ok(new) = new.parse::<Value>() else {
        return false;
    };
    match key {
        "date" | "until" => as_date(old).is_some() && as_date(old) == as_date(&new),
        "repeat" => {
            let every = |v: &Value| v.as_str().and_then(|s| Every::parse(s).ok());
            every(old).is_some() && every(old) == every(&new)
        }
        "on" => {
            let days = |v: &Value| -> Option<Vec<On>> {
                v.as_array()?
                    .iter()
                    .map(|x| x.as_str().and_then(|s| On::parse(s).ok()))
                    .collect()
            };
            days(old).is_some() && days(old) == days(&new)
        }
        "skip" => {
            let dates = |v: &Value| -> Option<Vec<chrono::NaiveDate>> {
                let mut d: Vec<_> = v.as_array()?.iter().map(as_date).collect::<Option<_>>()?;
                d.sort_unstable();
                d.dedup();
                Some(d)
            };
            dates(old).is_some() && dates(old) == dates(&new)
        }
        "reuse_after" => {
            let gap = |v: &Value| v.as_str().and_then(|s| Gap::parse(s).ok());
            gap(old).is_some() && gap(old) == gap(&new)
        }
        "evergreen" => old.as_bool().is_some() && old.as_bool() == new.as_bool(),
        "count" | "priority" | "minutes" | "spent" | "responses" => {
            old.as_integer() == new.as_integer()
        }
        "time" => as_time(old).is_some() && as_time(old) == as_time(&new),
        "media" => {
            let list = |v: &Value| -> Option<Vec<String>> {
                v.as_array()?
                    .iter()
                    .map(|x| x.as_str().map(|s| s.trim().to_string()))
                    .collect()
            };
            list(old).is_some() && list(old) == list(&new)
        }
        "id" | "partner" => old.as_str().map(str::trim) == new.as_str(),
        _ => old.as_str().is_some() && old.as_str() == new.as_str(),
    }
}

fn as_date(v: &Value) -> Option<chrono::NaiveDate> {
    match v {
        Value::String(s) => fields::date(s.value()).ok(),
        Value::Datetime(d) => {
            let d = d.value().date?;
            chrono::NaiveDate::from_ymd_opt(i32::from(d.year), u32::from(d.month), u32::from(d.day))
        }
        _ => None,
    }
}

fn as_time(v: &Value) -> Option<chrono::NaiveTime> {
    match v {
        Value::String(s) => fields::time(s.value()).ok(),
        Value::Datetime(d) => {
            let t = d.value().time?;
            chrono::NaiveTime::from_hms_opt(
                u32::from(t.hour),
                u32::from(t.minute),
                u32::from(t.second.unwrap_or(0)),
            )
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::store::parse;

    fn config() -> Config {
        Config::builtin().unwrap()
    }

    const COMMENTED: &str = "\
# The bakery's plan for the winter.
# Keep it short.
version = 1
identifier = \"bcdfbcdfbcdfbcdf\"

# Monday: always a team photo
[[post]]
id = \"b2\"
date = 2026-11-24
category = \"business\"
title = \"Gift guide\"  # the real title comes later
status = \"planned\"

[[post]]
id = \"a1\"
date = 2026-11-23
time = 09:30:00
# ask Anna for the photo
category = \"everyday\"
title = \"Packing orders\"
status = \"planned\"
";

    #[test]
    fn comments_are_found_outside_strings_only() {
        assert!(!has_comments("title = \"#hashtag\"\n"));
        assert!(!has_comments("notes = \"\"\"\n# not a comment\n\"\"\"\n"));
        assert!(has_comments("title = \"x\" # a comment\n"));
        assert!(has_comments("# top\nversion = 1\n"));
        assert!(!has_comments("title = 'it''s #1'\n"));
    }

    #[test]
    fn an_unchanged_commented_file_is_rewritten_as_it_was_but_in_order() {
        let s = parse(COMMENTED, "s.toml", &config()).unwrap();
        let once = save_text(&s, Some(COMMENTED));
        assert!(
            once.starts_with(
                "# The bakery's plan for the winter.\n# Keep it short.\nversion = 1\n"
            ),
            "{once}"
        );
        // a1 comes first now, with its comment; b2 keeps the one above it.
        let a = once.find("id = \"a1\"").unwrap();
        let b = once
            .find("# Monday: always a team photo\n[[post]]\nid = \"b2\"")
            .unwrap();
        assert!(a < b, "{once}");
        assert!(
            once.contains("# ask Anna for the photo\ncategory"),
            "{once}"
        );
        assert!(
            once.contains("title = \"Gift guide\"  # the real title comes later\n"),
            "{once}"
        );
        let again = parse(&once, "s.toml", &config()).unwrap();
        assert_eq!(again, s);
        assert_eq!(save_text(&again, Some(&once)), once);
    }

    #[test]
    fn editing_one_title_changes_one_line() {
        let s = parse(COMMENTED, "s.toml", &config()).unwrap();
        let saved = save_text(&s, Some(COMMENTED));
        let mut edited = parse(&saved, "s.toml", &config()).unwrap();
        let mut p = edited.get("b2").unwrap().clone();
        p.title = "Gift guide: five mugs".into();
        edited.insert(p);
        let out = save_text(&edited, Some(&saved));
        let changed: Vec<(&str, &str)> = saved
            .lines()
            .zip(out.lines())
            .filter(|(a, b)| a != b)
            .collect();
        assert_eq!(saved.lines().count(), out.lines().count());
        assert_eq!(
            changed,
            [(
                "title = \"Gift guide\"  # the real title comes later",
                "title = \"Gift guide: five mugs\"  # the real title comes later"
            )]
        );
    }

    #[test]
    fn new_and_removed_fields_keep_the_comments_around_them() {
        let s = parse(COMMENTED, "s.toml", &config()).unwrap();
        let mut edited = s.clone();
        let mut p = edited.get("a1").unwrap().clone();
        p.time = None;
        p.channel = Some("instagram".into());
        edited.insert(p);
        let out = save_text(&edited, Some(COMMENTED));
        assert!(out.contains("# ask Anna for the photo\ncategory = \"everyday\"\ntitle = \"Packing orders\"\nchannel = \"instagram\"\n"), "{out}");
        assert!(!out.contains("09:30"), "{out}");
        assert_eq!(parse(&out, "s.toml", &config()).unwrap(), edited);
    }

    #[test]
    fn logging_a_published_post_adds_its_lines_and_keeps_the_comments() {
        let s = parse(COMMENTED, "s.toml", &config()).unwrap();
        let saved = save_text(&s, Some(COMMENTED));
        let mut edited = s.clone();
        let mut p = edited.get("a1").unwrap().clone();
        p.status = Status::Published;
        p.spent = Some(25);
        p.responses = Some(7);
        edited.insert(p);
        let out = save_text(&edited, Some(&saved));
        assert!(
            out.contains("# ask Anna for the photo\ncategory = \"everyday\"\ntitle = \"Packing orders\"\nstatus = \"published\"\nspent = 25\nresponses = 7\n"),
            "{out}"
        );
        assert_eq!(parse(&out, "s.toml", &config()).unwrap(), edited);
        assert_eq!(out.lines().count(), saved.lines().count() + 2);
    }

    #[test]
    fn a_hand_written_table_without_an_id_keeps_its_comments_and_gets_one() {
        let text = "# mine\nversion = 1\n\n[[post]]\n# no id here\ndate = \"2026-11-23\"\ncategory = \"everyday\"\ntitle = \"Hello\"\n";
        let s = parse(text, "s.toml", &config()).unwrap();
        let out = save_text(&s, Some(text));
        let id = &s.iter().next().unwrap().id;
        assert!(
            out.contains(&format!(
                "[[post]]\nid = \"{id}\"\n# no id here\ndate = \"2026-11-23\"\n"
            )),
            "{out}"
        );
        assert!(out.contains("identifier = "), "{out}");
        let again = parse(&out, "s.toml", &config()).unwrap();
        assert_eq!(again, s);
        assert_eq!(again.identifier(), s.identifier());
        assert_eq!(save_text(&again, Some(&out)), out);
    }

    #[test]
    fn a_file_without_comments_is_written_canonically() {
        let text = "version = 1\n[[post]]\ndate = \"2026-11-23\"\ncategory = \"everyday\"\ntitle = \"#hashtag\"\n";
        let s = parse(text, "s.toml", &config()).unwrap();
        assert_eq!(save_text(&s, Some(text)), to_toml(&s));
    }

    #[test]
    fn every_unsafe_character_is_escaped_in_upper_case() {
        let mut out = String::new();
        quote(
            &mut out,
            "a\u{1b}b\u{7f}c\u{9b}d\u{202e}e\u{2066}f\u{2069}g\u{2028}h\u{2029}i\u{202a}\té\"\\",
        );
        assert_eq!(
            out,
            r#""a\u001Bb\u007Fc\u009Bd\u202Ee\u2066f\u2069g\u2028h\u2029i\u202A\té\"\\""#
        );
    }

    #[test]
    fn only_a_spelling_other_than_mixcals_is_worth_reading() {
        for (text, own) in [
            ("title = \"plain\"\n", false),
            (
                "title = \"it's \\\"x\\\" \\\\ \\n \\u001B \\u202E\"\n",
                false,
            ),
            ("title = \"\\u001b\"\n", true),
            ("title = \"\\\\u001b\"\n", false),
            ("title = \"\\u00E9\"\n", true),
            ("title = \"\\e[0m\"\n", true),
            ("title = 'single'\n", true),
            ("notes = \"\"\"\nlines\"\"\"\n", true),
        ] {
            assert_eq!(has_own_spelling(text), own, "{text}");
        }
    }

    #[test]
    fn a_commented_file_gets_a_raw_override_escaped_even_where_nothing_changed() {
        let text = "# mine\nversion = 1\nidentifier = \"bcdfbcdfbcdfbcdf\"\n\n[[post]]\nid = \"a1\"\ndate = 2026-11-23\ncategory = \"everyday\"\ntitle = \"evil\u{202e}txt\"  # sic\nchannel = \"\\u001b[2J\"\nstatus = \"planned\"\n";
        let s = parse(text, "s.toml", &config()).unwrap();
        let out = save_text(&s, Some(text));
        assert!(
            out.contains("title = \"evil\\u202Etxt\"  # sic\nchannel = \"\\u001b[2J\"\n"),
            "{out}"
        );
        assert!(!out.contains('\u{202e}'), "{out}");
        assert_eq!(parse(&out, "s.toml", &config()).unwrap(), s);
    }

    #[test]
    fn crlf_files_keep_their_line_ends() {
        let text = COMMENTED.replace('\n', "\r\n");
        let s = parse(&text, "s.toml", &config()).unwrap();
        let out = save_text(&s, Some(&text));
        assert_eq!(out.matches('\n').count(), out.matches("\r\n").count());
        assert!(out.contains("# ask Anna for the photo\r\n"));
    }
}
