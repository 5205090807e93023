//! Rule tables as written: every value keeps the place it was written, so a typed
//! spec read from them later (by the mix, which knows the rule kinds) reports
//! each error at the line and column of the value that caused it. The config
//! itself never interprets a rule; it only merges the layers and hands the
//! fields on.

use std::fmt;

use indexmap::IndexMap;
use serde::de::{self, DeserializeOwned, IntoDeserializer, Visitor};
use toml::Spanned;

use super::Origin;
use crate::diag::{Diagnostic, near_miss};

/// A value of a rule table and where it was written.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Value {
    pub(crate) at: Origin,
    pub(crate) kind: ValueKind,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum ValueKind {
    String(String),
    Integer(i64),
    Float(f64),
    Boolean(bool),
    Array(Vec<Value>),
    Table(IndexMap<String, Field>),
}

/// One `key = value` of a table: where the key was written, and its value.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Field {
    pub(crate) key: Origin,
    pub(crate) value: Value,
}

/// One rule of the config as written: its name, where its table was last
/// written, and its fields merged over the layers (a later layer overrides the
/// fields it names; one that changes `kind` starts the rule afresh).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct RuleSource {
    pub(crate) name: String,
    pub(crate) origin: Origin,
    pub(crate) fields: IndexMap<String, Field>,
}

impl RuleSource {
    pub(crate) fn field(&self, name: &str) -> Option<&Field> {
        self.fields.get(name)
    }

    /// Where a field was written, else where the rule was.
    pub(crate) fn origin_of(&self, name: &str) -> &Origin {
        self.fields.get(name).map_or(&self.origin, |f| &f.value.at)
    }

    /// Reads the fields, all but `skip`, into a typed spec. An error points at the
    /// value (or key) that caused it; an unknown field gets the nearest known one
    /// as help, `skip` included.
    pub(crate) fn read<T: DeserializeOwned>(&self, skip: &[&str]) -> Result<T, Diagnostic> {
        let de = TableDe {
            fields: &self.fields,
            skip,
        };
        T::deserialize(de).map_err(|e| {
            let at = e.at.as_ref().unwrap_or(&self.origin);
            let mut d = at.diagnostic(format!("{} (rule `{}`)", e.message, self.name));
            if let Some((near, expected)) = unknown_field(&e.message, skip) {
                d = d.with_help(match near {
                    Some(near) => format!("did you mean `{near}`?"),
                    None => format!("a rule of this kind takes: {}", expected.join(", ")),
                });
            }
            d
        })
    }
}

impl RuleSource {
    /// Like [`RuleSource::read`], but every problem: a field with one is left
    /// out and the rest read again, so all of a rule's mistakes are reported at
    /// once. The spec, when what is left reads, and the problems.
    pub(crate) fn read_all<T: DeserializeOwned>(
        &self,
        skip: &[&str],
    ) -> (Option<T>, Vec<Diagnostic>) {
        let mut errors = Vec::new();
        let mut left = self.clone();
        let mut taken: Vec<String> = Vec::new();
        loop {
            match left.read::<T>(skip) {
                Ok(spec) => return (Some(spec), errors),
                // A field written wrong is reported once, not also as missing.
                Err(d)
                    if taken
                        .iter()
                        .any(|name| d.message.starts_with(&format!("missing field `{name}`"))) =>
                {
                    return (None, errors);
                }
                Err(d) => {
                    let at = Origin {
                        path: d.path.clone(),
                        line: d.line,
                        column: d.column,
                    };
                    errors.push(d);
                    let Some(name) = left
                        .fields
                        .iter()
                        .find(|(_, f)| f.key == at || f.value.holds(&at))
                        .map(|(name, _)| name.clone())
                    else {
                        return (None, errors);
                    };
                    left.fields.shift_remove(&name);
                    taken.push(name);
                }
            }
        }
    }
}

impl Value {
    /// Whether this value, or one inside it, is written at `at`.
    fn holds(&self, at: &Origin) -> bool {
        self.at == *at
            || match &self.kind {
                ValueKind::Array(items) => items.iter().any(|v| v.holds(at)),
                ValueKind::Table(fields) => {
                    fields.values().any(|f| f.key == *at || f.value.holds(at))
                }
                _ => false,
            }
    }
}

/// For serde's "unknown field `maxx`, expected one of `min`, `max`": the nearest
/// known field, if any is near, and every known field; `also` are further names
/// the table may hold.
pub(crate) fn unknown_field<'m>(
    message: &'m str,
    also: &[&'m str],
) -> Option<(Option<&'m str>, Vec<&'m str>)> {
    let unknown = message
        .strip_prefix("unknown field `")
        .and_then(|rest| rest.split('`').next())?;
    let mut expected: Vec<&str> = message
        .split_once("expected")
        .map(|(_, list)| list.split('`').skip(1).step_by(2).collect())
        .unwrap_or_default();
    expected.extend_from_slice(also);
    Some((near_miss(unknown, expected.iter().copied()), expected))
}

/// A value as TOML hands it over, with its span in the layer's text; turned into
/// a [`Value`] once the layer's line index is at hand.
#[derive(Debug, Clone)]
pub(crate) enum Raw {
    String(String),
    Integer(i64),
    Float(f64),
    Boolean(bool),
    Array(Vec<Spanned<Raw>>),
    Table(IndexMap<Spanned<String>, Spanned<Raw>>),
}

impl Raw {
    pub(crate) fn into_value(
        raw: Spanned<Raw>,
        origin: &dyn Fn(std::ops::Range<usize>) -> Origin,
    ) -> Value {
        let at = origin(raw.span());
        let kind = match raw.into_inner() {
            Raw::String(s) => ValueKind::String(s),
            Raw::Integer(i) => ValueKind::Integer(i),
            Raw::Float(f) => ValueKind::Float(f),
            Raw::Boolean(b) => ValueKind::Boolean(b),
            Raw::Array(items) => ValueKind::Array(
                items
                    .into_iter()
                    .map(|v| Raw::into_value(v, origin))
                    .collect(),
            ),
            Raw::Table(t) => ValueKind::Table(Raw::fields(t, origin)),
        };
        Value { at, kind }
    }

    pub(crate) fn fields(
        table: IndexMap<Spanned<String>, Spanned<Raw>>,
        origin: &dyn Fn(std::ops::Range<usize>) -> Origin,
    ) -> IndexMap<String, Field> {
        table
            .into_iter()
            .map(|(k, v)| {
                let key = origin(k.span());
                (
                    k.into_inner(),
                    Field {
                        key,
                        value: Raw::into_value(v, origin),
                    },
                )
            })
            .collect()
    }
}

impl<'de> de::Deserialize<'de> for Raw {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Raw, D::Error> {
        struct RawVisitor;
        impl<'de> Visitor<'de> for RawVisitor {
            type Value = Raw;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a TOML value")
            }
            fn visit_bool<E>(self, v: bool) -> Result<Raw, E> {
                Ok(Raw::Boolean(v))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Raw, E> {
                Ok(Raw::Integer(v))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Raw, E> {
                i64::try_from(v)
                    .map(Raw::Integer)
                    .map_err(|_| E::custom(format!("{v} is too large")))
            }
            fn visit_f64<E>(self, v: f64) -> Result<Raw, E> {
                Ok(Raw::Float(v))
            }
            fn visit_str<E>(self, v: &str) -> Result<Raw, E> {
                Ok(Raw::String(v.to_string()))
            }
            fn visit_string<E>(self, v: String) -> Result<Raw, E> {
                Ok(Raw::String(v))
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Raw, A::Error> {
                let mut items = Vec::new();
                while let Some(v) = seq.next_element::<Spanned<Raw>>()? {
                    items.push(v);
                }
                Ok(Raw::Array(items))
            }
            fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Raw, A::Error> {
                let mut table = IndexMap::new();
                while let Some(k) = map.next_key::<Spanned<String>>()? {
                    let v = map.next_value::<Spanned<Raw>>()?;
                    table.insert(k, v);
                }
                Ok(Raw::Table(table))
            }
        }
        d.deserialize_any(RawVisitor)
    }
}

/// An error while reading a spec, and the place it belongs to once known.
#[derive(Debug)]
struct ReadError {
    message: String,
    at: Option<Origin>,
}

impl ReadError {
    fn at(mut self, origin: &Origin) -> ReadError {
        if self.at.is_none() {
            self.at = Some(origin.clone());
        }
        self
    }
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ReadError {}

impl de::Error for ReadError {
    fn custom<T: fmt::Display>(msg: T) -> ReadError {
        ReadError {
            message: msg.to_string(),
            at: None,
        }
    }
}

/// A whole rule table, less the fields another reader takes.
struct TableDe<'a> {
    fields: &'a IndexMap<String, Field>,
    skip: &'a [&'a str],
}

impl<'de> de::Deserializer<'de> for TableDe<'de> {
    type Error = ReadError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ReadError> {
        visitor.visit_map(MapDe {
            iter: self.fields.iter(),
            skip: self.skip,
            pending: None,
        })
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map struct enum identifier ignored_any
    }
}

struct MapDe<'a> {
    iter: indexmap::map::Iter<'a, String, Field>,
    skip: &'a [&'a str],
    pending: Option<&'a Field>,
}

impl<'de> de::MapAccess<'de> for MapDe<'de> {
    type Error = ReadError;

    fn next_key_seed<K: de::DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, ReadError> {
        for (key, field) in self.iter.by_ref() {
            if self.skip.contains(&key.as_str()) {
                continue;
            }
            self.pending = Some(field);
            return seed
                .deserialize(key.as_str().into_deserializer())
                .map(Some)
                .map_err(|e: ReadError| e.at(&field.key));
        }
        Ok(None)
    }

    fn next_value_seed<V: de::DeserializeSeed<'de>>(
        &mut self,
        seed: V,
    ) -> Result<V::Value, ReadError> {
        match self.pending.take() {
            Some(field) => seed.deserialize(ValueDe(&field.value)),
            None => Err(de::Error::custom("a value without its key")),
        }
    }
}

/// One value; errors inside it are placed at it unless something deeper placed
/// them first.
struct ValueDe<'a>(&'a Value);

impl<'de> de::Deserializer<'de> for ValueDe<'de> {
    type Error = ReadError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ReadError> {
        let at = &self.0.at;
        let result = match &self.0.kind {
            ValueKind::String(s) => visitor.visit_borrowed_str(s),
            ValueKind::Integer(i) => visitor.visit_i64(*i),
            ValueKind::Float(f) => visitor.visit_f64(*f),
            ValueKind::Boolean(b) => visitor.visit_bool(*b),
            ValueKind::Array(items) => visitor.visit_seq(SeqDe(items.iter())),
            ValueKind::Table(fields) => visitor.visit_map(MapDe {
                iter: fields.iter(),
                skip: &[],
                pending: None,
            }),
        };
        result.map_err(|e| e.at(at))
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ReadError> {
        let at = &self.0.at;
        visitor.visit_some(self).map_err(|e| e.at(at))
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, ReadError> {
        let at = &self.0.at;
        match &self.0.kind {
            ValueKind::String(s) => visitor
                .visit_enum(s.as_str().into_deserializer())
                .map_err(|e: ReadError| e.at(at)),
            _ => self.deserialize_any(visitor),
        }
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct newtype_struct seq tuple
        tuple_struct map struct identifier ignored_any
    }
}

struct SeqDe<'a>(std::slice::Iter<'a, Value>);

impl<'de> de::SeqAccess<'de> for SeqDe<'de> {
    type Error = ReadError;

    fn next_element_seed<T: de::DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, ReadError> {
        match self.0.next() {
            Some(v) => seed.deserialize(ValueDe(v)).map(Some),
            None => Ok(None),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.0.len())
    }
}

/// Origins for spans of one layer's text.
#[cfg(test)]
fn origins<'a>(
    path: &'a str,
    index: &'a crate::diag::LineIndex<'a>,
) -> impl Fn(std::ops::Range<usize>) -> Origin + 'a {
    move |span| {
        let (line, column) = index.position(span.start);
        Origin {
            path: path.to_string(),
            line,
            column,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(deny_unknown_fields)]
    struct Spec {
        of: Vec<String>,
        max: Option<u32>,
        min: Option<f64>,
    }

    fn source(text: &str) -> RuleSource {
        #[derive(Deserialize)]
        struct Doc {
            rule: Spanned<IndexMap<Spanned<String>, Spanned<Raw>>>,
        }
        let doc: Doc = toml::from_str(text).unwrap();
        let index = crate::diag::LineIndex::new(text);
        let origin = origins("user.toml", &index);
        let at = origin(doc.rule.span());
        RuleSource {
            name: "r".into(),
            origin: at,
            fields: Raw::fields(doc.rule.into_inner(), &origin),
        }
    }

    #[test]
    fn a_spec_reads_with_integers_as_floats() {
        let s = source("[rule]\nkind = \"x\"\nof = [\"a\", \"b\"]\nmax = 2\nmin = 4\n");
        let spec: Spec = s.read(&["kind"]).unwrap();
        assert_eq!(
            spec,
            Spec {
                of: vec!["a".into(), "b".into()],
                max: Some(2),
                min: Some(4.0)
            }
        );
    }

    #[test]
    fn a_negative_count_is_an_error_at_its_value() {
        let s = source("[rule]\nof = []\n\nmax = -1\n");
        let d = s.read::<Spec>(&[]).unwrap_err();
        assert_eq!((d.line, d.column), (4, 7), "{d}");
        assert!(d.message.contains("-1"), "{d}");
    }

    #[test]
    fn a_wrong_element_type_points_at_the_element() {
        let s = source("[rule]\nof = [\"a\", 5]\n");
        let d = s.read::<Spec>(&[]).unwrap_err();
        assert_eq!((d.line, d.column), (2, 12), "{d}");
    }

    #[test]
    fn an_unknown_field_points_at_its_key_and_suggests_the_near_miss() {
        let s = source("[rule]\nof = []\nmaxx = 1\n");
        let d = s.read::<Spec>(&[]).unwrap_err();
        assert_eq!((d.line, d.column), (3, 1), "{d}");
        assert_eq!(d.help.as_deref(), Some("did you mean `max`?"));
        let d = source("[rule]\nof = []\nkindd = 1\n")
            .read::<Spec>(&["kind"])
            .unwrap_err();
        assert_eq!(d.help.as_deref(), Some("did you mean `kind`?"));
    }

    #[test]
    fn every_problem_of_a_table_is_read_at_once_and_a_wrong_field_is_not_also_missing() {
        let s = source("[rule]\nof = [\"a\", 5]\nmaxx = 1\nmax = -1\n");
        let (spec, errors) = s.read_all::<Spec>(&[]);
        let places: Vec<(usize, usize)> = errors.iter().map(|d| (d.line, d.column)).collect();
        assert_eq!(places, [(2, 12), (3, 1), (4, 7)], "{errors:?}");
        assert!(spec.is_none(), "`of` is required and was written wrong");
        let s = source("[rule]\nof = []\nmaxx = 1\nmin = \"x\"\n");
        let (spec, errors) = s.read_all::<Spec>(&[]);
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert_eq!(spec.map(|s| s.of.len()), Some(0));
    }

    #[test]
    fn a_missing_field_points_at_the_rule() {
        let s = source("\n[rule]\nmax = 1\n");
        let d = s.read::<Spec>(&[]).unwrap_err();
        assert_eq!(d.line, 2, "{d}");
        assert!(d.message.contains("missing field `of`"), "{d}");
    }
}
