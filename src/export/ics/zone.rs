//! The plan's time zone in iCalendar terms: local wall-clock times to moments,
//! and the `VTIMEZONE` block that lets any calendar program read `TZID` times,
//! written from the zone's own transitions (jiff's time zone database) for the
//! span of the posts.

use chrono::{NaiveDate, NaiveDateTime, Timelike};
use jiff::Timestamp;
use jiff::civil;
use jiff::tz::{AmbiguousOffset, Offset, TimeZone};

/// A chrono wall-clock time as jiff's.
pub(crate) fn civil(t: NaiveDateTime) -> civil::DateTime {
    use chrono::Datelike;
    civil::DateTime::new(
        t.year() as i16,
        t.month() as i8,
        t.day() as i8,
        t.hour() as i8,
        t.minute() as i8,
        t.second() as i8,
        0,
    )
    .unwrap_or(civil::DateTime::MIN)
}

/// jiff's wall-clock time as chrono's.
pub(crate) fn naive(t: civil::DateTime) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(i32::from(t.year()), t.month() as u32, t.day() as u32)
        .and_then(|d| d.and_hms_opt(t.hour() as u32, t.minute() as u32, t.second() as u32))
        .unwrap_or_default()
}

/// A local time that the zone skips or repeats on the day the clocks change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shift {
    /// The clocks went forward over it; it happens as far past the change as it
    /// was into the gap.
    Skipped,
    /// The clocks went back over it; it is read as its first occurrence.
    Repeated,
}

/// The moment a wall-clock time in `zone` names, and whether the zone skips or
/// repeats it (the earlier reading of a repeated time, the later of a skipped
/// one, as RFC 5545 reads them).
pub(crate) fn moment(zone: &TimeZone, local: NaiveDateTime) -> (Timestamp, Option<Shift>) {
    let ambiguous = zone.to_ambiguous_timestamp(civil(local));
    let shift = match ambiguous.offset() {
        AmbiguousOffset::Unambiguous { .. } => None,
        AmbiguousOffset::Gap { .. } => Some(Shift::Skipped),
        AmbiguousOffset::Fold { .. } => Some(Shift::Repeated),
    };
    let at = ambiguous.compatible().unwrap_or(Timestamp::UNIX_EPOCH);
    (at, shift)
}

/// The `TZID` for `zone`: its IANA name, or a name made from its rule.
pub(crate) fn tzid(zone: &TimeZone) -> String {
    match zone.iana_name() {
        Some(name) => name.to_string(),
        None => {
            let rule = zone.to_offset_info(Timestamp::UNIX_EPOCH);
            let name: String = format!("mixcal-{}", rule.abbreviation())
                .chars()
                .map(|c| {
                    if c.is_ascii_alphanumeric() || "-_+/".contains(c) {
                        c
                    } else {
                        '-'
                    }
                })
                .collect();
            name
        }
    }
}

/// An offset as iCalendar writes it: `+0100`, `-0430`, `+013045`.
fn utc_offset(o: Offset) -> String {
    let total = o.seconds();
    let sign = if total < 0 { '-' } else { '+' };
    let abs = total.unsigned_abs();
    let (h, m, s) = (abs / 3600, abs / 60 % 60, abs % 60);
    if s == 0 {
        format!("{sign}{h:02}{m:02}")
    } else {
        format!("{sign}{h:02}{m:02}{s:02}")
    }
}

/// One observance: the zone's offset and name from `onset` (a wall-clock time in
/// the offset before it) on.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Observance {
    daylight: bool,
    from: Offset,
    to: Offset,
    name: String,
    onsets: Vec<civil::DateTime>,
}

/// The `VTIMEZONE` lines for `zone` covering the moments `first` to `last`: the
/// observance in force at `first` and every change up to `last`, each kind of
/// change written once with its further dates as `RDATE`s.
pub(crate) fn vtimezone(zone: &TimeZone, first: Timestamp, last: Timestamp) -> Vec<String> {
    let mut observances: Vec<Observance> = Vec::new();
    let add = |observances: &mut Vec<Observance>,
               at: Timestamp,
               to: Offset,
               daylight: bool,
               name: &str| {
        let before = at
            .checked_sub(jiff::SignedDuration::from_secs(1))
            .unwrap_or(at);
        let from = zone.to_offset(before);
        let onset = from.to_datetime(at);
        match observances
            .iter_mut()
            .find(|o| o.daylight == daylight && o.from == from && o.to == to && o.name == name)
        {
            Some(o) => o.onsets.push(onset),
            None => observances.push(Observance {
                daylight,
                from,
                to,
                name: name.to_string(),
                onsets: vec![onset],
            }),
        }
    };
    // The change in force at the first post, then every change up to the last.
    let start = zone
        .preceding(
            first
                .checked_add(jiff::SignedDuration::from_secs(1))
                .unwrap_or(first),
        )
        .next();
    match &start {
        Some(t) => add(
            &mut observances,
            t.timestamp(),
            t.offset(),
            t.dst().is_dst(),
            t.abbreviation(),
        ),
        None => {
            // A zone that never changes: one observance since 1970.
            let info = zone.to_offset_info(first);
            observances.push(Observance {
                daylight: false,
                from: info.offset(),
                to: info.offset(),
                name: info.abbreviation().to_string(),
                onsets: vec![civil::date(1970, 1, 1).at(0, 0, 0, 0)],
            });
        }
    }
    for t in zone.following(first) {
        if t.timestamp() > last {
            break;
        }
        add(
            &mut observances,
            t.timestamp(),
            t.offset(),
            t.dst().is_dst(),
            t.abbreviation(),
        );
    }
    let stamp = |t: civil::DateTime| t.strftime("%Y%m%dT%H%M%S").to_string();
    let mut lines = vec![
        "BEGIN:VTIMEZONE".to_string(),
        format!("TZID:{}", tzid(zone)),
    ];
    for o in &observances {
        let kind = if o.daylight { "DAYLIGHT" } else { "STANDARD" };
        lines.push(format!("BEGIN:{kind}"));
        lines.push(format!("DTSTART:{}", stamp(o.onsets[0])));
        for onset in &o.onsets[1..] {
            lines.push(format!("RDATE:{}", stamp(*onset)));
        }
        lines.push(format!("TZOFFSETFROM:{}", utc_offset(o.from)));
        lines.push(format!("TZOFFSETTO:{}", utc_offset(o.to)));
        if !o.name.is_empty() && !o.name.starts_with(['+', '-']) {
            lines.push(format!("TZNAME:{}", o.name));
        }
        lines.push(format!("END:{kind}"));
    }
    lines.push("END:VTIMEZONE".to_string());
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn berlin() -> TimeZone {
        TimeZone::get("Europe/Berlin").unwrap()
    }

    fn ts(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    #[test]
    fn a_year_of_berlin_has_its_two_changes() {
        let lines = vtimezone(
            &berlin(),
            ts("2026-01-05T08:00:00Z"),
            ts("2026-12-20T08:00:00Z"),
        );
        assert_eq!(
            lines.join("\n"),
            "BEGIN:VTIMEZONE\nTZID:Europe/Berlin\n\
             BEGIN:STANDARD\nDTSTART:20251026T030000\nRDATE:20261025T030000\nTZOFFSETFROM:+0200\nTZOFFSETTO:+0100\nTZNAME:CET\nEND:STANDARD\n\
             BEGIN:DAYLIGHT\nDTSTART:20260329T020000\nTZOFFSETFROM:+0100\nTZOFFSETTO:+0200\nTZNAME:CEST\nEND:DAYLIGHT\n\
             END:VTIMEZONE"
        );
    }

    #[test]
    fn a_zone_without_changes_has_one_observance() {
        let lines = vtimezone(
            &TimeZone::get("Asia/Kolkata").unwrap(),
            ts("2026-01-05T08:00:00Z"),
            ts("2026-02-05T08:00:00Z"),
        );
        assert!(lines.contains(&"TZOFFSETTO:+0530".to_string()), "{lines:?}");
        let utc = vtimezone(
            &TimeZone::UTC,
            ts("2026-01-05T08:00:00Z"),
            ts("2026-02-05T08:00:00Z"),
        );
        assert!(utc.contains(&"TZOFFSETFROM:+0000".to_string()), "{utc:?}");
    }

    #[test]
    fn skipped_and_repeated_times_are_named() {
        let local = |s: &str| NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap();
        let (at, shift) = moment(&berlin(), local("2026-03-29 02:30"));
        assert_eq!(shift, Some(Shift::Skipped));
        assert_eq!(at, ts("2026-03-29T01:30:00Z"));
        let (at, shift) = moment(&berlin(), local("2026-10-25 02:30"));
        assert_eq!(shift, Some(Shift::Repeated));
        assert_eq!(at, ts("2026-10-25T00:30:00Z"));
        assert_eq!(moment(&berlin(), local("2026-11-23 09:00")).1, None);
    }
}
