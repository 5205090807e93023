//! Typed changes carried out on a schedule's posts: what the calendar's `r`
//! does with a repair, as one edit of before and after posts.

use super::analyze::next_week;
use super::finding::Change;
use super::library::{Fill, Library};
use super::plan::idea;
use super::slots::Slot;
use crate::config::Config;
use crate::domain::{Post, Schedule};

/// The posts a set of changes replaces or deletes (`before`, by id) and the
/// posts they become or add (`after`). New posts get ids not used in the
/// schedule.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Edits {
    pub before: Vec<Post>,
    pub after: Vec<Post>,
}

/// Carries out concrete changes: recategorise, move to next week, remove an
/// idea, post on another channel, add a post at a spot (an idea of the backlog of that category when
/// it has one, as the planner fills slots; else a placeholder). Changes without a place to act (an add without
/// a spot, a cut of minutes) or on posts the schedule no longer has are left
/// out.
pub fn edits(config: &Config, schedule: &Schedule, changes: &[Change]) -> Edits {
    let mut out = Edits::default();
    let mut library = Library::of(config, schedule);
    let mut taken: Vec<String> = Vec::new();
    // Only a post written on its day: a repeating post changes as a whole, by hand.
    let find = |id: &Option<String>| {
        id.as_deref()
            .and_then(|id| schedule.get(id))
            .filter(|p| p.date.is_some() && p.repeat.is_none())
            .cloned()
    };
    for change in changes {
        match change {
            Change::Recategorise { post, to, .. } => {
                if let Some(p) = find(&post.id) {
                    let mut changed = p.clone();
                    changed.category.clone_from(to);
                    out.before.push(p);
                    out.after.push(changed);
                }
            }
            Change::Move { post, .. } => {
                if let Some(p) = find(&post.id) {
                    let mut moved = p.clone();
                    moved.date = Some(next_week(post.date));
                    out.before.push(p);
                    out.after.push(moved);
                }
            }
            Change::Remove { post } => {
                if let Some(p) = find(&post.id) {
                    out.before.push(p);
                }
            }
            Change::Channel { post, to, .. } => {
                if let Some(p) = find(&post.id) {
                    let mut moved = p.clone();
                    moved.channel = Some(to.clone());
                    out.before.push(p);
                    out.after.push(moved);
                }
            }
            Change::Add {
                category,
                count,
                at: Some(spot),
            } => {
                let slot = Slot {
                    date: spot.date,
                    time: spot.time,
                    channel: spot.channel.clone(),
                };
                for _ in 0..*count {
                    // An idea of the backlog first; a placeholder when it has none.
                    let fill = config
                        .category_index(category)
                        .and_then(|c| library.take(c, &slot));
                    if let Some(Fill::Idea(placed)) = &fill {
                        if let Some(old) = schedule.get(&placed.id) {
                            out.before.push(old.clone());
                        }
                        out.after.push(placed.clone());
                        continue;
                    }
                    let mut p = match fill {
                        Some(Fill::Evergreen(p)) => p,
                        _ => idea(config, category, spot.date, spot.time, spot.channel.clone()),
                    };
                    p.id = loop {
                        let id = schedule.fresh_id();
                        if !taken.contains(&id) {
                            break id;
                        }
                    };
                    taken.push(p.id.clone());
                    out.after.push(p);
                }
            }
            Change::Add { at: None, .. } | Change::Cut { .. } => {}
        }
    }
    out
}
