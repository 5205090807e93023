//! The keys of the content library: how a post repeats (`repeat`, `on`,
//! `until`, `count`, `skip`), evergreen posts of the backlog (`evergreen`,
//! `reuse_after`), the backlog's order (`priority`) and where a dated post came
//! from (`from`, `reuses`). They are read as they come, and checked together
//! once the post's table is read, each problem at the key that has it.

use chrono::NaiveDate;
use toml::Spanned;
use toml::de::DeValue;

use super::Loader;
use crate::diag::near_miss;
use crate::domain::fields::{self, FieldError};
use crate::domain::{End, Every, Gap, On, Post, Repeat, RepeatError, Source, Status};

/// The keys read here.
pub(super) const KEYS: &[&str] = crate::domain::post::LIBRARY_KEYS;

/// What a post's table said of the library's keys, with where each value is.
#[derive(Default)]
pub(super) struct Keys {
    repeat: Option<(Every, usize)>,
    /// `repeat` is written, read or not: a mistake in it is one problem, and
    /// the keys that need it are not reported again.
    repeat_written: bool,
    on: Option<(Vec<On>, usize)>,
    until: Option<(NaiveDate, usize)>,
    count: Option<(u32, usize)>,
    /// Each skipped date with where it is written.
    skip: Option<(Vec<(NaiveDate, usize)>, usize)>,
    evergreen: Option<(bool, usize)>,
    reuse_after: Option<(Gap, usize)>,
    priority: Option<std::num::NonZeroU16>,
    from: Option<usize>,
    reuses: Option<(String, usize)>,
    /// Where other keys of the post are, for problems they share with these.
    pub(crate) time: Option<usize>,
    pub(crate) status: Option<usize>,
    pub(crate) date: Option<usize>,
    /// Some key here had a problem already: the post is not kept anyway.
    failed: bool,
}

impl Keys {
    /// Reads one of [`KEYS`] at `at` (its key at `key_at`).
    pub(super) fn read(
        &mut self,
        loader: &mut Loader,
        key: &str,
        value: &Spanned<DeValue>,
        at: usize,
    ) {
        let before = loader.errors.len();
        match key {
            "repeat" => {
                self.repeat_written = true;
                if let Some(s) = loader.string(key, value, at) {
                    match Every::parse(s) {
                        Ok(every) => self.repeat = Some((every, at)),
                        Err(e) => repeat_error(loader, at, &e),
                    }
                }
            }
            "on" => {
                let mut on = Vec::new();
                for (text, item_at) in strings(loader, key, value, at, "[\"monday\", \"thursday\"]")
                {
                    match On::parse(&text) {
                        Ok(o) => on.push(o),
                        Err(e) => repeat_error(loader, item_at, &e),
                    }
                }
                if on.is_empty() && loader.errors.len() == before {
                    repeat_error(loader, at, &RepeatError::EmptyOn);
                }
                self.on = Some((on, at));
            }
            "until" => {
                if let Some(d) = loader.date(key, value, at) {
                    self.until = Some((d, at));
                }
            }
            "count" => match whole(value) {
                Some(n) => match u32::try_from(n) {
                    Ok(n) => self.count = Some((n, at)),
                    Err(_) if n <= 0 => repeat_error(loader, at, &RepeatError::NoTimes),
                    Err(_) => repeat_error(loader, at, &RepeatError::TooManyTimes(u32::MAX)),
                },
                None => loader.error(
                    at,
                    format!("`count` must be a whole number, not {}", kind(value)),
                    Some("write how many dates the series has, like `count = 10`".into()),
                ),
            },
            "skip" => {
                let mut dates = Vec::new();
                if let DeValue::Array(items) = value.get_ref() {
                    for item in items {
                        let item_at = at + item.span().start - value.span().start;
                        if let Some(d) = loader.date("skip", item, item_at) {
                            dates.push((d, item_at));
                        }
                    }
                } else {
                    loader.error(
                        at,
                        format!("`skip` must be a list of dates, not {}", kind(value)),
                        Some("write `skip = [2026-12-28]`".into()),
                    );
                }
                self.skip = Some((dates, at));
            }
            "evergreen" => match value.get_ref() {
                DeValue::Boolean(b) => self.evergreen = Some((*b, at)),
                _ => loader.error(
                    at,
                    format!("`evergreen` must be true or false, not {}", kind(value)),
                    Some("write `evergreen = true`".into()),
                ),
            },
            "reuse_after" => {
                if let Some(s) = loader.string(key, value, at) {
                    match Gap::parse(s) {
                        Ok(g) => self.reuse_after = Some((g, at)),
                        Err(e) => loader.field_error(at, &e),
                    }
                }
            }
            "priority" => match whole(value) {
                Some(n) => match fields::priority_value(n) {
                    Ok(p) => self.priority = Some(p),
                    Err(e) => loader.field_error(at, &e),
                },
                None => loader.field_error(at, &FieldError::NotAPriority(kind(value))),
            },
            "from" => {
                if let Some(s) = loader.string(key, value, at) {
                    if s == "backlog" {
                        self.from = Some(at);
                    } else {
                        let help = match near_miss(s, ["backlog"]) {
                            Some(n) => format!("did you mean `{n}`?"),
                            None => "a post placed from the backlog says `from = \"backlog\"`; remove the line otherwise".into(),
                        };
                        loader.error(
                            at,
                            format!("unknown `from` `{}`", crate::shown::shown_clipped(s, 40)),
                            Some(help),
                        );
                    }
                }
            }
            "reuses" => {
                if let Some(s) = loader.string(key, value, at) {
                    match fields::id(s) {
                        Ok(id) => self.reuses = Some((id.to_string(), at)),
                        Err(e) => loader.field_error(at, &e),
                    }
                }
            }
            _ => {}
        }
        if loader.errors.len() > before {
            self.failed = true;
        }
    }

    /// Checks the keys together and gives the post what they say. Every
    /// problem is reported at the key that has it.
    pub(super) fn finish(self, loader: &mut Loader, post: &mut Post, has_status: bool) {
        post.priority = self.priority;
        let dated = post.date.is_some();
        if !dated && !has_status {
            post.status = Status::Idea;
        }
        // Keys that need a date; a post whose date is written but wrong is no
        // idea, and its date's problem is reported already.
        if self.date.is_none() {
            if let Some(at) = self.time {
                loader.error(
                    at,
                    "an idea in the backlog has no time",
                    Some("add a `date` to plan it, or remove `time`: a placed idea takes its slot's time".into()),
                );
            }
            if let (true, Some(at)) = (post.status == Status::Published, self.status) {
                loader.error(
                    at,
                    "a published post has a date",
                    Some("add the date it went out, or write `status = \"idea\"` to keep it in the backlog".into()),
                );
            }
            if let Some((_, at)) = self.repeat {
                repeat_error(loader, at, &RepeatError::NoDate);
            }
            for (key, at) in [
                ("from", self.from),
                ("reuses", self.reuses.as_ref().map(|r| r.1)),
            ] {
                if let Some(at) = at {
                    loader.error(
                        at,
                        format!("`{key}` is for a post in its week, and this one has no date"),
                        Some(
                            "remove the line: a post without a date is an idea in the backlog"
                                .into(),
                        ),
                    );
                }
            }
        }
        // Keys that need `repeat`.
        if !self.repeat_written {
            let on = self.on.as_ref().map(|o| o.1);
            let skip = self.skip.as_ref().map(|s| s.1);
            for (key, at) in [
                ("on", on),
                ("until", self.until.map(|u| u.1)),
                ("count", self.count.map(|c| c.1)),
                ("skip", skip),
            ] {
                if let Some(at) = at {
                    repeat_error(loader, at, &RepeatError::WithoutRepeat(key));
                }
            }
        }
        // Evergreen posts live in the backlog.
        match self.evergreen {
            Some((true, at)) if self.date.is_some() => loader.error(
                at,
                "an evergreen post lives in the backlog, and this one has a date",
                Some("remove `date` (and `time`) to keep it in the backlog; each use of it is a post of its own that says `reuses = \"<its id>\"`".into()),
            ),
            Some((true, _)) => post.evergreen = true,
            _ => {}
        }
        if let Some((gap, at)) = self.reuse_after {
            if post.evergreen {
                post.reuse_after = Some(gap);
            } else {
                loader.error(
                    at,
                    "`reuse_after` is for an evergreen post",
                    Some("add `evergreen = true`, or remove the line".into()),
                );
            }
        }
        match (self.from, self.reuses) {
            (Some(_), Some((_, at))) => loader.error(
                at,
                "`from` and `reuses` together",
                Some("a use of an evergreen post says `reuses` alone".into()),
            ),
            (Some(_), None) if dated => post.source = Some(Box::new(Source::Backlog)),
            (None, Some((id, at))) if dated => {
                if post.evergreen {
                    loader.error(
                        at,
                        "an evergreen post does not reuse another",
                        Some("remove `reuses`".into()),
                    );
                } else {
                    loader.reuses.push((id.clone(), at));
                    post.source = Some(Box::new(Source::Reuses(id)));
                }
            }
            _ => {}
        }
        if let (Some((every, repeat_at)), Some(first)) = (self.repeat, post.date) {
            if post.source.is_some() {
                loader.error(
                    repeat_at,
                    "a post placed from the backlog does not repeat",
                    Some("remove `repeat`, or remove `from`/`reuses` to make it a repeating post of its own".into()),
                );
                return;
            }
            let end = match (self.until, self.count) {
                (Some((_, _)), Some((_, at))) => {
                    repeat_error(loader, at, &RepeatError::CountAndUntil);
                    return;
                }
                (Some((d, _)), None) => End::Until(d),
                (None, Some((n, _))) => End::Times(n),
                (None, None) => End::Never,
            };
            if self.failed {
                return;
            }
            let on_at = self.on.as_ref().map(|o| o.1);
            let on = self.on.map(|o| o.0).unwrap_or_default();
            let skip = self.skip.unwrap_or_default();
            let dates = skip.0.iter().map(|(d, _)| *d).collect();
            match Repeat::new(first, every, on, end, dates) {
                Ok(r) => post.repeat = Some(Box::new(r)),
                Err(e) => {
                    let at = match (&e, e.key()) {
                        (RepeatError::NotADate { date, .. }, _) => skip
                            .0
                            .iter()
                            .find(|(d, _)| d == date)
                            .map_or(skip.1, |(_, at)| *at),
                        (RepeatError::FirstNotOn { .. }, _) => self.date.unwrap_or(repeat_at),
                        (_, "until") => self.until.map_or(repeat_at, |u| u.1),
                        (_, "count") => self.count.map_or(repeat_at, |c| c.1),
                        (_, "on") => on_at.unwrap_or(repeat_at),
                        _ => repeat_at,
                    };
                    repeat_error(loader, at, &e);
                }
            }
        }
    }
}

fn repeat_error(loader: &mut Loader, at: usize, e: &RepeatError) {
    loader.error(at, super::quoted_clipped(&e.to_string()), Some(e.help()));
}

/// A whole number, if the value is one.
fn whole(value: &Spanned<DeValue>) -> Option<i64> {
    match value.get_ref() {
        DeValue::Integer(i) if i.radix() == 10 => i.as_str().parse().ok(),
        _ => None,
    }
}

/// What kind of value it is, for a message: `a string`, `a date`.
fn kind(value: &Spanned<DeValue>) -> String {
    match value.get_ref() {
        DeValue::String(s) => format!("the text \"{}\"", crate::shown::shown_clipped(s, 30)),
        other => format!("a {}", other.type_str()),
    }
}

/// A list of strings, each with where it is written; a problem with the list
/// or an item is reported.
fn strings(
    loader: &mut Loader,
    key: &str,
    value: &Spanned<DeValue>,
    at: usize,
    example: &str,
) -> Vec<(String, usize)> {
    let DeValue::Array(items) = value.get_ref() else {
        loader.error(
            at,
            format!("`{key}` must be a list, not {}", kind(value)),
            Some(format!("write `{key} = {example}`")),
        );
        return Vec::new();
    };
    let mut out = Vec::with_capacity(items.len());
    for item in items {
        let item_at = at + item.span().start - value.span().start;
        if let Some(s) = loader.string(key, item, item_at) {
            out.push((s.to_string(), item_at));
        }
    }
    out
}
