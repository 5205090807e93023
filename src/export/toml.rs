//! TOML export: exactly what a save writes, for the selected posts.

use crate::domain::Post;

pub fn render<'a>(posts: impl Iterator<Item = &'a Post>) -> String {
    crate::store::posts_to_toml(posts)
}
