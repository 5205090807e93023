//! Drawing the calendar. Everything here only reads the `App`; the layout is a
//! pure function of the app and the screen size, so mouse clicks are matched
//! against exactly what was drawn.

mod export;
mod header;
mod mix;
mod popup;
mod status;
pub mod text;
mod week;

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::text::Line;
use ratatui::widgets::Widget;

use super::app::{App, Popup};

/// Below this size the calendar shows only a line asking for more room.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 12;

/// Where each panel goes on a screen of a given size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Areas {
    pub header: Rect,
    pub week: Rect,
    /// The seven day columns inside `week`: first row the day's name, then posts.
    pub days: [Rect; 7],
    /// One line under the week with the whole selected post.
    pub detail: Rect,
    pub mix: Rect,
    pub status: Rect,
}

/// Lays the screen out, or `None` when it is below the minimum size.
pub fn layout(app: &App, area: Rect) -> Option<Areas> {
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        return None;
    }
    let header = Rect::new(area.x, area.y, area.width, 1);
    let status = Rect::new(area.x, area.bottom() - 1, area.width, 1);
    let body = area.height - 2;
    // The week keeps at least half the body; the mix panel takes what it needs.
    let mix_height = mix::height(app, area.width).min(body / 2).max(3);
    let week = Rect::new(area.x, area.y + 1, area.width, body - mix_height - 1);
    let detail = Rect::new(area.x, week.bottom(), area.width, 1);
    let mix = Rect::new(area.x, detail.bottom(), area.width, mix_height);
    Some(Areas {
        header,
        week,
        days: week::columns(week),
        detail,
        mix,
        status,
    })
}

/// The day (0..7) and post under a screen position, as the week is drawn.
pub fn hit(app: &App, area: Rect, at: Position) -> Option<(usize, Option<usize>)> {
    let areas = layout(app, area)?;
    week::hit(app, &areas, at)
}

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let Some(areas) = layout(self, area) else {
            render_too_small(area, buf);
            return;
        };
        header::render_header(self, areas.header, buf);
        week::render_week(self, &areas, buf);
        week::render_detail(self, areas.detail, buf);
        mix::render_mix(self, areas.mix, buf);
        status::render_status(self, areas.status, buf);
        match self.popup() {
            None => {}
            Some(Popup::Form(form)) => popup::render_form(self, form, area, buf),
            Some(Popup::Help) => popup::render_help(self, area, buf),
            Some(Popup::QuitPrompt) => popup::render_quit_prompt(self, area, buf),
            Some(Popup::Conflict { .. }) => popup::render_conflict(self, area, buf),
            Some(Popup::Overview(o)) => popup::render_overview(self, o, area, buf),
            Some(Popup::Export(form)) => export::render_export(self, form, area, buf),
        }
    }
}

/// The frame shown while a large schedule loads.
pub fn render_loading(path: &std::path::Path, area: Rect, buf: &mut Buffer) {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let message = text::truncate(&format!("Opening {name}…"), area.width as usize);
    let y = area.y + area.height / 2;
    Line::from(message)
        .centered()
        .render(Rect::new(area.x, y, area.width, area.height.min(1)), buf);
}

fn render_too_small(area: Rect, buf: &mut Buffer) {
    let message = format!("enlarge the terminal ({MIN_WIDTH}×{MIN_HEIGHT})");
    let line = text::truncate(&message, area.width as usize);
    Line::from(line).render(
        Rect::new(area.x, area.y, area.width, area.height.min(1)),
        buf,
    );
}
