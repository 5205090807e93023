//! The schedule: every post, with the dated ones indexed by date so a week is
//! found without a scan. Repeating posts are kept apart and give their dates
//! to whichever range is asked for; ideas wait in the backlog, oldest first.

use std::collections::{BTreeMap, HashMap};
use std::hash::BuildHasher;
use std::iter::Peekable;
use std::ops::{Bound, RangeBounds};
use std::sync::{Arc, OnceLock};

use chrono::NaiveDate;

use super::{Dated, Post, Week};

/// Where a post is kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    Day(NaiveDate),
    Series,
    Backlog,
}

/// Where each id is kept, without a copy of the ids: each post has an entry
/// of its id's hash and its place, and a lookup hashes the id it is given and
/// looks for it in the places entered under that hash. (A copy of 100k ids
/// took longer to make than most of what an import of 100k rows does.)
/// hashbrown's `HashTable` is the map of the standard library with the hash
/// and the comparison left to its user, which is what this needs.
#[derive(Debug, Clone, Default)]
struct Ids {
    hasher: foldhash::fast::RandomState,
    entries: hashbrown::HashTable<Entry>,
}

#[derive(Debug, Clone, Copy)]
struct Entry {
    hash: u64,
    place: Place,
}

impl Ids {
    fn hash(&self, id: &str) -> u64 {
        self.hasher.hash_one(id)
    }

    fn insert(&mut self, id: &str, place: Place) {
        let hash = self.hash(id);
        self.entries
            .insert_unique(hash, Entry { hash, place }, |e| e.hash);
    }

    /// Forgets one post with `id` at `place`. Two posts whose ids share a
    /// hash and a place have equal entries, so either entry may go.
    fn remove(&mut self, id: &str, place: Place) {
        let hash = self.hash(id);
        if let Ok(entry) = self
            .entries
            .find_entry(hash, |e| e.hash == hash && e.place == place)
        {
            entry.remove();
        }
    }

    /// The places where a post with `id` may be.
    fn places(&self, id: &str) -> impl Iterator<Item = Place> {
        let hash = self.hash(id);
        self.entries
            .iter_hash(hash)
            .filter(move |e| e.hash == hash)
            .map(|e| e.place)
    }
}

/// All posts, kept in canonical order and indexed by date and id: posts on
/// their day (date, time, id), repeating posts by their first date, and the
/// backlog's ideas oldest first.
#[derive(Debug, Clone)]
pub struct Schedule {
    days: BTreeMap<NaiveDate, Vec<Post>>,
    /// Repeating posts, in canonical order of their first dates.
    series: Vec<Post>,
    /// Ideas without a date, oldest first.
    backlog: Vec<Post>,
    /// Each idea's place in the backlog's order. An idea keeps its place after
    /// it leaves the backlog, so one that comes back (undo) returns to it.
    ranks: HashMap<String, u64, foldhash::fast::RandomState>,
    next_rank: u64,
    len: usize,
    /// A stable random name for this schedule, kept in the file's header: it
    /// makes calendar UIDs (`<post id>@<identifier>`) unique across schedules.
    identifier: String,
    /// The ids the loader gave the file's posts that had none, in file order, so
    /// a save can tell which of the file's tables each of them came from.
    given_ids: Arc<Vec<String>>,
    /// Where each id is kept. Built on the first lookup by id, so loading a big
    /// file only to check one week never pays for it. foldhash: ids are short
    /// and come from the user's own file, so a fast hash fits better than one
    /// hardened against hostile input.
    ids: OnceLock<Ids>,
}

impl Default for Schedule {
    fn default() -> Schedule {
        Schedule {
            days: BTreeMap::new(),
            series: Vec::new(),
            backlog: Vec::new(),
            ranks: HashMap::default(),
            next_rank: 0,
            len: 0,
            identifier: super::fields::new_identifier(&mut fastrand::Rng::new()),
            given_ids: Arc::default(),
            ids: OnceLock::new(),
        }
    }
}

/// Two schedules are equal when they hold the same posts (the backlog in the
/// same order); the indexes are derived from them, and the identifier names
/// the file rather than the plan.
impl PartialEq for Schedule {
    fn eq(&self, other: &Schedule) -> bool {
        self.days == other.days && self.series == other.series && self.backlog == other.backlog
    }
}

impl Eq for Schedule {}

impl Schedule {
    pub fn new() -> Schedule {
        Schedule::default()
    }

    /// How many posts the schedule holds: a repeating post counts once, and
    /// every idea of the backlog counts.
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn identifier(&self) -> &str {
        &self.identifier
    }

    pub fn set_identifier(&mut self, identifier: String) {
        self.identifier = identifier;
    }

    /// The ids the loader gave posts that had none in the file, in file order.
    pub(crate) fn given_ids(&self) -> &[String] {
        &self.given_ids
    }

    pub(crate) fn set_given_ids(&mut self, ids: Vec<String>) {
        self.given_ids = Arc::new(ids);
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    fn place_of(post: &Post) -> Place {
        match (post.date, &post.repeat) {
            (None, _) => Place::Backlog,
            (Some(_), Some(_)) => Place::Series,
            (Some(d), None) => Place::Day(d),
        }
    }

    fn ids(&self) -> &Ids {
        self.ids.get_or_init(|| {
            let mut ids = Ids {
                entries: hashbrown::HashTable::with_capacity(self.len),
                ..Ids::default()
            };
            for post in self.iter() {
                ids.insert(&post.id, Schedule::place_of(post));
            }
            ids
        })
    }

    /// Keeps the id index, if built, in step with a post added.
    fn index(&mut self, id: &str, place: Place) {
        if let Some(ids) = self.ids.get_mut() {
            ids.insert(id, place);
        }
    }

    /// The posts kept at `place`.
    fn posts_at(&self, place: Place) -> &[Post] {
        match place {
            Place::Day(date) => self.days.get(&date).map_or(&[], Vec::as_slice),
            Place::Series => &self.series,
            Place::Backlog => &self.backlog,
        }
    }

    /// [`Schedule::locate`], looking on the day `near` first when it is
    /// given: a post is most often found on the date a sheet's row gives it,
    /// and the id index is then not needed, nor built.
    fn locate_near(&self, id: &str, near: Option<NaiveDate>) -> Option<(Place, usize)> {
        near.and_then(|date| self.on_day(id, date))
            .or_else(|| self.locate(id))
    }

    /// Where the post with `id` is among the posts of `date`, if it is there.
    fn on_day(&self, id: &str, date: NaiveDate) -> Option<(Place, usize)> {
        let at = self.days.get(&date)?.iter().position(|p| p.id == id)?;
        Some((Place::Day(date), at))
    }

    /// Where the post with `id` is kept, and its position there.
    fn locate(&self, id: &str) -> Option<(Place, usize)> {
        self.ids().places(id).find_map(|place| {
            let at = self.posts_at(place).iter().position(|p| p.id == id)?;
            Some((place, at))
        })
    }

    pub(crate) fn contains_id(&self, id: &str) -> bool {
        self.locate(id).is_some()
    }

    /// A post by id: on its day, a repeating post, or an idea.
    pub fn get(&self, id: &str) -> Option<&Post> {
        let (place, at) = self.locate(id)?;
        self.posts_at(place).get(at)
    }

    /// A way to look posts up by id that is quickest in the order the schedule
    /// keeps them ([`Cursor`]).
    pub(crate) fn cursor(&self) -> Cursor<'_> {
        Cursor {
            schedule: self,
            last: None,
            // Before the first post: a sheet of the whole schedule starts there.
            after: self
                .days
                .first_key_value()
                .map(|(date, posts)| (*date, posts.as_slice(), 0)),
        }
    }

    /// The backlog place of an idea: its old one if it had one, else the next.
    fn rank(&mut self, id: &str) -> u64 {
        if let Some(&r) = self.ranks.get(id) {
            return r;
        }
        let r = self.next_rank;
        self.next_rank += 1;
        self.ranks.insert(id.to_string(), r);
        r
    }

    /// A place at the end of the backlog's order, for an idea the loader
    /// gives an id later ([`Schedule::insert_ranked`]).
    pub(crate) fn reserve_rank(&mut self) -> u64 {
        self.next_rank += 1;
        self.next_rank - 1
    }

    fn rank_of(&self, post: &Post) -> u64 {
        self.ranks.get(&post.id).copied().unwrap_or(u64::MAX)
    }

    /// Adds a post, giving it a fresh id when it has none. A post whose id is
    /// already taken replaces the old one. Returns the id.
    pub fn insert(&mut self, mut post: Post) -> String {
        if post.id.is_empty() {
            post.id = self.fresh_id();
        } else {
            self.remove(&post.id);
        }
        let id = post.id.clone();
        self.place(post, None);
        id
    }

    /// [`Schedule::insert`] for an idea with a place in the backlog's order
    /// reserved earlier ([`Schedule::reserve_rank`]).
    pub(crate) fn insert_ranked(&mut self, post: Post, rank: u64) -> String {
        let id = post.id.clone();
        self.remove(&id);
        self.place(post, Some(rank));
        id
    }

    fn place(&mut self, post: Post, rank: Option<u64>) {
        let place = Schedule::place_of(&post);
        self.index(&post.id, place);
        self.len += 1;
        match place {
            Place::Day(date) => {
                let day = self.days.entry(date).or_default();
                let at = day.partition_point(|p| p.sort_key() < post.sort_key());
                day.insert(at, post);
            }
            Place::Series => {
                let at = self
                    .series
                    .partition_point(|p| p.sort_key() < post.sort_key());
                self.series.insert(at, post);
            }
            Place::Backlog => {
                let rank = match rank {
                    Some(r) => {
                        self.ranks.insert(post.id.clone(), r);
                        r
                    }
                    None => self.rank(&post.id),
                };
                let at = self.backlog.partition_point(|p| self.rank_of(p) < rank);
                self.backlog.insert(at, post);
            }
        }
    }

    /// Appends a valid post whose id is not yet used, leaving its day unsorted:
    /// call [`Schedule::finish_unsorted`] before reading the schedule. Ideas
    /// take their place in the backlog in the order they come.
    pub(crate) fn push_unsorted(&mut self, post: Post) {
        let place = Schedule::place_of(&post);
        self.index(&post.id, place);
        self.len += 1;
        match place {
            Place::Series => self.series.push(post),
            Place::Backlog => {
                self.rank(&post.id);
                self.backlog.push(post);
            }
            // Files come mostly in date order, so a post usually joins the last day,
            // and a new day is usually about as full as the one before it.
            Place::Day(date) => match self.days.last_entry() {
                Some(mut last) if *last.key() == date => last.get_mut().push(post),
                last => {
                    let hint = last.map_or(1, |l| l.get().len());
                    self.days
                        .entry(date)
                        .or_insert_with(|| Vec::with_capacity(hint))
                        .push(post);
                }
            },
        }
    }

    /// Restores canonical order after [`Schedule::push_unsorted`], and gives back
    /// the room the days did not use.
    pub(crate) fn finish_unsorted(&mut self) {
        for day in self.days.values_mut() {
            if !day.is_sorted_by(|a, b| a.sort_key() <= b.sort_key()) {
                day.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
            }
            day.shrink_to_fit();
        }
        self.series.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    }

    pub fn remove(&mut self, id: &str) -> Option<Post> {
        let (place, at) = self.locate(id)?;
        self.take(place, at, id)
    }

    /// Changes the post with `id` where it is kept, and moves it only when the
    /// change moves it (its date, its time, its id, whether it repeats): a new
    /// title for one post of 100k copies nothing. `near` is the date the post
    /// is likely on, looked at first. `false` when there is no such post.
    pub(crate) fn update(
        &mut self,
        id: &str,
        near: Option<NaiveDate>,
        change: impl FnOnce(&mut Post),
    ) -> bool {
        let Some((place, at)) = self.locate_near(id, near) else {
            return false;
        };
        let posts = match place {
            Place::Day(date) => self.days.get_mut(&date),
            Place::Series => Some(&mut self.series),
            Place::Backlog => Some(&mut self.backlog),
        };
        let Some(post) = posts.and_then(|posts| posts.get_mut(at)) else {
            return false;
        };
        let (date, time) = (post.date, post.time);
        change(post);
        let stays = Schedule::place_of(post) == place
            && (post.date, post.time) == (date, time)
            && post.id == id;
        if !stays && let Some(post) = self.take(place, at, id) {
            self.insert(post);
        }
        true
    }

    /// Takes out the post at `at` of `place`, whose id was `id`.
    fn take(&mut self, place: Place, at: usize, id: &str) -> Option<Post> {
        let post = match place {
            Place::Day(date) => {
                let day = self.days.get_mut(&date)?;
                let post = day.remove(at);
                if day.is_empty() {
                    self.days.remove(&date);
                }
                post
            }
            Place::Series => self.series.remove(at),
            Place::Backlog => self.backlog.remove(at),
        };
        if let Some(ids) = self.ids.get_mut() {
            ids.remove(id, place);
        }
        self.len -= 1;
        Some(post)
    }

    /// A short id not yet used in this schedule, which no spreadsheet mistakes
    /// for a number or a date (see [`super::fields::new_id`]).
    pub(crate) fn fresh_id(&self) -> String {
        self.fresh_id_from(&mut fastrand::Rng::new())
    }

    /// [`Schedule::fresh_id`] drawn from `rng`, so the loader can give the same
    /// file the same ids every time it reads it.
    pub(crate) fn fresh_id_from(&self, rng: &mut fastrand::Rng) -> String {
        loop {
            let id = super::fields::new_id(rng);
            if !self.contains_id(&id) {
                return id;
            }
        }
    }

    /// Posts of one day, in canonical order, a repeating post's date among them.
    pub fn day(&self, date: NaiveDate) -> Vec<Dated<'_>> {
        if self.series.is_empty() {
            // The calendar asks for days many times a frame: no merge needed.
            return self
                .days
                .get(&date)
                .map(|posts| posts.iter().map(|post| Dated { post, date }).collect())
                .unwrap_or_default();
        }
        self.range(date..=date).collect()
    }

    /// Posts in a date range, in canonical order: the posts of its days and
    /// the dates repeating posts fall on in it. A range without an end stops
    /// at [`Schedule::last_date`], so a series without end gives its dates up
    /// to the schedule's last.
    pub fn range<R: RangeBounds<NaiveDate>>(&self, range: R) -> impl Iterator<Item = Dated<'_>> {
        let from = match range.start_bound() {
            Bound::Included(d) => Some(*d),
            Bound::Excluded(d) => d.succ_opt(),
            Bound::Unbounded => Some(NaiveDate::MIN),
        };
        let to = match range.end_bound() {
            Bound::Included(d) if *d < NaiveDate::MAX => Some(*d),
            Bound::Excluded(d) if *d < NaiveDate::MAX => d.pred_opt(),
            _ => self.last_date(),
        };
        let span = match (from, to) {
            (Some(f), Some(t)) if f <= t => Some((f, t)),
            _ => None,
        };
        let written = span
            .into_iter()
            .flat_map(move |(f, t)| self.days.range(f..=t))
            .flat_map(|(date, posts)| posts.iter().map(|post| Dated { post, date: *date }));
        let repeats = match span {
            Some((f, t)) if !self.series.is_empty() => self.occurrences(f, t),
            _ => Vec::new(),
        };
        Merge {
            a: written.peekable(),
            b: repeats.into_iter().peekable(),
        }
    }

    /// The dates the repeating posts fall on from `from` to `to`, in canonical order.
    fn occurrences(&self, from: NaiveDate, to: NaiveDate) -> Vec<Dated<'_>> {
        let mut out = Vec::new();
        for post in &self.series {
            let Some(repeat) = &post.repeat else { continue };
            if repeat.first() > to || repeat.last().is_some_and(|l| l < from) {
                continue;
            }
            out.extend(
                repeat
                    .dates(from, to)
                    .into_iter()
                    .map(|date| Dated { post, date }),
            );
        }
        out.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        out
    }

    /// Posts of one week, in canonical order.
    pub fn week(&self, week: Week) -> impl Iterator<Item = Dated<'_>> {
        self.range(week.start()..=week.end())
    }

    /// Every post as written, in the file's order: dated posts and repeating
    /// posts by date, time and id, then the backlog oldest first.
    pub fn iter(&self) -> impl Iterator<Item = &Post> {
        let days = self.days.values().flat_map(|posts| posts.iter());
        Merge {
            a: days.peekable(),
            b: self.series.iter().peekable(),
        }
        .chain(self.backlog.iter())
    }

    /// The ideas of the backlog, oldest first.
    pub fn backlog(&self) -> &[Post] {
        &self.backlog
    }

    /// The repeating posts, by their first dates.
    pub fn series(&self) -> &[Post] {
        &self.series
    }

    /// The first date with a post, a repeating post's first date included.
    pub(crate) fn first_date(&self) -> Option<NaiveDate> {
        let day = self.days.keys().next().copied();
        let series = self.series.first().and_then(|p| p.date);
        day.into_iter().chain(series).min()
    }

    /// The last date with a post: the last day with a written post, the last
    /// date of a series that ends, or the first date of one that never does.
    pub(crate) fn last_date(&self) -> Option<NaiveDate> {
        let day = self.days.keys().next_back().copied();
        let series = self.series.iter().filter_map(|p| {
            let r = p.repeat.as_ref()?;
            Some(r.last().unwrap_or(r.first()))
        });
        day.into_iter().chain(series).max()
    }
}

/// Looks posts up by id for a caller that asks for them in the order the
/// schedule keeps them, as a sheet exported from it lists them: it tries the
/// post after the one it found last (the first of the next day after a day's
/// last), then the day the caller says the post is likely on, then, until
/// the id index is built, a few posts further on, and asks the index last.
/// It finds what [`Schedule::get`] finds, in any order; in order it reads the
/// days one after another instead of a hash table at random, and a sheet of
/// the schedule is read without building the index at all.
#[derive(Debug, Clone)]
pub(crate) struct Cursor<'s> {
    schedule: &'s Schedule,
    /// The post found last, and its spot if it is on a day.
    last: Option<(&'s Post, Option<Spot>)>,
    /// The day of the post found last, its posts, and the place after it.
    after: Option<(NaiveDate, &'s [Post], usize)>,
}

impl<'s> Cursor<'s> {
    pub(crate) fn get(&mut self, id: &str) -> Option<&'s Post> {
        self.get_near(id, None)
    }

    /// [`Cursor::get`], looking on the day `near` before the id index when the
    /// post is not the next in order.
    pub(crate) fn get_near(&mut self, id: &str, near: Option<NaiveDate>) -> Option<&'s Post> {
        if let Some((post, _)) = self.last.filter(|(p, _)| p.id == id) {
            return Some(post);
        }
        // The changed rows of a sheet come in order too, a few posts apart:
        // looking a few posts ahead finds them without building the index.
        let indexed = self.schedule.ids.get().is_some();
        let (place, at) = self
            .ahead(id, 1)
            .or_else(|| self.schedule.on_day(id, near?))
            .or_else(|| (!indexed).then(|| self.ahead(id, AHEAD)).flatten())
            .or_else(|| self.schedule.locate(id))?;
        let posts = self.schedule.posts_at(place);
        let spot = match place {
            Place::Day(date) => {
                self.after = Some((date, posts, at + 1));
                Some(Spot { date, at })
            }
            Place::Series | Place::Backlog => None,
        };
        let post = posts.get(at)?;
        self.last = Some((post, spot));
        Some(post)
    }

    /// Where the post found last is kept, if it is on a day.
    pub(crate) fn spot(&self) -> Option<Spot> {
        self.last.and_then(|(_, spot)| spot)
    }

    /// Where the post with `id` is when it is one of the `count` posts after
    /// the one found last.
    fn ahead(&self, id: &str, count: usize) -> Option<(Place, usize)> {
        let (mut date, mut posts, mut at) = self.after?;
        for _ in 0..count {
            if at == posts.len() {
                let (next, day) = self
                    .schedule
                    .days
                    .range((Bound::Excluded(date), Bound::Unbounded))
                    .next()?;
                (date, posts, at) = (*next, day.as_slice(), 0);
            }
            if posts.get(at).is_some_and(|p| p.id == id) {
                return Some((Place::Day(date), at));
            }
            at += 1;
        }
        None
    }
}

/// How many posts ahead a [`Cursor`] looks before it builds the id index.
const AHEAD: usize = 32;

/// Where a post of a day is kept while the schedule is not changed: its date
/// and its place among the day's posts. The schedule's order is the order of
/// spots, so a reader going through posts in that order can tell that one is
/// new to it by its spot alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct Spot {
    date: NaiveDate,
    at: usize,
}

/// Two iterators in canonical order merged into one.
struct Merge<A: Iterator, B: Iterator<Item = A::Item>> {
    a: Peekable<A>,
    b: Peekable<B>,
}

/// What [`Merge`] orders by.
trait Ordered {
    fn before(&self, other: &Self) -> bool;
}

impl Ordered for Dated<'_> {
    fn before(&self, other: &Self) -> bool {
        self.sort_key() <= other.sort_key()
    }
}

impl Ordered for &Post {
    fn before(&self, other: &Self) -> bool {
        self.sort_key() <= other.sort_key()
    }
}

impl<A, B> Iterator for Merge<A, B>
where
    A: Iterator,
    B: Iterator<Item = A::Item>,
    A::Item: Ordered,
{
    type Item = A::Item;

    fn next(&mut self) -> Option<A::Item> {
        match (self.a.peek(), self.b.peek()) {
            (Some(a), Some(b)) if b.before(a) && !a.before(b) => self.b.next(),
            (Some(_), _) => self.a.next(),
            (None, _) => self.b.next(),
        }
    }
}
#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::WeekStart;
    use chrono::NaiveTime;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn posts_come_back_in_date_time_id_order() {
        let mut s = Schedule::new();
        let mut late = Post::new(d("2026-11-24"), "business", "late");
        late.time = NaiveTime::from_hms_opt(15, 0, 0);
        let mut early = Post::new(d("2026-11-24"), "everyday", "early");
        early.time = NaiveTime::from_hms_opt(9, 0, 0);
        let untimed = Post::new(d("2026-11-24"), "everyday", "untimed");
        let monday = Post::new(d("2026-11-23"), "everyday", "monday");
        for p in [late, early, untimed, monday] {
            s.insert(p);
        }
        let titles: Vec<_> = s.iter().map(|p| p.title.as_str()).collect();
        assert_eq!(titles, ["monday", "untimed", "early", "late"]);
    }

    #[test]
    fn insert_gives_unique_ids_and_replaces_by_id() {
        let mut s = Schedule::new();
        let a = s.insert(Post::new(d("2026-11-23"), "everyday", "a"));
        let b = s.insert(Post::new(d("2026-11-23"), "everyday", "b"));
        assert_ne!(a, b);
        let mut moved = s.get(&a).unwrap().clone();
        moved.date = Some(d("2026-11-30"));
        s.insert(moved);
        assert_eq!(s.len(), 2);
        assert_eq!(s.day(d("2026-11-23")).len(), 1);
        assert_eq!(s.day(d("2026-11-30"))[0].id, a);
    }

    #[test]
    fn week_holds_only_its_seven_days() {
        let mut s = Schedule::new();
        for day in ["2026-11-22", "2026-11-23", "2026-11-29", "2026-11-30"] {
            s.insert(Post::new(d(day), "everyday", day));
        }
        let w = Week::containing(d("2026-11-25"), WeekStart::default());
        let titles: Vec<_> = s.week(w).map(|p| p.post.title.as_str()).collect();
        assert_eq!(titles, ["2026-11-23", "2026-11-29"]);
    }

    #[test]
    fn posts_added_out_of_order_come_back_in_canonical_order() {
        let mut posts = Vec::new();
        for (id, day, hour) in [
            ("c", "2026-11-24", 9),
            ("b", "2026-11-23", 15),
            ("a", "2026-11-24", 8),
            ("d", "2026-11-23", 9),
        ] {
            let mut p = Post::new(d(day), "everyday", id);
            p.id = id.into();
            p.time = NaiveTime::from_hms_opt(hour, 0, 0);
            posts.push(p);
        }
        let mut s = Schedule::new();
        for p in posts {
            s.push_unsorted(p);
        }
        s.finish_unsorted();
        let ids: Vec<_> = s.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(ids, ["d", "b", "a", "c"]);
        assert_eq!(s.len(), 4);
        assert_eq!(s.get("a").and_then(|p| p.date), Some(d("2026-11-24")));
    }

    #[test]
    fn the_id_index_follows_every_change_once_built() {
        let mut s = Schedule::new();
        let a = s.insert(Post::new(d("2026-11-23"), "everyday", "a"));
        assert!(s.contains_id(&a));
        let mut p = Post::new(d("2026-11-25"), "business", "b");
        p.id = "b".into();
        s.push_unsorted(p);
        s.finish_unsorted();
        assert_eq!(s.get("b").map(|p| p.title.as_str()), Some("b"));
        assert!(s.remove(&a).is_some());
        assert!(!s.contains_id(&a));
        assert_eq!(s.len(), 1);
    }

    #[test]
    fn ids_that_share_a_hash_are_told_apart_by_where_they_are() {
        let mut s = Schedule::new();
        let a = s.insert(Post::new(d("2026-11-23"), "everyday", "a"));
        let b = s.insert(Post::new(d("2026-11-24"), "everyday", "b"));
        assert!(s.contains_id(&a));
        // The index holds a second entry under a's hash, at b's day: as if a
        // third post on that day had an id with the same hash as a.
        let ids = s.ids.get_mut().unwrap();
        let hash = ids.hash(&a);
        let place = Place::Day(d("2026-11-24"));
        ids.entries
            .insert_unique(hash, Entry { hash, place }, |e| e.hash);
        assert_eq!(s.get(&a).map(|p| p.title.as_str()), Some("a"));
        assert_eq!(s.get(&b).map(|p| p.title.as_str()), Some("b"));
        assert_eq!(s.remove(&a).map(|p| p.title), Some("a".to_string()));
        assert!(s.get(&a).is_none() && !s.contains_id(&a));
        assert_eq!(s.get(&b).map(|p| p.title.as_str()), Some("b"));
    }

    #[test]
    fn a_cursor_finds_what_get_finds_in_any_order() {
        let mut s = Schedule::new();
        let mut ids = Vec::new();
        for (day, hour) in [(23, 9), (23, 12), (23, 18), (24, 9), (26, 7), (26, 8)] {
            let mut p = Post::new(d(&format!("2026-11-{day}")), "everyday", "t");
            p.time = NaiveTime::from_hms_opt(hour, 0, 0);
            ids.push(s.insert(p));
        }
        // Enough posts that looking ahead ends before the last of them.
        for i in 0..2 * AHEAD {
            let day = format!("2026-12-{:02}", 1 + i % 20);
            ids.push(s.insert(Post::new(d(&day), "business", "more")));
        }
        ids.push(s.insert(Post::idea("business", "idea")));
        ids.push(s.insert(weekly("2026-11-25", "series")));
        ids.push("nothing".to_string());
        let in_order: Vec<String> = s.iter().map(|p| p.id.clone()).collect();
        let mut rng = fastrand::Rng::with_seed(12);
        let mut orders = vec![in_order.clone(), ids.clone()];
        // Every few posts in order, as the changed rows of a sheet.
        for step in [2, 5, AHEAD - 1, AHEAD, AHEAD + 1] {
            orders.push(in_order.iter().step_by(step).cloned().collect());
        }
        for _ in 0..200 {
            let mut order: Vec<String> = (0..rng.usize(0..12))
                .map(|_| ids[rng.usize(..ids.len())].clone())
                .collect();
            // Runs of the schedule's own order, as a part of a sheet.
            let from = rng.usize(..in_order.len());
            order.extend(in_order[from..].iter().cloned());
            let mixed = rng.usize(..4).min(order.len());
            rng.shuffle(&mut order[..mixed]);
            orders.push(order);
        }
        let near = [None, Some(d("2026-11-23")), Some(d("2026-11-26"))];
        // The spot of each post of a day, in the schedule's order.
        let spots: Vec<Option<Spot>> = s
            .iter()
            .map(|p| {
                let date = p.date.filter(|_| p.repeat.is_none())?;
                let at = s.days[&date].iter().position(|q| q.id == p.id)?;
                Some(Spot { date, at })
            })
            .collect();
        assert!(spots.iter().flatten().is_sorted());
        // Without an index, and with one.
        let mut unindexed = Schedule::new();
        for post in s.iter() {
            unindexed.push_unsorted(post.clone());
        }
        unindexed.finish_unsorted();
        for order in orders {
            let copy = unindexed.clone();
            if rng.bool() {
                copy.contains_id("builds the index");
            }
            let mut cursor = copy.cursor();
            for id in &order {
                assert_eq!(
                    cursor.get_near(id, near[rng.usize(..3)]).map(|p| &p.id),
                    s.get(id).map(|p| &p.id),
                    "{id} in {order:?}"
                );
                if let Some(i) = in_order.iter().position(|i| i == id) {
                    assert_eq!(cursor.spot(), spots[i], "{id} in {order:?}");
                }
            }
        }
    }

    #[test]
    fn an_update_in_place_is_an_insert_of_the_changed_copy() {
        let mut rng = fastrand::Rng::with_seed(3);
        let days = ["2026-11-23", "2026-11-24", "2026-11-25"];
        for round in 0..300 {
            let mut s = Schedule::new();
            for i in 0..rng.usize(1..8) {
                let mut p = match rng.u8(..6) {
                    0 => Post::idea("everyday", "idea"),
                    1 => weekly(days[rng.usize(..3)], "series"),
                    _ => Post::new(d(days[rng.usize(..3)]), "everyday", "post"),
                };
                p.time = NaiveTime::from_hms_opt(rng.u32(8..11), 0, 0).filter(|_| rng.bool());
                p.title = format!("{} {i}", p.title);
                s.insert(p);
            }
            if rng.bool() {
                s.contains_id("built");
            }
            let ids: Vec<String> = s.iter().map(|p| p.id.clone()).collect();
            let id = ids[rng.usize(..ids.len())].clone();
            let other = ids[rng.usize(..ids.len())].clone();
            let kind = rng.u8(..7);
            let change = |p: &mut Post| match kind {
                0 => p.title.push_str(" (edited)"),
                1 => p.date = Some(d(days[(round + 1) % 3])),
                2 => p.time = NaiveTime::from_hms_opt(7, 30, 0),
                3 => p.date = None,
                4 => p.repeat = None,
                5 => p.id.clone_from(&other),
                _ => p.id = "new".into(),
            };
            let mut by_insert = s.clone();
            let mut copy = by_insert.get(&id).unwrap().clone();
            change(&mut copy);
            by_insert.remove(&id);
            by_insert.insert(copy);
            let near = [None, s.get(&id).and_then(|p| p.date), Some(d(days[0]))];
            assert!(s.update(&id, near[rng.usize(..3)], change));
            assert_eq!(s, by_insert, "round {round}, change {kind}");
            assert_eq!(s.len(), by_insert.len());
            for p in by_insert.iter() {
                assert_eq!(s.get(&p.id), Some(p), "round {round}, change {kind}");
            }
            assert!(!s.update("none", Some(d(days[0])), |p| p.title.clear()));
        }
    }

    #[test]
    fn remove_forgets_the_id() {
        let mut s = Schedule::new();
        let a = s.insert(Post::new(d("2026-11-23"), "everyday", "a"));
        assert!(s.remove(&a).is_some());
        assert!(s.is_empty());
        assert!(s.get(&a).is_none());
        assert!(s.remove(&a).is_none());
    }

    fn weekly(first: &str, title: &str) -> Post {
        let mut p = Post::new(d(first), "everyday", title);
        p.repeat = Some(Box::new(
            crate::domain::Repeat::new(
                d(first),
                crate::domain::Every::Weeks(1),
                Vec::new(),
                crate::domain::End::Never,
                Vec::new(),
            )
            .unwrap(),
        ));
        p
    }

    #[test]
    fn a_repeating_post_falls_on_every_week_it_repeats_in() {
        let mut s = Schedule::new();
        s.insert(weekly("2026-11-23", "team photo"));
        let mut tue = Post::new(d("2026-12-01"), "business", "tuesday");
        tue.time = NaiveTime::from_hms_opt(9, 0, 0);
        s.insert(tue);
        let w = Week::containing(d("2026-12-02"), WeekStart::default());
        let got: Vec<_> = s.week(w).map(|p| (p.date, p.post.title.as_str())).collect();
        assert_eq!(
            got,
            [
                (d("2026-11-30"), "team photo"),
                (d("2026-12-01"), "tuesday")
            ]
        );
        assert!(s.week(w.prev().prev()).next().is_none());
        assert_eq!(s.len(), 2);
        assert_eq!(s.day(d("2027-03-01")).len(), 1);
        // Without an end, a range stops at the schedule's last date.
        assert_eq!(s.range(..).count(), 3);
    }

    #[test]
    fn ideas_wait_in_the_backlog_oldest_first_and_come_back_to_their_place() {
        let mut s = Schedule::new();
        let a = s.insert(Post::idea("everyday", "a"));
        let b = s.insert(Post::idea("business", "b"));
        let c = s.insert(Post::idea("everyday", "c"));
        s.insert(Post::new(d("2026-11-23"), "everyday", "dated"));
        let order =
            |s: &Schedule| -> Vec<String> { s.backlog().iter().map(|p| p.title.clone()).collect() };
        assert_eq!(order(&s), ["a", "b", "c"]);
        // Placing an idea takes it out; taking it back puts it where it was.
        let idea = s.get(&b).unwrap().clone();
        s.insert(idea.placed(d("2026-11-24"), None));
        assert_eq!(order(&s), ["a", "c"]);
        assert_eq!(s.day(d("2026-11-24"))[0].id, b);
        s.insert(idea);
        assert_eq!(order(&s), ["a", "b", "c"]);
        let titles: Vec<_> = s.iter().map(|p| p.title.as_str()).collect();
        assert_eq!(titles, ["dated", "a", "b", "c"]);
        assert!(s.remove(&a).is_some() && s.remove(&c).is_some());
        assert_eq!(s.len(), 2);
        assert!(
            s.week(Week::containing(d("2026-11-23"), WeekStart::default()))
                .count()
                == 1
        );
    }
}
