//! From one corpus file's text to an [`Entry`]: front matter, body sections, and the
//! per-entry rules of [`crate::validate`].
//!
//! Every problem is reported as a [`Diagnostic`] with the file and the 1-based line it is
//! on, so that a broken file fails the build with `path:line: what is wrong`.

use crate::model::{Entry, Section};
use crate::validate;
use serde::Deserialize;
use std::fmt;

/// One problem found in a corpus file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file, as given to the parser.
    pub path: String,
    /// 1-based line number (1 when the problem is the file as a whole).
    pub line: usize,
    /// What is wrong, in one line.
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.path, self.line, self.message)
    }
}

/// The TOML front matter exactly as written; which fields a kind needs is checked later.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct FrontMatter {
    pub id: Option<String>,
    pub kind: Option<String>,
    pub title: Option<String>,
    #[serde(default)]
    pub tags: Vec<String>,
    pub tech: Option<String>,
    pub lang: Option<String>,
    pub topic: Option<String>,
    pub level: Option<String>,
    pub difficulty: Option<i64>,
    pub class: Option<String>,
    pub messages: Option<Vec<String>>,
    pub category: Option<String>,
    pub summary: Option<String>,
    pub file: Option<String>,
    pub works_with: Option<String>,
    pub related: Option<Vec<String>>,
    pub hours: Option<i64>,
    pub modules: Option<Vec<ModuleFm>>,
}

/// A `[[modules]]` table of a path.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ModuleFm {
    pub title: String,
    #[serde(default)]
    pub topics: Vec<String>,
    #[serde(default)]
    pub entries: Vec<String>,
}

/// A body section with the line its heading is on.
#[derive(Debug, Clone)]
pub(crate) struct RawSection {
    pub line: usize,
    pub section: Section,
}

/// The pieces of a file before validation, with line bookkeeping.
pub(crate) struct RawFile<'a> {
    pub path: &'a str,
    pub front: FrontMatter,
    pub front_text: &'a str,
    /// Line number of the first front-matter line.
    pub front_line: usize,
    pub sections: Vec<RawSection>,
}

impl RawFile<'_> {
    /// A diagnostic at a given line of this file.
    pub fn diag(&self, line: usize, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            path: self.path.to_string(),
            line,
            message: message.into(),
        }
    }

    /// The section headings, in file order.
    pub fn headings(&self) -> Vec<&str> {
        self.sections
            .iter()
            .map(|s| s.section.heading.as_str())
            .collect()
    }

    /// The line on which front-matter field `name` is set (the opening line if absent).
    pub fn field_line(&self, name: &str) -> usize {
        self.front_text
            .lines()
            .position(|l| {
                let l = l.trim_start();
                l.strip_prefix(name)
                    .is_some_and(|rest| rest.trim_start().starts_with('='))
            })
            .map_or(self.front_line.saturating_sub(1).max(1), |i| {
                self.front_line + i
            })
    }
}

/// Parses and validates one file. `path` is only used in diagnostics and as the entry's
/// `source`.
pub fn parse_entry(path: &str, text: &str) -> Result<Entry, Vec<Diagnostic>> {
    let raw = split(path, text).map_err(|d| vec![d])?;
    validate::entry(&raw)
}

fn diag(path: &str, line: usize, message: impl Into<String>) -> Diagnostic {
    Diagnostic {
        path: path.to_string(),
        line,
        message: message.into(),
    }
}

/// Splits a file into front matter and sections; only structural problems are found here.
pub(crate) fn split<'a>(path: &'a str, text: &'a str) -> Result<RawFile<'a>, Diagnostic> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text.split_inclusive('\n');
    let first = lines.next().unwrap_or("");
    if first.trim_end() != "+++" {
        return Err(diag(
            path,
            1,
            "expected `+++` to open the TOML front matter",
        ));
    }
    let front_start = first.len();
    let mut offset = front_start;
    let mut close = None;
    for (i, line) in lines.by_ref().enumerate() {
        if line.trim_end() == "+++" {
            close = Some((offset, offset + line.len(), i + 2));
            break;
        }
        offset += line.len();
    }
    let Some((front_end, body_start, close_line)) = close else {
        return Err(diag(path, 1, "front matter is not closed by a `+++` line"));
    };
    let front_text = &text[front_start..front_end];
    let front: FrontMatter = toml::from_str(front_text).map_err(|e| {
        let line = e
            .span()
            .map_or(0, |s| front_text[..s.start].matches('\n').count());
        let msg = e
            .message()
            .lines()
            .next()
            .unwrap_or("invalid TOML")
            .to_string();
        diag(path, 2 + line, format!("front matter: {msg}"))
    })?;
    let sections = sections(path, &text[body_start..], close_line + 1)?;
    Ok(RawFile {
        path,
        front,
        front_text,
        front_line: 2,
        sections,
    })
}

/// Splits the body into `## ` sections, ignoring headings inside fenced code.
fn sections(path: &str, body: &str, first_line: usize) -> Result<Vec<RawSection>, Diagnostic> {
    let mut out: Vec<RawSection> = Vec::new();
    let mut fence: Option<String> = None;
    let mut current: Option<(usize, String, Vec<&str>)> = None;
    let mut last_line = first_line;
    for (i, line) in body.lines().enumerate() {
        let n = first_line + i;
        last_line = n;
        let trimmed = line.trim_start();
        if let Some(open) = &fence {
            if trimmed.starts_with(open.as_str())
                && trimmed.trim_start_matches(open.as_str()).trim().is_empty()
            {
                fence = None;
            }
        } else if let Some(marker) = fence_marker(trimmed) {
            fence = Some(marker);
        } else if let Some(heading) = line.strip_prefix("## ") {
            if let Some((l, h, b)) = current.take() {
                out.push(finish(l, h, &b));
            }
            current = Some((n, heading.trim().to_string(), Vec::new()));
            continue;
        }
        match &mut current {
            Some((_, _, body)) => body.push(line),
            None if line.trim().is_empty() => {}
            None => return Err(diag(path, n, "text before the first `## ` section heading")),
        }
    }
    if fence.is_some() {
        return Err(diag(path, last_line, "a fenced code block is never closed"));
    }
    if let Some((l, h, b)) = current.take() {
        out.push(finish(l, h, &b));
    }
    Ok(out)
}

/// The fence string (``` or ~~~, possibly longer) if the line opens a code block.
/// Used by renderers to spot code fences the same way the parser does.
pub fn fence_marker(trimmed: &str) -> Option<String> {
    for ch in ['`', '~'] {
        let n = trimmed.chars().take_while(|&c| c == ch).count();
        if n >= 3 {
            return Some(std::iter::repeat_n(ch, n).collect());
        }
    }
    None
}

fn finish(line: usize, heading: String, body: &[&str]) -> RawSection {
    RawSection {
        line,
        section: Section {
            heading,
            body: body.join("\n").trim().to_string(),
        },
    }
}

/// The fenced code blocks of a Markdown text: (info string, code).
pub fn code_blocks(markdown: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut open: Option<(String, String, Vec<&str>)> = None;
    for line in markdown.lines() {
        let trimmed = line.trim_start();
        match &mut open {
            Some((marker, _, lines)) => {
                if trimmed.starts_with(marker.as_str())
                    && trimmed
                        .trim_start_matches(marker.as_str())
                        .trim()
                        .is_empty()
                {
                    if let Some((_, info, lines)) = open.take() {
                        out.push((info, lines.join("\n")));
                    }
                } else {
                    lines.push(line);
                }
            }
            None => {
                if let Some(marker) = fence_marker(trimmed) {
                    let info = trimmed[marker.len()..].trim().to_string();
                    open = Some((marker, info, Vec::new()));
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = "+++\nid = \"SD-001\"\nkind = \"design\"\ntitle = \"URL shortener\"\nlevel = \"mid\"\n+++\n\n## Context\nc\n\n## Requirements\nr\n\n## Architecture\n```text\n## not a heading\n```\n\n## Trade-offs\nt\n\n## Scaling\ns\n\n## Failure Modes\nf\n";

    #[test]
    fn parses_sections_and_ignores_headings_inside_code() {
        let e = parse_entry("x.md", GOOD).expect("valid");
        assert_eq!(e.sections.len(), 6);
        assert!(e
            .section("Architecture")
            .is_some_and(|b| b.contains("## not a heading")));
    }

    #[test]
    fn missing_opening_fence_is_reported_on_line_one() {
        let err = parse_entry("x.md", "id = 1\n").expect_err("must fail");
        assert_eq!(err[0].line, 1);
        assert!(err[0].message.contains("+++"));
    }

    #[test]
    fn toml_error_points_at_its_line() {
        let text = "+++\nid = \"SD-001\"\nkind = design\n+++\n";
        let err = parse_entry("x.md", text).expect_err("must fail");
        assert_eq!(err[0].line, 3, "{err:?}");
    }

    #[test]
    fn unknown_field_is_an_error() {
        let text = GOOD.replace("level = \"mid\"", "level = \"mid\"\ncolour = \"red\"");
        let err = parse_entry("x.md", &text).expect_err("must fail");
        assert!(err[0].message.contains("colour"), "{err:?}");
    }

    #[test]
    fn text_before_first_heading_is_rejected_with_its_line() {
        let text = GOOD.replace("\n\n## Context", "\nstray\n## Context");
        let err = parse_entry("x.md", &text).expect_err("must fail");
        assert_eq!(err[0].line, 7);
    }

    #[test]
    fn code_blocks_returns_info_and_body() {
        let blocks = code_blocks("text\n```python\nprint(1)\n```\n");
        assert_eq!(blocks, vec![("python".to_string(), "print(1)".to_string())]);
    }
}
