//! The entry model: what one corpus file means once parsed and validated.
//!
//! [`Entry`] is both the validated form and the record stored (postcard-encoded) in the
//! blob; [`Summary`] is the small part of it that listing and filtering need, stored
//! separately so that `kh list` never decodes whole records.

use serde::{Deserialize, Serialize};
use std::fmt;

/// The six kinds of entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// An interview question with a model answer.
    Question,
    /// An error message with its cause and fix.
    Error,
    /// A copy-paste-ready piece of code.
    Snippet,
    /// A system design case study.
    Design,
    /// An ordered learning path.
    Path,
    /// A security topic: vulnerable pattern, attack, defence.
    Security,
}

impl Kind {
    /// All kinds, in display order.
    pub const ALL: [Kind; 6] = [
        Kind::Question,
        Kind::Error,
        Kind::Snippet,
        Kind::Design,
        Kind::Path,
        Kind::Security,
    ];

    /// The name used in front matter, folders and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Question => "question",
            Kind::Error => "error",
            Kind::Snippet => "snippet",
            Kind::Design => "design",
            Kind::Path => "path",
            Kind::Security => "security",
        }
    }

    /// Parses a kind name; plural forms ("errors") are accepted for convenience.
    pub fn parse(s: &str) -> Option<Kind> {
        let s = s.trim().to_ascii_lowercase();
        let s = s.strip_suffix('s').unwrap_or(&s);
        Kind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Seniority level of a question, design note or path.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Junior.
    Beginner,
    /// Mid-level.
    Mid,
    /// Senior.
    Senior,
    /// Architect.
    Architect,
}

impl Level {
    /// All levels, from junior up.
    pub const ALL: [Level; 4] = [Level::Beginner, Level::Mid, Level::Senior, Level::Architect];

    /// The front-matter spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Beginner => "beginner",
            Level::Mid => "mid",
            Level::Senior => "senior",
            Level::Architect => "architect",
        }
    }

    /// The three-letter code used in question IDs.
    pub fn code(self) -> &'static str {
        match self {
            Level::Beginner => "BEG",
            Level::Mid => "MID",
            Level::Senior => "SEN",
            Level::Architect => "ARC",
        }
    }

    /// Parses a level name or its code, case-insensitively.
    pub fn parse(s: &str) -> Option<Level> {
        let s = s.trim();
        Level::ALL
            .into_iter()
            .find(|l| l.as_str().eq_ignore_ascii_case(s) || l.code().eq_ignore_ascii_case(s))
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One `## Heading` section of an entry body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Section {
    /// The heading text, without `## `.
    pub heading: String,
    /// The Markdown body, trimmed.
    pub body: String,
}

/// One module of a learning path.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Module {
    /// What the module is called.
    pub title: String,
    /// What it covers.
    pub topics: Vec<String>,
    /// Hub entries it points to (validated to exist).
    pub entries: Vec<String>,
}

/// The fields that only one kind has.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Detail {
    /// An interview question.
    Question {
        /// One of [`crate::tech::TOPICS`].
        topic: String,
        /// Seniority.
        level: Level,
        /// 1 to 10.
        difficulty: u8,
    },
    /// An error entry.
    Error {
        /// Upper-case error class (IMPORT, RUNTIME, ...).
        class: String,
        /// The message lines it covers, `{placeholder}` for variable parts.
        messages: Vec<String>,
    },
    /// A code snippet.
    Snippet {
        /// pattern, utility, query, ...
        category: String,
        /// One line on what it does.
        summary: String,
        /// Suggested file name.
        file: String,
        /// Versions and libraries it works with.
        works_with: String,
    },
    /// A system design note.
    Design {
        /// Seniority.
        level: Level,
        /// Related hub entries.
        related: Vec<String>,
    },
    /// A learning path.
    Path {
        /// Seniority of the audience.
        level: Level,
        /// Estimated hours.
        hours: u32,
        /// One or two sentences.
        summary: String,
        /// Ordered modules.
        modules: Vec<Module>,
    },
    /// A security topic.
    Security {
        /// OWASP category or other grouping.
        category: String,
        /// Related hub entries.
        related: Vec<String>,
    },
}

/// A validated corpus entry; also the record stored in the blob.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// Stable, unique, upper-case ID.
    pub id: String,
    /// Which of the six kinds.
    pub kind: Kind,
    /// One line; the question itself for questions.
    pub title: String,
    /// Technology or language slug; empty for kinds without one.
    pub tech: String,
    /// Search keywords.
    pub tags: Vec<String>,
    /// Kind-specific fields.
    pub detail: Detail,
    /// Body sections in file order.
    pub sections: Vec<Section>,
    /// Path of the source file, relative to the corpus root.
    pub source: String,
}

impl Entry {
    /// The body of the first section with this heading.
    pub fn section(&self, heading: &str) -> Option<&str> {
        self.sections
            .iter()
            .find(|s| s.heading == heading)
            .map(|s| s.body.as_str())
    }

    /// The seniority level, for kinds that have one.
    pub fn level(&self) -> Option<Level> {
        match &self.detail {
            Detail::Question { level, .. }
            | Detail::Design { level, .. }
            | Detail::Path { level, .. } => Some(*level),
            _ => None,
        }
    }

    /// Error messages; empty for other kinds.
    pub fn messages(&self) -> &[String] {
        match &self.detail {
            Detail::Error { messages, .. } => messages,
            _ => &[],
        }
    }

    /// IDs this entry points to (related entries, path modules).
    pub fn references(&self) -> Vec<&str> {
        match &self.detail {
            Detail::Design { related, .. } | Detail::Security { related, .. } => {
                related.iter().map(String::as_str).collect()
            }
            Detail::Path { modules, .. } => modules
                .iter()
                .flat_map(|m| m.entries.iter().map(String::as_str))
                .collect(),
            _ => Vec::new(),
        }
    }

    /// The small listing record of this entry.
    pub fn summary(&self) -> Summary {
        let (topic, difficulty) = match &self.detail {
            Detail::Question {
                topic, difficulty, ..
            } => (topic.clone(), *difficulty),
            _ => (String::new(), 0),
        };
        Summary {
            id: self.id.clone(),
            kind: self.kind,
            title: self.title.clone(),
            tech: self.tech.clone(),
            level: self.level(),
            topic,
            difficulty,
        }
    }
}

/// What listing and filtering need of an entry, stored apart from the full record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    /// The entry's ID.
    pub id: String,
    /// Its kind.
    pub kind: Kind,
    /// Its title.
    pub title: String,
    /// Technology slug or empty.
    pub tech: String,
    /// Level, where the kind has one.
    pub level: Option<Level>,
    /// Question topic, else empty.
    pub topic: String,
    /// Question difficulty 1-10, else 0.
    pub difficulty: u8,
}
