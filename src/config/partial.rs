//! Reading one config layer as far as it goes, so a person hears of every
//! mistake in it at once: serde stops at the first unknown field or wrong
//! value, so each one is reported, the entry that holds it is taken out, and
//! the rest is read again until it reads. What a problem took out is as if it
//! were not written; the defaults stand in for it.

use serde::de::DeserializeOwned;
use toml::Spanned;
use toml::de::{DeArray, DeTable, DeValue};

use crate::diag::Diagnostic;

/// A layer read as far as it goes.
pub(super) struct Partial<T> {
    /// `None` when the text is not TOML at all (each syntax error is
    /// reported) or a problem had no place to take out.
    pub layer: Option<T>,
    /// The keys taken out, each as its path of table names (`categories`,
    /// `event`, `minutes`): written, but wrong, so not missing either.
    pub taken: Vec<Vec<String>>,
}

/// The layer `text` as a `T`; every problem in it is added to `errors`.
pub(super) fn read<T: DeserializeOwned>(
    path: &str,
    text: &str,
    errors: &mut Vec<Diagnostic>,
) -> Partial<T> {
    let mut taken = Vec::new();
    let (mut table, syntax) = DeTable::parse_recoverable(text);
    if !syntax.is_empty() {
        errors.extend(syntax.iter().map(|e| super::toml_error(path, text, e)));
        return Partial { layer: None, taken };
    }
    loop {
        match T::deserialize(toml::de::Deserializer::from(table.clone())) {
            Ok(layer) => {
                return Partial {
                    layer: Some(layer),
                    taken,
                };
            }
            Err(e) => {
                errors.push(super::toml_error(path, text, &e));
                match e
                    .span()
                    .and_then(|span| take_out(table.get_mut(), span.start))
                {
                    Some(path) => taken.push(path),
                    None => return Partial { layer: None, taken },
                }
            }
        }
    }
}

/// Takes out the entry of `table`, or of a table or list inside it, written
/// at `at`: the innermost key or list item whose text holds it. Its path when
/// one was found, so the reading above always ends.
fn take_out(table: &mut DeTable, at: usize) -> Option<Vec<String>> {
    for (key, value) in table.iter_mut() {
        if let Some(mut path) = take_out_of(value, at) {
            path.insert(0, key.get_ref().to_string());
            return Some(path);
        }
    }
    let hit = table
        .iter()
        .find(|(k, v)| k.span().contains(&at) || v.span().contains(&at))
        .map(|(k, _)| k.clone())?;
    table.remove(&hit)?;
    Some(vec![hit.get_ref().to_string()])
}

fn take_out_of(value: &mut Spanned<DeValue>, at: usize) -> Option<Vec<String>> {
    match value.get_mut() {
        DeValue::Table(table) => take_out(table, at),
        DeValue::Array(items) => {
            if let Some(path) = items.iter_mut().find_map(|item| take_out_of(item, at)) {
                return Some(path);
            }
            let before = items.len();
            let kept: DeArray = items
                .iter()
                .filter(|item| !item.span().contains(&at))
                .cloned()
                .collect();
            *items = kept;
            (items.len() < before).then(Vec::new)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Doc {
        a: Option<u32>,
        b: Option<Vec<u32>>,
        #[serde(default)]
        t: std::collections::BTreeMap<String, Inner>,
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Inner {
        x: Option<u32>,
    }

    #[test]
    fn every_problem_is_found_and_the_rest_is_read() {
        let text = "a = \"one\"\nb = [1, \"two\", 3]\nc = 1\n[t.p]\nx = 1\ny = 2\n[t.q]\nx = -1\n";
        let mut errors = Vec::new();
        let read = read::<Doc>("d.toml", text, &mut errors);
        let doc = read.layer.unwrap();
        let places: Vec<(usize, usize)> = errors.iter().map(|d| (d.line, d.column)).collect();
        assert_eq!(
            places,
            [(1, 5), (2, 9), (3, 1), (6, 1), (8, 5)],
            "{errors:?}"
        );
        assert_eq!(doc.a, None);
        assert_eq!(doc.b, Some(vec![1, 3]));
        assert_eq!(doc.t["p"].x, Some(1));
        assert!(!doc.t.contains_key("q") || doc.t["q"].x.is_none());
        let taken: Vec<String> = read.taken.iter().map(|p| p.join(".")).collect();
        assert_eq!(taken, ["a", "b", "c", "t.p.y", "t.q.x"]);
    }

    #[test]
    fn a_syntax_error_reads_nothing() {
        let mut errors = Vec::new();
        assert!(read::<Doc>("d.toml", "a = \n", &mut errors).layer.is_none());
        assert_eq!(errors.len(), 1);
    }
}
