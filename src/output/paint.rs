//! Colour, decided once: a [`Paint`] either styles text or passes it through.

use owo_colors::OwoColorize;

/// Styles text when colour is on.
#[derive(Debug, Clone, Copy)]
pub struct Paint {
    /// Whether to emit colour codes.
    pub on: bool,
}

impl Paint {
    /// Entry IDs.
    pub fn id(&self, s: &str) -> String {
        if self.on {
            s.bold().cyan().to_string()
        } else {
            s.to_string()
        }
    }
    /// Titles.
    pub fn title(&self, s: &str) -> String {
        if self.on {
            s.bold().to_string()
        } else {
            s.to_string()
        }
    }
    /// Section headings.
    pub fn heading(&self, s: &str) -> String {
        if self.on {
            s.bold().yellow().to_string()
        } else {
            s.to_string()
        }
    }
    /// Secondary information.
    pub fn dim(&self, s: &str) -> String {
        if self.on {
            s.dimmed().to_string()
        } else {
            s.to_string()
        }
    }
    /// Things to notice: the matched line, "local".
    pub fn mark(&self, s: &str) -> String {
        if self.on {
            s.magenta().to_string()
        } else {
            s.to_string()
        }
    }
}
