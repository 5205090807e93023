//! The schedule: every post, indexed by date so a week is found without a scan.

use std::collections::{BTreeMap, HashMap};
use std::ops::RangeBounds;
use std::sync::{Arc, OnceLock};

use chrono::NaiveDate;

use super::{Post, Week};

type Ids = HashMap<String, NaiveDate, foldhash::fast::RandomState>;

/// All posts, kept in canonical order (date, time, id) and indexed by date and id.
#[derive(Debug, Clone)]
pub struct Schedule {
    days: BTreeMap<NaiveDate, Vec<Post>>,
    len: usize,
    /// A stable random name for this schedule, kept in the file's header: it
    /// makes calendar UIDs (`<post id>@<identifier>`) unique across schedules.
    identifier: String,
    /// The ids the loader gave the file's posts that had none, in file order, so
    /// a save can tell which of the file's tables each of them came from.
    given_ids: Arc<Vec<String>>,
    /// The day of each id. Built on the first lookup by id, so loading a big file
    /// only to check one week never pays for it. foldhash: ids are short and come
    /// from the user's own file, so a fast hash fits better than one hardened
    /// against hostile input.
    ids: OnceLock<Ids>,
}

impl Default for Schedule {
    fn default() -> Schedule {
        Schedule {
            days: BTreeMap::new(),
            len: 0,
            identifier: super::fields::new_identifier(&mut fastrand::Rng::new()),
            given_ids: Arc::default(),
            ids: OnceLock::new(),
        }
    }
}

/// Two schedules are equal when they hold the same posts; the id index is
/// derived from them, and the identifier names the file rather than the plan.
impl PartialEq for Schedule {
    fn eq(&self, other: &Schedule) -> bool {
        self.days == other.days
    }
}

impl Eq for Schedule {}

impl Schedule {
    pub fn new() -> Schedule {
        Schedule::default()
    }

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
    pub fn given_ids(&self) -> &[String] {
        &self.given_ids
    }

    pub(crate) fn set_given_ids(&mut self, ids: Vec<String>) {
        self.given_ids = Arc::new(ids);
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    fn ids(&self) -> &Ids {
        self.ids.get_or_init(|| {
            let mut ids = Ids::with_capacity_and_hasher(self.len, Default::default());
            for post in self.iter() {
                ids.insert(post.id.clone(), post.date);
            }
            ids
        })
    }

    /// Keeps the id index, if built, in step with a post added on `date`.
    fn index(&mut self, id: &str, date: NaiveDate) {
        if let Some(ids) = self.ids.get_mut() {
            ids.insert(id.to_string(), date);
        }
    }

    pub fn contains_id(&self, id: &str) -> bool {
        self.ids().contains_key(id)
    }

    pub fn get(&self, id: &str) -> Option<&Post> {
        let date = self.ids().get(id)?;
        self.days.get(date)?.iter().find(|p| p.id == id)
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
        self.index(&id, post.date);
        self.len += 1;
        let day = self.days.entry(post.date).or_default();
        let at = day.partition_point(|p| p.sort_key() < post.sort_key());
        day.insert(at, post);
        id
    }

    /// Appends posts already known to be valid with distinct ids; sorts once at
    /// the end. Used by the loader, where inserting one by one would be slower.
    pub fn extend_unsorted(&mut self, posts: impl IntoIterator<Item = Post>) {
        for post in posts {
            self.push_unsorted(post);
        }
        self.finish_unsorted();
    }

    /// Appends a valid post whose id is not yet used, leaving its day unsorted:
    /// call [`Schedule::finish_unsorted`] before reading the schedule.
    pub(crate) fn push_unsorted(&mut self, post: Post) {
        self.index(&post.id, post.date);
        self.len += 1;
        // Files come mostly in date order, so a post usually joins the last day,
        // and a new day is usually about as full as the one before it.
        match self.days.last_entry() {
            Some(mut last) if *last.key() == post.date => last.get_mut().push(post),
            last => {
                let hint = last.map_or(1, |l| l.get().len());
                self.days
                    .entry(post.date)
                    .or_insert_with(|| Vec::with_capacity(hint))
                    .push(post);
            }
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
    }

    pub fn remove(&mut self, id: &str) -> Option<Post> {
        let date = *self.ids().get(id)?;
        let day = self.days.get_mut(&date)?;
        let at = day.iter().position(|p| p.id == id)?;
        let post = day.remove(at);
        if day.is_empty() {
            self.days.remove(&date);
        }
        if let Some(ids) = self.ids.get_mut() {
            ids.remove(id);
        }
        self.len -= 1;
        Some(post)
    }

    /// A short id not yet used in this schedule, which no spreadsheet mistakes
    /// for a number or a date (see [`super::fields::new_id`]).
    pub fn fresh_id(&self) -> String {
        self.fresh_id_from(&mut fastrand::Rng::new())
    }

    /// [`Schedule::fresh_id`] drawn from `rng`, so the loader can give the same
    /// file the same ids every time it reads it.
    pub fn fresh_id_from(&self, rng: &mut fastrand::Rng) -> String {
        loop {
            let id = super::fields::new_id(rng);
            if !self.contains_id(&id) {
                return id;
            }
        }
    }

    /// Posts of one day, in canonical order.
    pub fn day(&self, date: NaiveDate) -> &[Post] {
        self.days.get(&date).map(Vec::as_slice).unwrap_or(&[])
    }

    /// Posts in a date range, in canonical order.
    pub fn range<R: RangeBounds<NaiveDate>>(&self, range: R) -> impl Iterator<Item = &Post> {
        self.days.range(range).flat_map(|(_, posts)| posts.iter())
    }

    /// Posts of one week, in canonical order.
    pub fn week(&self, week: Week) -> impl Iterator<Item = &Post> {
        self.range(week.start()..week.end_exclusive())
    }

    /// Every post in canonical order.
    pub fn iter(&self) -> impl Iterator<Item = &Post> {
        self.days.values().flat_map(|posts| posts.iter())
    }

    pub fn first_date(&self) -> Option<NaiveDate> {
        self.days.keys().next().copied()
    }

    pub fn last_date(&self) -> Option<NaiveDate> {
        self.days.keys().next_back().copied()
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
        moved.date = d("2026-11-30");
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
        let titles: Vec<_> = s.week(w).map(|p| p.title.as_str()).collect();
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
        s.extend_unsorted(posts);
        let ids: Vec<_> = s.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(ids, ["d", "b", "a", "c"]);
        assert_eq!(s.len(), 4);
        assert_eq!(s.get("a").map(|p| p.date), Some(d("2026-11-24")));
    }

    #[test]
    fn the_id_index_follows_every_change_once_built() {
        let mut s = Schedule::new();
        let a = s.insert(Post::new(d("2026-11-23"), "everyday", "a"));
        assert!(s.contains_id(&a));
        let mut p = Post::new(d("2026-11-25"), "business", "b");
        p.id = "b".into();
        s.extend_unsorted([p]);
        assert_eq!(s.get("b").map(|p| p.title.as_str()), Some("b"));
        assert!(s.remove(&a).is_some());
        assert!(!s.contains_id(&a));
        assert_eq!(s.len(), 1);
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
}
