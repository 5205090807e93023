//! Reading a schedule file: one `[[post]]` table at a time, every problem
//! collected with its line and column.

use std::borrow::Cow;
use std::collections::HashMap;

use chrono::{NaiveDate, NaiveTime};
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::config::Config;
use crate::diag::{Diagnostic, Diagnostics, LineIndex, near_miss};
use crate::domain::fields::{self, FieldError};
use crate::domain::post::KEYS as POST_KEYS;
use crate::domain::{Post, Schedule};
use crate::shown::shown_clipped;

#[cfg(test)]
mod agree;
mod library;
mod quick;

pub(crate) const VERSIONS: [i64; 1] = [1];

/// Parses schedule bytes; `name` is used in error messages.
pub fn parse_bytes(bytes: &[u8], name: &str, config: &Config) -> Result<Schedule, Diagnostics> {
    match crate::diag::utf8(bytes, name) {
        Ok(text) => parse(text, name, config),
        Err(d) => Err(Diagnostics(vec![d])),
    }
}

/// How long a value from the file may be when an error message quotes it.
const QUOTED: usize = 60;

/// Parses a schedule from text, reporting every problem at once.
pub fn parse(text: &str, name: &str, config: &Config) -> Result<Schedule, Diagnostics> {
    parse_with(text, name, config, Mode::default())
}

/// How a file is read. Every mode accepts and refuses the same files and reads the
/// same posts; the fast path only makes a canonical file quicker to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Mode {
    /// Read canonical post tables without the general TOML parser.
    pub(crate) fast: bool,
    /// Take any category as known: for checking that a file reads back when the
    /// config it was made with is not at hand.
    pub(crate) any_category: bool,
}

impl Default for Mode {
    fn default() -> Mode {
        Mode {
            fast: true,
            any_category: false,
        }
    }
}

pub(crate) fn parse_with(
    text: &str,
    name: &str,
    config: &Config,
    mode: Mode,
) -> Result<Schedule, Diagnostics> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // Every post starts with a header: counting them sizes the indexes once.
    let expected = memchr::memmem::find_iter(text.as_bytes(), b"[[post]]").count();
    let mut loader = Loader {
        name,
        config,
        text,
        index: None,
        errors: Vec::new(),
        schedule: Schedule::new(),
        without_id: Vec::new(),
        first_seen: HashMap::with_capacity_and_hasher(expected, Default::default()),
        version_seen: false,
        identifier: None,
        mode,
        inline_posts: None,
        tables_seen: false,
        reuses: Vec::new(),
        evergreen: Vec::new(),
        ranks: Vec::new(),
        unread: Vec::new(),
    };
    let mut start = 0;
    while start < text.len() {
        start = loader.chunk(start);
    }
    if let (Some(at), true) = (loader.inline_posts, loader.tables_seen) {
        loader.error(
            at,
            "`post = [...]` and `[[post]]` tables cannot be mixed in one file",
            Some("TOML cannot add `[[post]]` tables to a list written inline: write every post as a `[[post]]` table".into()),
        );
    }
    loader.check_reuses();
    if !loader.errors.is_empty() {
        return Err(Diagnostics(loader.errors));
    }
    let mut schedule = loader.schedule;
    schedule.finish_unsorted();
    // Ids and the identifier the file lacks come from its own bytes, so the same
    // file reads the same every time, and exports of it repeat exactly, until a
    // save writes them in.
    let mut rng = fastrand::Rng::with_seed(xxhash_rust::xxh3::xxh3_64(text.as_bytes()));
    let identifier = match loader.identifier {
        Some(id) => id,
        // A file without posts gets a random one: empty files are all alike.
        None if expected == 0 && loader.without_id.is_empty() => schedule.identifier().to_string(),
        None => fields::new_identifier(&mut rng),
    };
    schedule.set_identifier(identifier);
    let mut given = Vec::with_capacity(loader.without_id.len());
    for (mut post, rank) in loader.without_id.into_iter().zip(loader.ranks) {
        post.id = schedule.fresh_id_from(&mut rng);
        given.push(match rank {
            Some(rank) => schedule.insert_ranked(post, rank),
            None => schedule.insert(post),
        });
    }
    schedule.set_given_ids(given);
    Ok(schedule)
}

/// Where the chunk that starts at `start` ends: before the next top-level
/// `[[post]]` header, skipping headers that sit inside multi-line strings.
/// Chunks start at the beginning of the text or at a header.
fn chunk_end(text: &str, start: usize) -> usize {
    let bytes = text.as_bytes();
    let mut state = Lex::Normal;
    let mut offset = start;
    while offset < bytes.len() {
        let end = memchr::memchr(b'\n', &bytes[offset..]).map_or(bytes.len(), |i| offset + i + 1);
        if state == Lex::Normal && offset > start && is_post_header(&text[offset..end]) {
            return offset;
        }
        state = lex_line(&bytes[offset..end], state).0;
        offset = end;
    }
    bytes.len()
}

/// Whether a line is a `[[post]]` table header, however spaced or quoted.
fn is_post_header(line: &str) -> bool {
    let Some(rest) = line.trim_start().strip_prefix("[[") else {
        return false;
    };
    rest.split_once("]]")
        .is_some_and(|(name, _)| matches!(name.trim(), "post" | "\"post\"" | "'post'"))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Lex {
    Normal,
    MultiBasic,
    MultiLiteral,
}

/// Tracks whether a line ends inside a multi-line string, and whether it holds
/// a comment. Jumps from one quote, backslash or `#` to the next, as only those
/// can change the state.
pub(super) fn lex_line(line: &[u8], mut state: Lex) -> (Lex, bool) {
    use memchr::{memchr, memchr2, memchr3};
    let at = |i: usize, pat: &[u8]| line.get(i..i + pat.len()) == Some(pat);
    let after_quotes = |mut i: usize, q: u8| {
        while i < line.len() && line[i] == q {
            i += 1;
        }
        i
    };
    let mut i = 0;
    while i < line.len() {
        let rest = &line[i..];
        match state {
            Lex::Normal => {
                let Some(j) = memchr3(b'#', b'"', b'\'', rest) else {
                    return (Lex::Normal, false);
                };
                i += j;
                match line[i] {
                    b'#' => return (Lex::Normal, true),
                    b'"' if at(i, b"\"\"\"") => {
                        state = Lex::MultiBasic;
                        i += 3;
                    }
                    b'\'' if at(i, b"'''") => {
                        state = Lex::MultiLiteral;
                        i += 3;
                    }
                    b'"' => {
                        // A one-line basic string: skip escapes up to its closing quote.
                        i += 1;
                        loop {
                            match memchr2(b'"', b'\\', line.get(i..).unwrap_or_default()) {
                                None => return (Lex::Normal, false),
                                Some(k) if line[i + k] == b'\\' => i += k + 2,
                                Some(k) => {
                                    i += k + 1;
                                    break;
                                }
                            }
                        }
                    }
                    _ => match memchr(b'\'', &line[i + 1..]) {
                        None => return (Lex::Normal, false),
                        Some(k) => i += k + 2,
                    },
                }
            }
            Lex::MultiBasic => match memchr2(b'"', b'\\', rest) {
                None => return (Lex::MultiBasic, false),
                Some(j) if rest[j] == b'\\' => i += j + 2,
                Some(j) if at(i + j, b"\"\"\"") => {
                    i = after_quotes(i + j + 3, b'"');
                    state = Lex::Normal;
                }
                Some(j) => i += j + 1,
            },
            Lex::MultiLiteral => match memchr(b'\'', rest) {
                None => return (Lex::MultiLiteral, false),
                Some(j) if at(i + j, b"'''") => {
                    i = after_quotes(i + j + 3, b'\'');
                    state = Lex::Normal;
                }
                Some(j) => i += j + 1,
            },
        }
    }
    (state, false)
}

struct Loader<'a> {
    name: &'a str,
    config: &'a Config,
    text: &'a str,
    /// Built on the first error: a valid file never needs line numbers.
    index: Option<LineIndex<'a>>,
    errors: Vec<Diagnostic>,
    /// The valid posts so far, in file order; sorted once at the end.
    schedule: Schedule,
    /// Valid posts without an id: they get one when every id in the file is known.
    without_id: Vec<Post>,
    /// Where each id was first seen, to point duplicate ids at the original. Keys
    /// borrow from the text unless the id was written with escapes.
    first_seen: HashMap<Cow<'a, str>, usize, foldhash::fast::RandomState>,
    version_seen: bool,
    /// The schedule identifier from the file's header.
    identifier: Option<String>,
    mode: Mode,
    /// Where a `post = [...]` written inline is, if the file has one.
    inline_posts: Option<usize>,
    /// Whether the file has a `[[post]]` table (TOML forbids mixing the two).
    tables_seen: bool,
    /// Each `reuses` read, with where: it must name an evergreen post.
    reuses: Vec<(String, usize)>,
    /// The ids of the evergreen posts, kept or not: a `reuses` that names one
    /// is right even when that post has a problem of its own.
    evergreen: Vec<String>,
    /// For each post of `without_id`, its place in the backlog's order when it
    /// is an idea: ideas keep the file's order, with or without an id.
    ranks: Vec<Option<u64>>,
    /// The chunk's values the TOML parser could not read (`2026-02-30`), with
    /// where they are and what is wrong, until their key is read.
    unread: Vec<(usize, String, String)>,
}

impl<'a> Loader<'a> {
    fn error(&mut self, offset: usize, message: impl Into<String>, help: Option<String>) {
        let mut d = self
            .index
            .get_or_insert_with(|| LineIndex::new(self.text))
            .diagnostic(self.name, offset..offset, message);
        d.help = help;
        self.errors.push(d);
    }

    /// A value that does not fit its field, worded as everywhere else.
    fn field_error(&mut self, offset: usize, e: &FieldError) {
        self.error(offset, quoted_clipped(&e.to_string()), Some(e.help()));
    }

    /// Every `reuses` names an evergreen post of the file.
    fn check_reuses(&mut self) {
        if self.reuses.is_empty() {
            return;
        }
        let evergreen = std::mem::take(&mut self.evergreen);
        for (id, at) in std::mem::take(&mut self.reuses) {
            if evergreen.contains(&id) {
                continue;
            }
            let help = match near_miss(&id, evergreen.iter().map(String::as_str)) {
                Some(n) => format!("did you mean `{n}`?"),
                None if evergreen.is_empty() => {
                    "the file has no evergreen post: remove the line to keep this post as it is"
                        .into()
                }
                None => format!(
                    "evergreen posts: {}; or remove the line to keep this post as it is",
                    evergreen.join(", ")
                ),
            };
            self.error(
                at,
                format!(
                    "`reuses` names `{}`, and no evergreen post has that id",
                    crate::shown::shown_clipped(&id, 40)
                ),
                Some(help),
            );
        }
    }

    /// Reads the chunk that starts at `start`; returns where the next one starts.
    fn chunk(&mut self, start: usize) -> usize {
        let text = self.text;
        let fast = self.mode.fast && !self.mode.any_category;
        if let Some(quick) = fast
            .then(|| quick::post(&text[start..], self.config))
            .flatten()
        {
            self.tables_seen = true;
            let end = start + quick.len;
            match quick.id {
                None => {
                    self.accept(quick.post);
                    return end;
                }
                Some((id, at)) if !self.first_seen.contains_key(id.as_ref()) => {
                    self.first_seen.insert(id, start + at);
                    self.accept(quick.post);
                    return end;
                }
                // A duplicate id: the general path reports it.
                Some(_) => {}
            }
        }
        let end = chunk_end(text, start);
        self.general_chunk(start, &text[start..end]);
        end
    }

    /// Keeps a valid post; once the file has errors, posts are no longer kept.
    fn accept(&mut self, post: Post) {
        if !self.errors.is_empty() {
            return;
        }
        if post.id.is_empty() {
            self.ranks
                .push(post.is_idea().then(|| self.schedule.reserve_rank()));
            self.without_id.push(post);
        } else {
            self.schedule.push_unsorted(post);
        }
    }

    /// Reads any chunk with the full TOML parser, reporting every problem.
    fn general_chunk(&mut self, offset: usize, chunk: &'a str) {
        // A chunk is a post table when it starts with its header; only the text
        // before the first header can hold a `post = [...]` written inline.
        let header = chunk.split('\n').next().is_some_and(is_post_header);
        self.tables_seen |= header;
        let (table, errors) = DeTable::parse_recoverable(chunk);
        if !errors.is_empty() {
            // The parser refuses impossible native dates and times (`2026-02-30`,
            // `25:00`) itself, and keeps their place in the table. When those are
            // the only errors, the rest of the table reads as written: each such
            // value is reported where its key is read, and the post's other
            // problems are found too. Any other error leaves the chunk unread.
            let unread = unread_values(table.get_ref());
            let is_value = |e: &toml::de::Error| e.span().is_some_and(|s| unread.contains(&s));
            let structural = errors.iter().any(|e| !is_value(e));
            for e in errors {
                let span = e.span().unwrap_or(0..0);
                let at = offset + span.start;
                let diagnosis = chunk
                    .get(span.clone())
                    .filter(|_| is_value(&e))
                    .and_then(unreadable_value);
                let (message, help) = match diagnosis {
                    Some(field) => (quoted_clipped(&field.to_string()), field.help()),
                    None => (e.message().trim().to_string(), syntax_help(e.message())),
                };
                if structural || !is_value(&e) {
                    self.error(at, message, Some(help));
                } else {
                    self.unread.push((at, message, help));
                }
            }
            if structural {
                return;
            }
        }
        for (key, value) in table.get_ref() {
            let key_at = offset + key.span().start;
            match key.get_ref().as_ref() {
                "version" => self.version(offset, value),
                "identifier" => {
                    let at = offset + value.span().start;
                    if let Some(s) = self.string("identifier", value, at) {
                        match fields::identifier(s) {
                            Ok(id) => self.identifier = Some(id.to_string()),
                            Err(e) => self.field_error(at, &e),
                        }
                    }
                }
                "post" => match value.get_ref() {
                    DeValue::Array(items) => {
                        if !header {
                            self.inline_posts.get_or_insert(key_at);
                        }
                        for item in items {
                            self.post(offset, item);
                        }
                    }
                    _ => self.error(
                        key_at,
                        "`post` must be a list of posts",
                        Some("write each post as a `[[post]]` table".into()),
                    ),
                },
                other => {
                    let help = match near_miss(other, ["version", "identifier", "post"]) {
                        Some(n) => format!("did you mean `{n}`?"),
                        None => "a schedule file holds `version = 1`, its `identifier` and `[[post]]` tables".into(),
                    };
                    let other = shown_clipped(other, QUOTED);
                    self.error(key_at, format!("unknown key `{other}`"), Some(help));
                }
            }
        }
        // A value the parser could not read under a key that is no date or
        // time is still a problem of its own.
        for (at, message, help) in std::mem::take(&mut self.unread) {
            self.error(at, message, Some(help));
        }
    }

    /// Reports the value at `at` that the parser could not read; it has no
    /// value to give.
    fn unread(&mut self, at: usize) {
        if let Some(i) = self.unread.iter().position(|(a, _, _)| *a == at) {
            let (at, message, help) = self.unread.remove(i);
            self.error(at, message, Some(help));
        }
    }

    fn version(&mut self, offset: usize, value: &Spanned<DeValue>) {
        let at = offset + value.span().start;
        self.version_seen = true;
        let supported = VERSIONS.map(|v| v.to_string()).join(", ");
        match value.get_ref() {
            DeValue::Integer(i) if VERSIONS.iter().any(|v| v.to_string() == i.as_str()) => {}
            other => {
                let shown = match other {
                    DeValue::Integer(i) => shown_clipped(&i.to_string(), QUOTED).into_owned(),
                    _ => format!("a {}", other.type_str()),
                };
                self.error(
                    at,
                    format!("unknown schedule version {shown}"),
                    Some(format!(
                        "this build of mixcal reads version {supported}; a newer file needs a newer mixcal"
                    )),
                );
            }
        }
    }

    fn post(&mut self, offset: usize, item: &Spanned<DeValue>) {
        let table_at = offset + item.span().start;
        let DeValue::Table(table) = item.get_ref() else {
            self.error(
                table_at,
                "each post must be a table",
                Some("write each post as a `[[post]]` table".into()),
            );
            return;
        };
        let before = self.errors.len();
        let mut post = Post::new(NaiveDate::MIN, "", "");
        post.date = None;
        let (mut has_status, mut has_category, mut has_title) = (false, false, false);
        let mut keys = library::Keys::default();
        for (key, value) in table {
            let at = offset + value.span().start;
            let key_at = offset + key.span().start;
            let key = key.get_ref().as_ref();
            match key {
                "id" => {
                    if let Some(s) = self.string(key, value, at) {
                        let id = fields::id(s).map(str::to_string);
                        if let Err(e) = &id {
                            self.field_error(at, e);
                        } else if let Some(&first) =
                            id.as_deref().ok().and_then(|id| self.first_seen.get(id))
                        {
                            let id = id.as_deref().unwrap_or_default();
                            let (line, _) = self
                                .index
                                .get_or_insert_with(|| LineIndex::new(self.text))
                                .position(first);
                            self.error(
                                at,
                                format!(
                                    "duplicate id `{}`: line {line} has it already",
                                    shown_clipped(id, QUOTED)
                                ),
                                Some("give one of the posts another id, or remove its id line and mixcal will make one".into()),
                            );
                        } else if let Ok(id) = id {
                            self.first_seen.insert(Cow::Owned(id.clone()), at);
                            post.id = id;
                        }
                    }
                }
                "date" => {
                    keys.date = Some(at);
                    if let Some(d) = self.date(key, value, at) {
                        post.date = Some(d);
                    }
                }
                "time" => {
                    keys.time = Some(at);
                    post.time = self.time(value, at);
                }
                "category" => {
                    has_category = true;
                    if let Some(s) = self.string(key, value, at) {
                        if self.mode.any_category {
                            post.category = s.to_string();
                        } else {
                            match fields::category(s, &self.config.categories) {
                                Ok(c) => post.category.clone_from(&c.key),
                                Err(e) => self.field_error(at, &e),
                            }
                        }
                    }
                }
                "title" => {
                    has_title = true;
                    if let Some(s) = self.string(key, value, at) {
                        match fields::title(s) {
                            Ok(t) => post.title = t.to_string(),
                            Err(e) => self.field_error(at, &e),
                        }
                    }
                }
                "channel" => {
                    post.channel = self
                        .string(key, value, at)
                        .filter(|s| !s.is_empty())
                        .map(str::to_string);
                }
                "notes" => {
                    post.notes = self
                        .string(key, value, at)
                        .filter(|s| !s.is_empty())
                        .map(str::to_string);
                }
                "link" => {
                    post.link = self
                        .string(key, value, at)
                        .filter(|s| !s.is_empty())
                        .map(str::to_string);
                }
                "minutes" | "spent" => {
                    let m = self.whole(
                        key,
                        value,
                        at,
                        fields::minutes_value,
                        FieldError::NotMinutes,
                    );
                    *(if key == "spent" {
                        &mut post.spent
                    } else {
                        &mut post.minutes
                    }) = m;
                }
                "responses" => {
                    post.responses = self.whole(
                        key,
                        value,
                        at,
                        fields::responses_value,
                        FieldError::NotResponses,
                    );
                }
                "partner" => {
                    post.partner = self
                        .string(key, value, at)
                        .and_then(fields::partner)
                        .map(str::to_string);
                }
                "status" => {
                    has_status = true;
                    keys.status = Some(at);
                    if let Some(s) = self.string(key, value, at) {
                        match fields::status(s) {
                            Ok(st) => post.status = st,
                            Err(e) => self.field_error(at, &e),
                        }
                    }
                }
                "media" => post.media = self.media(value, at),
                other if library::KEYS.contains(&other) => {
                    keys.read(self, other, value, at);
                }
                other => {
                    let near = near_miss(other, POST_KEYS);
                    // A misspelt required key is one mistake: do not also report
                    // the key as missing.
                    match near {
                        Some("category") => has_category = true,
                        Some("title") => has_title = true,
                        _ => {}
                    }
                    let help = match near {
                        Some(n) => format!("did you mean `{n}`?"),
                        None => format!("a post's keys are {}", POST_KEYS.join(", ")),
                    };
                    self.error(
                        key_at,
                        format!("unknown key `{}` in a post", shown_clipped(other, QUOTED)),
                        Some(help),
                    );
                }
            }
        }
        let header_at = self.header_offset(offset, table_at);
        // A post without a date is an idea in the backlog.
        keys.finish(self, &mut post, has_status);
        if post.evergreen && !post.id.is_empty() {
            self.evergreen.push(post.id.clone());
        }
        for (present, key, example) in [
            (has_category, "category", "category = \"everyday\""),
            (has_title, "title", "title = \"Behind the scenes\""),
        ] {
            if !present {
                self.error(
                    header_at,
                    format!("this post has no `{key}`"),
                    Some(format!("add e.g. `{example}`")),
                );
            }
        }
        if self.errors.len() == before {
            self.accept(post);
        }
    }

    /// Where a post's `[[post]]` header is, for errors about the post as a whole.
    fn header_offset(&self, chunk_offset: usize, table_at: usize) -> usize {
        if table_at > chunk_offset {
            table_at
        } else {
            chunk_offset
        }
    }

    fn string<'v>(&mut self, key: &str, value: &'v Spanned<DeValue>, at: usize) -> Option<&'v str> {
        match value.get_ref() {
            DeValue::String(s) => Some(s.as_ref()),
            other => {
                self.error(
                    at,
                    format!("`{key}` must be text in quotes, not a {}", other.type_str()),
                    Some(format!("write `{key} = \"...\"`")),
                );
                None
            }
        }
    }

    fn date(&mut self, key: &str, value: &Spanned<DeValue>, at: usize) -> Option<NaiveDate> {
        let help = Some(format!("write a date like `{key} = 2026-11-23`"));
        match value.get_ref() {
            DeValue::Datetime(dt) if is_unread(dt) => {
                self.unread(at);
                None
            }
            DeValue::Datetime(dt) => match (dt.date, dt.time, dt.offset) {
                (Some(d), None, None) => {
                    let got = fields::date_from_parts(
                        &dt.to_string(),
                        i32::from(d.year),
                        u32::from(d.month),
                        u32::from(d.day),
                    );
                    got.map_err(|e| self.field_error(at, &e)).ok()
                }
                _ => {
                    self.error(
                        at,
                        format!("`{key}` must be a date alone, not {dt}"),
                        Some("put the time in `time = 09:30:00`".into()),
                    );
                    None
                }
            },
            DeValue::String(s) => fields::date(s).map_err(|e| self.field_error(at, &e)).ok(),
            other => {
                self.error(
                    at,
                    format!("`{key}` must be a date, not a {}", other.type_str()),
                    help,
                );
                None
            }
        }
    }

    fn time(&mut self, value: &Spanned<DeValue>, at: usize) -> Option<NaiveTime> {
        let help =
            Some("write a 24-hour time like `time = 09:30:00` or `time = \"09:30\"`".to_string());
        match value.get_ref() {
            DeValue::Datetime(dt) if is_unread(dt) => {
                self.unread(at);
                None
            }
            DeValue::Datetime(dt) => match (dt.date, dt.time, dt.offset) {
                (None, Some(t), None) => {
                    let got = NaiveTime::from_hms_nano_opt(
                        u32::from(t.hour),
                        u32::from(t.minute),
                        u32::from(t.second),
                        0,
                    );
                    if got.is_none() {
                        self.field_error(at, &FieldError::NotATime(dt.to_string()));
                    }
                    got
                }
                _ => {
                    self.error(at, format!("`time` must be a time alone, not {dt}"), help);
                    None
                }
            },
            DeValue::String(s) => fields::time(s).map_err(|e| self.field_error(at, &e)).ok(),
            other => {
                self.error(
                    at,
                    format!("`time` must be a time, not a {}", other.type_str()),
                    help,
                );
                None
            }
        }
    }
}

impl Loader<'_> {
    /// A whole number (`minutes = 20`, `responses = 7`) that `check` accepts;
    /// `not` words a number no `i64` holds.
    fn whole(
        &mut self,
        key: &str,
        value: &Spanned<DeValue>,
        at: usize,
        check: fn(i64) -> Result<u32, FieldError>,
        not: fn(String) -> FieldError,
    ) -> Option<u32> {
        match value.get_ref() {
            // Any TOML integer: `-0`, `+15`, `1_0` and `0x1e` are numbers too.
            DeValue::Integer(i) => {
                let n = match i64::from_str_radix(i.as_str(), i.radix()) {
                    Ok(n) => check(n),
                    _ => Err(not(i.to_string())),
                };
                n.map_err(|e| self.field_error(at, &e)).ok()
            }
            other => {
                self.error(
                    at,
                    format!("`{key}` must be a whole number, not a {}", other.type_str()),
                    Some(format!("write e.g. `{key} = 20`")),
                );
                None
            }
        }
    }

    /// `media = ["https://…", …]`: a list of web addresses.
    fn media(&mut self, value: &Spanned<DeValue>, at: usize) -> Vec<String> {
        let DeValue::Array(items) = value.get_ref() else {
            self.error(
                at,
                format!(
                    "`media` must be a list of links, not a {}",
                    value.get_ref().type_str()
                ),
                Some("write `media = [\"https://example.com/photo.jpg\"]`".into()),
            );
            return Vec::new();
        };
        let mut media = Vec::with_capacity(items.len());
        for item in items {
            let at = at + item.span().start - value.span().start;
            match self.string("media", item, at).map(fields::media) {
                Some(Ok(url)) => media.push(url.to_string()),
                Some(Err(e)) => self.field_error(at, &e),
                None => {}
            }
        }
        media
    }
}

/// What the parser leaves in place of a date or time it could not read.
fn is_unread(dt: &toml::value::Datetime) -> bool {
    dt.date.is_none() && dt.time.is_none()
}

/// The spans of every value in `table` the parser could not read.
fn unread_values(table: &DeTable) -> Vec<std::ops::Range<usize>> {
    fn walk(value: &Spanned<DeValue>, out: &mut Vec<std::ops::Range<usize>>) {
        match value.get_ref() {
            DeValue::Datetime(dt) if is_unread(dt) => out.push(value.span()),
            DeValue::Array(items) => items.iter().for_each(|v| walk(v, out)),
            DeValue::Table(t) => t.values().for_each(|v| walk(v, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    table.values().for_each(|v| walk(v, &mut out));
    out
}

/// Why a date or a time the parser refused is wrong, worded as a quoted one
/// is: `2026-02-30` says how long February is. `None` when the parser says it
/// better (a date and time with a wrong time or offset).
fn unreadable_value(token: &str) -> Option<FieldError> {
    match token.split_once(['T', 't', ' ']) {
        Some((date, _)) => fields::date(date).err(),
        None if token.contains(':') => fields::time(token).err(),
        None => fields::date(token).err(),
    }
}

/// A message whose quoted value (between backticks) is escaped and cut after
/// [`QUOTED`] characters, so one huge value cannot flood the error output.
fn quoted_clipped(message: &str) -> String {
    let mut parts = message.splitn(3, '`');
    match (parts.next(), parts.next(), parts.next()) {
        (Some(before), Some(value), Some(after)) => {
            format!("{before}`{}`{after}", shown_clipped(value, QUOTED))
        }
        _ => message.to_string(),
    }
}

fn syntax_help(message: &str) -> String {
    if message.contains("duplicate key") {
        "each key may appear once per post; a new post starts with `[[post]]`".into()
    } else if message.contains("string") || message.contains("quote") {
        "text values go in double quotes: `title = \"...\"`".into()
    } else {
        "see the schedule format in the README".into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::to_toml;

    fn config() -> Config {
        Config::builtin().unwrap()
    }

    fn load(text: &str) -> Result<Schedule, Diagnostics> {
        parse(text, "s.toml", &config())
    }

    fn errors(text: &str) -> Vec<String> {
        load(text)
            .unwrap_err()
            .0
            .iter()
            .map(std::string::ToString::to_string)
            .collect()
    }

    const ONE: &str = "version = 1\nidentifier = \"bcdfghjkmnpqrstv\"\n\n[[post]]\nid = \"a1\"\ndate = 2026-11-23\ntime = 09:30:00\ncategory = \"everyday\"\ntitle = \"Packing orders\"\nstatus = \"planned\"\n";

    #[test]
    fn a_canonical_file_loads_and_saves_to_the_same_bytes() {
        let s = load(ONE).unwrap();
        assert_eq!(s.len(), 1);
        assert_eq!(to_toml(&s), ONE);
    }

    #[test]
    fn string_dates_and_short_times_are_accepted() {
        let s = load("[[post]]\nid = \"x\"\ndate = \"2026-11-23\"\ntime = \"09:30\"\ncategory = \"business\"\ntitle = \"t\"\n").unwrap();
        let p = s.get("x").unwrap();
        assert_eq!(p.time, NaiveTime::from_hms_opt(9, 30, 0));
        assert_eq!(p.date, NaiveDate::from_ymd_opt(2026, 11, 23));
    }

    #[test]
    fn misspelt_keys_suggest_the_right_one() {
        let e = errors("[[post]]\ndate = 2026-11-23\ncategroy = \"everyday\"\ntitle = \"t\"\n");
        assert!(
            e[0].starts_with("s.toml:3:1: unknown key `categroy`"),
            "{e:?}"
        );
        assert!(e[0].contains("did you mean `category`?"), "{e:?}");
    }

    #[test]
    fn misspelt_categories_suggest_the_right_one() {
        let e = errors("[[post]]\ndate = 2026-11-23\ncategory = \"busines\"\ntitle = \"t\"\n");
        assert!(
            e[0].starts_with("s.toml:3:12: unknown category `busines`"),
            "{e:?}"
        );
        assert!(e[0].contains("did you mean `business`?"), "{e:?}");
    }

    #[test]
    fn a_misspelt_required_key_is_one_problem_not_two() {
        let e = errors("[[post]]\ndate = 2026-11-23\ncategroy = \"everyday\"\ntitle = \"t\"\n");
        assert_eq!(e.len(), 1, "{e:?}");
    }

    #[test]
    fn impossible_native_dates_say_how_long_the_month_is() {
        let e = errors("[[post]]\ndate = 2026-02-30\ncategory = \"everyday\"\ntitle = \"t\"\n");
        assert_eq!(e.len(), 1, "{e:?}");
        assert!(
            e[0].starts_with("s.toml:2:8: `2026-02-30` is not a real date"),
            "{e:?}"
        );
        assert!(e[0].contains("February 2026 has 28 days"), "{e:?}");
    }

    #[test]
    fn impossible_dates_say_how_long_the_month_is() {
        let e = errors("[[post]]\ndate = \"2026-02-30\"\ncategory = \"everyday\"\ntitle = \"t\"\n");
        assert!(e[0].contains("s.toml:2:8"), "{e:?}");
        assert!(e[0].contains("February 2026 has 28 days"), "{e:?}");
    }

    #[test]
    fn leap_day_is_a_real_date_in_leap_years() {
        assert!(
            load("[[post]]\ndate = 2028-02-29\ncategory = \"everyday\"\ntitle = \"t\"\n").is_ok()
        );
        let e = errors("[[post]]\ndate = \"2027-02-29\"\ncategory = \"everyday\"\ntitle = \"t\"\n");
        assert!(e[0].contains("February 2027 has 28 days"), "{e:?}");
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let text = "version = 1\n[[post]]\ndate = 2026-11-23\ncategory = \"everyday\"\ntitle = \"\"\n\n[[post]]\nid = \"a\"\ndate = 2026-11-23\ncategory = \"contset\"\ntitle = \"x\"\n\n[[post]]\nid = \"a\"\ndate = 2026-11-24\ncategory = \"everyday\"\ntitle = \"y\"\nstauts = \"idea\"\n";
        let e = errors(text);
        assert_eq!(e.len(), 4, "{e:?}");
        assert!(e[0].contains(":5:9: the title is empty"), "{e:?}");
        assert!(e[1].contains("unknown category `contset`"), "{e:?}");
        assert!(
            e[2].contains("duplicate id `a`: line 8 has it already"),
            "{e:?}"
        );
        assert!(e[3].contains("did you mean `status`?"), "{e:?}");
    }

    #[test]
    fn a_post_with_an_impossible_native_date_reports_its_other_problems_too() {
        let text = "version = 1\n\n[[post]]\nid = \"a2\"\ndate = 2026-02-30\ncategory = \"busines\"\ntitle = \"\"\nchanel = \"instagram\"\n";
        let e = errors(text);
        assert_eq!(e.len(), 4, "{e:?}");
        assert!(
            e[0].starts_with("s.toml:5:8: `2026-02-30` is not a real date"),
            "{e:?}"
        );
        assert!(e[0].contains("February 2026 has 28 days"), "{e:?}");
        assert!(
            e[1].starts_with("s.toml:6:12: unknown category `busines`"),
            "{e:?}"
        );
        assert!(e[1].contains("did you mean `business`?"), "{e:?}");
        assert!(e[2].starts_with("s.toml:7:9: the title is empty"), "{e:?}");
        assert!(
            e[3].starts_with("s.toml:8:1: unknown key `chanel` in a post"),
            "{e:?}"
        );
        assert!(e[3].contains("did you mean `channel`?"), "{e:?}");
    }

    #[test]
    fn an_impossible_date_with_a_time_says_how_long_the_month_is() {
        let e = errors(
            "[[post]]\ndate = 2026-02-30T10:00:00\ncategory = \"everyday\"\ntitle = \"t\"\n",
        );
        assert_eq!(e.len(), 1, "{e:?}");
        assert!(
            e[0].starts_with("s.toml:2:8: `2026-02-30` is not a real date"),
            "{e:?}"
        );
        let e = errors(
            "[[post]]\ndate = 2026-02-03T25:00:00\ncategory = \"everyday\"\ntitle = \"t\"\n",
        );
        assert!(e[0].starts_with("s.toml:2:8: invalid time"), "{e:?}");
    }

    #[test]
    fn a_bad_date_does_not_make_the_post_an_idea() {
        for date in ["2026-13-01", "\"2026-13-01\"", "2026-02-3", "\"soon\""] {
            let e = errors(&format!(
                "[[post]]\ndate = {date}\ntime = 09:00\ncategory = \"everyday\"\ntitle = \"t\"\nrepeat = \"weekly\"\nfrom = \"backlog\"\n"
            ));
            assert!(e[0].starts_with("s.toml:2:8: "), "{date}: {e:?}");
            assert!(
                !e.iter()
                    .any(|m| m.contains("idea") || m.contains("has no date")),
                "{date}: {e:?}"
            );
        }
    }

    #[test]
    fn impossible_native_times_and_dates_anywhere_in_a_post_are_each_reported() {
        let text = "[[post]]\ndate = 2026-11-23\ntime = 25:00\ncategory = \"everyday\"\ntitle = \"t\"\nrepeat = \"weekly\"\nuntil = 2027-02-29\nskip = [2026-11-30, 2026-12-32]\nstatus = \"planed\"\n";
        let e = errors(text);
        assert_eq!(e.len(), 4, "{e:?}");
        assert!(
            e[0].starts_with("s.toml:3:8: `25:00` is not a time of day"),
            "{e:?}"
        );
        assert!(e[0].contains("write a 24-hour time like 09:30"), "{e:?}");
        assert!(
            e[1].starts_with("s.toml:7:9: `2027-02-29` is not a real date"),
            "{e:?}"
        );
        assert!(
            e[2].starts_with("s.toml:8:21: `2026-12-32` is not a real date"),
            "{e:?}"
        );
        assert!(e[3].contains("unknown status `planed`"), "{e:?}");
    }

    #[test]
    fn a_reuses_naming_no_evergreen_post_is_reported_with_the_other_problems() {
        let text = "[[post]]\nid = \"ev\"\ncategory = \"everyday\"\ntitle = \"\"\nevergreen = true\n\n[[post]]\ndate = 2026-11-23\ncategory = \"everyday\"\ntitle = \"t\"\nreuses = \"ev\"\n\n[[post]]\ndate = 2026-11-24\ncategory = \"everyday\"\ntitle = \"u\"\nreuses = \"evv\"\n";
        let e = errors(text);
        assert_eq!(e.len(), 2, "{e:?}");
        assert!(e[0].starts_with("s.toml:4:9: the title is empty"), "{e:?}");
        assert!(
            e[1].starts_with("s.toml:17:10: `reuses` names `evv`"),
            "{e:?}"
        );
        assert!(e[1].contains("did you mean `ev`?"), "{e:?}");
    }

    #[test]
    fn syntax_errors_name_their_line_and_other_posts_are_still_checked() {
        let text = "[[post]]\ndate = 2026-11-23\ncategory = \"everyday\ntitle = \"t\"\n\n[[post]]\ndate = 2026-11-23\ncategory = \"nope\"\ntitle = \"t\"\n";
        let e = errors(text);
        assert!(e[0].starts_with("s.toml:3:"), "{e:?}");
        assert!(
            e.iter()
                .any(|m| m.starts_with("s.toml:8:12: unknown category")),
            "{e:?}"
        );
    }

    #[test]
    fn missing_required_keys_point_at_the_post_header() {
        let e = errors("version = 1\n\n[[post]]\ndate = 2026-11-23\ncategory = \"everyday\"\n");
        assert_eq!(e.len(), 1);
        assert!(
            e[0].starts_with("s.toml:3:1: this post has no `title`"),
            "{e:?}"
        );
    }

    #[test]
    fn an_unknown_version_names_the_versions_this_build_reads() {
        let e = errors("version = 2\n");
        assert!(e[0].contains("unknown schedule version 2"), "{e:?}");
        assert!(e[0].contains("reads version 1"), "{e:?}");
    }

    #[test]
    fn posts_without_an_id_get_a_short_unique_one() {
        let s = load("[[post]]\ndate = 2026-11-23\ncategory = \"everyday\"\ntitle = \"a\"\n[[post]]\ndate = 2026-11-23\ncategory = \"everyday\"\ntitle = \"b\"\n").unwrap();
        let ids: Vec<&str> = s.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(ids.len(), 2);
        assert!(ids.iter().all(|id| id.len() == 6));
        assert_ne!(ids[0], ids[1]);
    }

    #[test]
    fn a_post_header_inside_a_multiline_string_is_text() {
        let text = "[[post]]\nid = \"a\"\ndate = 2026-11-23\ncategory = \"everyday\"\ntitle = \"t\"\nnotes = \"\"\"\n[[post]]\nstill notes\"\"\"\n";
        let s = load(text).unwrap();
        assert_eq!(s.len(), 1);
        assert_eq!(
            s.get("a").unwrap().notes.as_deref(),
            Some("[[post]]\nstill notes")
        );
    }

    #[test]
    fn awkward_text_survives_a_round_trip() {
        let mut s = Schedule::new();
        let mut p = Post::new(
            NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
            "everyday",
            "Quote \" backslash \\ tab\t 🎉 漢字",
        );
        p.notes = Some("line one\nline two\r\n\u{7f} bell \u{7}".into());
        p.id = "x".into();
        s.insert(p);
        let text = to_toml(&s);
        assert_eq!(load(&text).unwrap(), s);
    }

    #[test]
    fn invalid_utf8_is_reported_with_its_place() {
        let e = parse_bytes(b"version = 1\n# caf\xe9\n", "s.toml", &config()).unwrap_err();
        assert!(
            e.0[0]
                .to_string()
                .starts_with("s.toml:2:6: the file is not valid UTF-8"),
            "{e}"
        );
    }

    #[test]
    fn minutes_may_be_any_toml_integer_in_range() {
        for (written, minutes) in [("-0", 0), ("+0", 0), ("+15", 15), ("1_0", 10), ("0x1e", 30)] {
            let s = load(&format!(
                "[[post]]\nid = \"a\"\ndate = 2026-11-23\ncategory = \"everyday\"\ntitle = \"t\"\nminutes = {written}\n"
            ))
            .unwrap_or_else(|e| panic!("{written}: {e}"));
            assert_eq!(s.get("a").unwrap().minutes, Some(minutes), "{written}");
        }
        let e = errors(
            "[[post]]\ndate = 2026-11-23\ncategory = \"everyday\"\ntitle = \"t\"\nminutes = -1\n",
        );
        assert!(e[0].contains("`-1` is not a number of minutes"), "{e:?}");
    }

    #[test]
    fn an_inline_post_list_mixed_with_post_tables_is_refused() {
        let text = "version = 1\npost = [{ date = 2026-11-23, category = \"everyday\", title = \"a\" }]\n\n[[post]]\ndate = 2026-11-24\ncategory = \"everyday\"\ntitle = \"b\"\n";
        assert!(
            toml::from_str::<toml::Table>(text).is_err(),
            "TOML refuses it too"
        );
        let e = errors(text);
        assert_eq!(e.len(), 1, "{e:?}");
        assert!(
            e[0].starts_with("s.toml:2:1: `post = [...]` and `[[post]]` tables cannot be mixed"),
            "{e:?}"
        );
        // Alone, either way of writing posts is fine.
        assert_eq!(
            load("post = [{ date = 2026-11-23, category = \"everyday\", title = \"a\" }]\n")
                .unwrap()
                .len(),
            1
        );
    }

    #[test]
    fn a_quoted_post_header_is_a_post_table() {
        let text = "[[\"post\"]]\ndate = 2026-11-23\ncategory = \"everyday\"\ntitle = \"a\"\n[[post]]\ndate = 2026-11-24\ncategory = \"everyday\"\ntitle = \"b\"\n";
        assert!(toml::from_str::<toml::Table>(text).is_ok());
        assert_eq!(load(text).unwrap().len(), 2);
    }

    #[test]
    fn dates_mixcal_cannot_keep_are_refused_with_their_line() {
        for date in ["0000-05-01", "\"0000-05-01\""] {
            let e = errors(&format!(
                "version = 1\n[[post]]\ndate = {date}\ncategory = \"everyday\"\ntitle = \"t\"\n"
            ));
            assert_eq!(e.len(), 1, "{e:?}");
            assert!(
                e[0].starts_with("s.toml:3:8: `0000-05-01` is out of range"),
                "{e:?}"
            );
            assert!(e[0].contains("from 0001-01-01 to 9999-12-31"), "{e:?}");
        }
        assert!(
            load("[[post]]\ndate = 9999-12-31\ncategory = \"everyday\"\ntitle = \"t\"\n").is_ok()
        );
    }

    #[test]
    fn a_leap_second_is_not_a_time_of_day_however_written() {
        for time in ["23:59:60", "\"23:59:60\""] {
            let e = errors(&format!(
                "[[post]]\ndate = 2026-11-23\ntime = {time}\ncategory = \"everyday\"\ntitle = \"t\"\n"
            ));
            assert!(e[0].contains("is not a time of day"), "{e:?}");
        }
    }

    #[test]
    fn long_values_are_quoted_clipped() {
        let long = "x".repeat(100_000);
        let e = errors(&format!(
            "[[post]]\ndate = \"{long}\"\ncategory = \"{long}\"\ntitle = \"t\"\n"
        ));
        assert!(e.iter().all(|m| m.len() < 500), "{e:?}");
        assert!(e[0].contains("(100,000 characters)"), "{e:?}");
    }

    #[test]
    fn crlf_files_load() {
        let text = ONE.replace('\n', "\r\n");
        assert_eq!(load(&text).unwrap().len(), 1);
    }

    #[test]
    fn partner_spent_and_responses_load_and_save_canonically() {
        let text = "version = 1\nidentifier = \"bcdfghjkmnpqrstv\"\n\n[[post]]\nid = \"p1\"\ndate = 2026-11-23\ncategory = \"partner\"\ntitle = \"Meet the café\"\nstatus = \"published\"\npartner = \"Café Müller\"\nspent = 35\nresponses = 0\n";
        let s = load(text).unwrap();
        let p = s.get("p1").unwrap();
        assert_eq!(p.partner.as_deref(), Some("Café Müller"));
        assert_eq!((p.spent, p.responses), (Some(35), Some(0)));
        assert_eq!(to_toml(&s), text);
        // Written by hand, with spaces and in another order, it reads the same.
        let hand = "[[post]]\nresponses = 0\nspent = 35\npartner = \"  Café Müller \"\nid = \"p1\"\ndate = 2026-11-23\ncategory = \"partner\"\ntitle = \"Meet the café\"\nstatus = \"published\"\n";
        assert_eq!(load(hand).unwrap().get("p1"), Some(p));
    }

    #[test]
    fn logged_numbers_out_of_range_say_what_to_write() {
        let e = errors(
            "[[post]]\ndate = 2026-11-23\ncategory = \"everyday\"\ntitle = \"t\"\nresponses = -2\nspent = 1441\n",
        );
        assert_eq!(e.len(), 2, "{e:?}");
        assert!(
            e[0].starts_with("s.toml:5:13: `-2` is not a number of responses"),
            "{e:?}"
        );
        assert!(
            e[0].contains("replies, comments, messages and shares"),
            "{e:?}"
        );
        assert!(
            e[1].starts_with("s.toml:6:9: `1441` is not a number of minutes"),
            "{e:?}"
        );
        let e = errors(
            "[[post]]\ndate = 2026-11-23\ncategory = \"everyday\"\ntitle = \"t\"\nresponses = \"seven\"\nresponses_ = 1\n",
        );
        assert!(e[0].contains("`responses` must be a whole number"), "{e:?}");
        assert!(e[1].contains("did you mean `responses`?"), "{e:?}");
    }

    #[test]
    fn wrong_types_say_what_to_write() {
        let e = errors(
            "[[post]]\ndate = 2026-11-23\ncategory = \"everyday\"\ntitle = 5\nminutes = \"ten\"\n",
        );
        assert!(
            e[0].contains("`title` must be text in quotes, not a integer")
                || e[0].contains("`title` must be text in quotes"),
            "{e:?}"
        );
        assert!(e[1].contains("`minutes` must be a whole number"), "{e:?}");
    }
}
