//! The rules an entry and a whole corpus must follow.
//!
//! `entry` turns a split file into an [`Entry`] or reports every problem with its line;
//! [`corpus`] checks what no single file can: unique IDs, references that resolve, one
//! owner per error message, and no near-duplicate questions within a technology.

use crate::model::{Detail, Entry, Kind, Level};
use crate::parse::{code_blocks, Diagnostic, RawFile};
use crate::tech::{self, SNIPPET_CATEGORIES, TOPICS};
use crate::text;
use std::collections::{BTreeMap, HashMap};

const QUESTION_SECTIONS: &[&str] = &[
    "Answer",
    "Deep Dive",
    "Real-World",
    "Common Mistakes",
    "Production Scenario",
    "Follow-up Questions",
];
const DESIGN_SECTIONS: &[&str] = &[
    "Context",
    "Requirements",
    "Architecture",
    "Trade-offs",
    "Scaling",
    "Failure Modes",
];
const SECURITY_SECTIONS: &[&str] = &["Vulnerable Pattern", "Attack", "Defence", "Checklist"];

/// Collects problems while an entry is checked.
struct Check<'r, 'a> {
    raw: &'r RawFile<'a>,
    diags: Vec<Diagnostic>,
}

impl Check<'_, '_> {
    fn err(&mut self, field: &str, message: impl Into<String>) {
        let line = self.raw.field_line(field);
        self.diags.push(self.raw.diag(line, message));
    }

    /// A required string field, trimmed and non-empty.
    fn required(&mut self, field: &str, value: &Option<String>) -> String {
        match value.as_deref().map(str::trim) {
            Some(v) if !v.is_empty() => v.to_string(),
            _ => {
                self.err(field, format!("missing required field `{field}`"));
                String::new()
            }
        }
    }

    fn level(&mut self, value: &Option<String>) -> Level {
        let v = self.required("level", value);
        Level::parse(&v).unwrap_or_else(|| {
            if !v.is_empty() {
                self.err(
                    "level",
                    format!("unknown level `{v}`: use beginner, mid, senior or architect"),
                );
            }
            Level::Beginner
        })
    }

    fn tech(&mut self, field: &str, value: &Option<String>) -> String {
        let v = self.required(field, value);
        match tech::tech(&v) {
            Some(t) => t.slug.to_string(),
            None => {
                if !v.is_empty() {
                    self.err(
                        field,
                        format!(
                            "unknown {field} `{v}`: valid are {}",
                            tech::tech_slugs().join(", ")
                        ),
                    );
                }
                v
            }
        }
    }

    fn forbid(&mut self, field: &str, present: bool, kind: Kind) {
        if present {
            self.err(
                field,
                format!("field `{field}` does not belong to a {kind} entry"),
            );
        }
    }

    /// Sections must be exactly `expected`, in order, each non-empty.
    fn sections_exactly(&mut self, expected: &[&str]) {
        let got = self.raw.headings();
        if got != expected {
            let line = self.raw.sections.first().map_or(1, |s| s.line);
            self.diags.push(self.raw.diag(
                line,
                format!(
                    "sections must be exactly: {} (found: {})",
                    expected.join(", "),
                    if got.is_empty() {
                        "none".to_string()
                    } else {
                        got.join(", ")
                    }
                ),
            ));
        }
        self.no_empty_sections();
    }

    fn no_empty_sections(&mut self) {
        for s in &self.raw.sections {
            if s.section.body.is_empty() {
                self.diags.push(
                    self.raw
                        .diag(s.line, format!("section `{}` is empty", s.section.heading)),
                );
            }
        }
    }
}

/// Validates one split file and builds its entry.
pub(crate) fn entry(raw: &RawFile<'_>) -> Result<Entry, Vec<Diagnostic>> {
    let mut c = Check {
        raw,
        diags: Vec::new(),
    };
    let fm = &raw.front;
    let id = c.required("id", &fm.id);
    let title = c.required("title", &fm.title);
    if title.contains('\n') {
        c.err("title", "title must be one line");
    }
    let kind_str = c.required("kind", &fm.kind);
    let Some(kind) = Kind::parse(&kind_str).filter(|k| k.as_str() == kind_str) else {
        if !kind_str.is_empty() {
            c.err("kind", format!("unknown kind `{kind_str}`: use question, error, snippet, design, path or security"));
        }
        return Err(c.diags);
    };
    for tag in &fm.tags {
        if tag.trim().is_empty() || tag.trim() != tag {
            c.err(
                "tags",
                format!("tag `{tag}` must be non-empty without surrounding spaces"),
            );
        }
    }
    let (tech, detail) = match kind {
        Kind::Question => question(&mut c, &id),
        Kind::Error => error(&mut c, &id),
        Kind::Snippet => snippet(&mut c, &id),
        Kind::Design => design(&mut c, &id),
        Kind::Path => path(&mut c, &id),
        Kind::Security => security(&mut c, &id),
    };
    if !c.diags.is_empty() {
        return Err(c.diags);
    }
    Ok(Entry {
        id,
        kind,
        title,
        tech,
        tags: fm.tags.clone(),
        detail,
        sections: raw.sections.iter().map(|s| s.section.clone()).collect(),
        source: raw.path.to_string(),
    })
}

/// Splits `AB-CD-001` style IDs, checking the shape: upper-case parts and a 3+ digit number.
fn id_parts(id: &str) -> Option<Vec<&str>> {
    let parts: Vec<&str> = id.split('-').collect();
    let (num, names) = parts.split_last()?;
    let ok = num.len() >= 3
        && num.chars().all(|c| c.is_ascii_digit())
        && !names.is_empty()
        && names.iter().all(|p| {
            !p.is_empty()
                && p.chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        });
    ok.then_some(parts)
}

fn bad_id(c: &mut Check<'_, '_>, id: &str, shape: &str) {
    c.err("id", format!("id `{id}` does not have the form {shape}"));
}

fn question(c: &mut Check<'_, '_>, id: &str) -> (String, Detail) {
    let fm = &c.raw.front;
    let tech = c.tech("tech", &fm.tech.clone());
    let level = c.level(&fm.level.clone());
    let topic = c.required("topic", &fm.topic.clone());
    if !topic.is_empty() && !TOPICS.contains(&topic.as_str()) {
        c.err(
            "topic",
            format!("unknown topic `{topic}`: valid are {}", TOPICS.join(", ")),
        );
    }
    let difficulty = match fm.difficulty {
        Some(d @ 1..=10) => d as u8,
        Some(d) => {
            c.err("difficulty", format!("difficulty {d} is outside 1..10"));
            0
        }
        None => {
            c.err("difficulty", "missing required field `difficulty`");
            0
        }
    };
    let prefix = tech::tech(&tech).and_then(|t| t.question_prefix);
    match (id_parts(id), prefix) {
        (Some(p), Some(prefix)) if p.len() == 3 && p[0] == prefix && p[1] == level.code() => {}
        (_, Some(prefix)) => bad_id(c, id, &format!("{prefix}-{}-NNN", level.code())),
        (_, None) if !tech.is_empty() => c.err(
            "tech",
            format!("technology `{tech}` has no interview questions"),
        ),
        _ => {}
    }
    let fm = &c.raw.front;
    c.forbid("messages", fm.messages.is_some(), Kind::Question);
    c.forbid("lang", fm.lang.is_some(), Kind::Question);
    c.sections_exactly(QUESTION_SECTIONS);
    (
        tech,
        Detail::Question {
            topic,
            level,
            difficulty,
        },
    )
}

fn error(c: &mut Check<'_, '_>, id: &str) -> (String, Detail) {
    let fm = &c.raw.front;
    let tech = c.tech("lang", &fm.lang.clone());
    if id_parts(id).is_none_or(|p| p.len() != 2) {
        bad_id(c, id, "PREFIX-NNN (e.g. PY-007)");
    }
    let class = c.required("class", &c.raw.front.class.clone());
    if !class
        .chars()
        .all(|ch| ch.is_ascii_uppercase() || ch.is_ascii_digit() || ch == '_')
    {
        c.err(
            "class",
            format!("class `{class}` must be upper case (IMPORT, RUNTIME, ...)"),
        );
    }
    let messages: Vec<String> = c.raw.front.messages.clone().unwrap_or_default();
    if messages.is_empty() {
        c.err("messages", "an error entry needs at least one message");
    }
    let mut patterns = Vec::new();
    for m in &messages {
        if m.contains('\n') || m.trim() != m || m.is_empty() {
            c.err(
                "messages",
                format!("message `{m}` must be one line without surrounding spaces"),
            );
            continue;
        }
        match text::parse_message(m) {
            Ok(p) => patterns.push(p),
            Err(e) => c.err("messages", format!("message `{m}`: {e}")),
        }
    }
    let raw = c.raw;
    let headings = raw.headings();
    let examples = headings.iter().skip(2).filter(|h| **h == "Example").count();
    if headings.len() < 3
        || headings[0] != "Cause"
        || headings[1] != "Fix"
        || examples != headings.len() - 2
    {
        let line = raw.sections.first().map_or(1, |s| s.line);
        c.diags.push(raw.diag(
            line,
            format!(
                "sections must be: Cause, Fix, then one or more Example (found: {})",
                headings.join(", ")
            ),
        ));
    }
    c.no_empty_sections();
    for s in raw
        .sections
        .iter()
        .filter(|s| s.section.heading == "Example")
    {
        let blocks = code_blocks(&s.section.body);
        let Some((_, code)) = blocks.first() else {
            c.diags.push(raw.diag(
                s.line,
                "an Example needs a fenced code block of real output",
            ));
            continue;
        };
        if !patterns.is_empty()
            && !code
                .lines()
                .any(|l| patterns.iter().any(|p| text::line_matches(p, l)))
        {
            c.diags
                .push(raw.diag(s.line, "this Example contains none of the entry's messages"));
        }
    }
    (tech, Detail::Error { class, messages })
}

fn snippet(c: &mut Check<'_, '_>, id: &str) -> (String, Detail) {
    let fm = &c.raw.front;
    let tech = c.tech("lang", &fm.lang.clone());
    let prefix = tech::tech(&tech).and_then(|t| t.snippet_prefix);
    match (id_parts(id), prefix) {
        (Some(p), Some(prefix)) if p.len() == 3 && p[0] == "SN" && p[1] == prefix => {}
        (_, Some(prefix)) => bad_id(c, id, &format!("SN-{prefix}-NNN")),
        _ => {}
    }
    let category = c.required("category", &c.raw.front.category.clone());
    if !category.is_empty() && !SNIPPET_CATEGORIES.contains(&category.as_str()) {
        c.err(
            "category",
            format!(
                "unknown category `{category}`: valid are {}",
                SNIPPET_CATEGORIES.join(", ")
            ),
        );
    }
    let summary = c.required("summary", &c.raw.front.summary.clone());
    let file = c.required("file", &c.raw.front.file.clone());
    if file.starts_with('/')
        || file.contains('\\')
        || file.split('/').any(|p| p == ".." || p.is_empty())
    {
        c.err(
            "file",
            "file must be a relative path such as `client.py` or `retry/retry.go`",
        );
    }
    let works_with = c.raw.front.works_with.clone().unwrap_or_default();
    let raw = c.raw;
    let headings = raw.headings();
    if headings != ["Code", "Notes"] && headings != ["Code", "Notes", "Check"] {
        let line = raw.sections.first().map_or(1, |s| s.line);
        c.diags.push(raw.diag(
            line,
            format!(
                "sections must be: Code, Notes, and optionally Check (found: {})",
                headings.join(", ")
            ),
        ));
    }
    c.no_empty_sections();
    for s in raw
        .sections
        .iter()
        .filter(|s| s.section.heading == "Code" || s.section.heading == "Check")
    {
        if code_blocks(&s.section.body).len() != 1 {
            c.diags.push(raw.diag(
                s.line,
                format!(
                    "section `{}` must hold exactly one fenced code block",
                    s.section.heading
                ),
            ));
        }
    }
    (
        tech,
        Detail::Snippet {
            category,
            summary,
            file,
            works_with,
        },
    )
}

fn design(c: &mut Check<'_, '_>, id: &str) -> (String, Detail) {
    if id_parts(id).is_none_or(|p| p.len() != 2 || p[0] != "SD") {
        bad_id(c, id, "SD-NNN");
    }
    let level = c.level(&c.raw.front.level.clone());
    let related = c.raw.front.related.clone().unwrap_or_default();
    c.sections_exactly(DESIGN_SECTIONS);
    (String::new(), Detail::Design { level, related })
}

fn security(c: &mut Check<'_, '_>, id: &str) -> (String, Detail) {
    if id_parts(id).is_none_or(|p| p.len() != 2 || p[0] != "SEC") {
        bad_id(c, id, "SEC-NNN");
    }
    let tech = c.tech("lang", &c.raw.front.lang.clone());
    let category = c.required("category", &c.raw.front.category.clone());
    let related = c.raw.front.related.clone().unwrap_or_default();
    c.sections_exactly(SECURITY_SECTIONS);
    (tech, Detail::Security { category, related })
}

fn path(c: &mut Check<'_, '_>, id: &str) -> (String, Detail) {
    if id_parts(id).is_none_or(|p| p.len() != 2 || p[0] != "LP") {
        bad_id(c, id, "LP-NNN");
    }
    let level = c.level(&c.raw.front.level.clone());
    let hours = match c.raw.front.hours {
        Some(h @ 1..=10_000) => h as u32,
        _ => {
            c.err("hours", "`hours` must be a whole number from 1");
            0
        }
    };
    let summary = c.required("summary", &c.raw.front.summary.clone());
    let modules: Vec<crate::model::Module> = c
        .raw
        .front
        .modules
        .as_ref()
        .map(|ms| {
            ms.iter()
                .map(|m| crate::model::Module {
                    title: m.title.clone(),
                    topics: m.topics.clone(),
                    entries: m.entries.clone(),
                })
                .collect()
        })
        .unwrap_or_default();
    if modules.is_empty() {
        c.err("modules", "a path needs at least one [[modules]] table");
    }
    for m in &modules {
        if m.title.trim().is_empty() || m.topics.is_empty() {
            c.err(
                "modules",
                format!("module `{}` needs a title and topics", m.title),
            );
        }
    }
    c.sections_exactly(&["Overview"]);
    (
        String::new(),
        Detail::Path {
            level,
            hours,
            summary,
            modules,
        },
    )
}

/// Checks across a whole corpus. `known` holds IDs that exist outside it (the built-in
/// corpus, when a user's folder is linted), so references into it resolve.
pub fn corpus(entries: &[Entry], known: &dyn Fn(&str) -> bool) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    let at = |e: &Entry, message: String| Diagnostic {
        path: e.source.clone(),
        line: 1,
        message,
    };
    let mut by_id: HashMap<String, &Entry> = HashMap::new();
    for e in entries {
        if let Some(first) = by_id.insert(e.id.to_ascii_uppercase(), e) {
            diags.push(at(
                e,
                format!("duplicate id `{}`: also used by {}", e.id, first.source),
            ));
        }
    }
    for e in entries {
        for r in e.references() {
            if !by_id.contains_key(&r.to_ascii_uppercase()) && !known(r) {
                diags.push(at(e, format!("refers to `{r}`, which is not an entry")));
            }
        }
    }
    let mut owners: HashMap<String, &Entry> = HashMap::new();
    for e in entries {
        for m in e.messages() {
            let Ok(p) = text::parse_message(m) else {
                continue;
            };
            if let Some(other) = owners.insert(text::message_key(&p), e) {
                if other.id != e.id {
                    diags.push(at(
                        e,
                        format!(
                            "message `{m}` is also a message of {} ({}): one message, one entry",
                            other.id, other.source
                        ),
                    ));
                }
            }
        }
    }
    diags.extend(near_duplicate_questions(entries));
    diags
}

/// Questions within one technology whose normalised texts are nearly the same.
///
/// Comparing every pair is quadratic, which a large corpus cannot afford; only pairs that
/// share at least half of their distinctive words (those in under 200 questions of the
/// technology) are compared by edit distance. Near duplicates share their rare words.
/// A question with its normalised text and its sorted distinct words.
type Normalised<'a> = (&'a Entry, String, Vec<String>);

fn near_duplicate_questions(entries: &[Entry]) -> Vec<Diagnostic> {
    let mut by_tech: BTreeMap<&str, Vec<Normalised<'_>>> = BTreeMap::new();
    for e in entries.iter().filter(|e| e.kind == Kind::Question) {
        let mut terms = text::search_terms(&e.title);
        let joined = terms.join(" ");
        terms.sort();
        terms.dedup();
        by_tech.entry(&e.tech).or_default().push((e, joined, terms));
    }
    let mut diags = Vec::new();
    for list in by_tech.values() {
        let mut index: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, (_, _, terms)) in list.iter().enumerate() {
            for t in terms {
                index.entry(t.as_str()).or_default().push(i);
            }
        }
        for (i, (b, tb, terms)) in list.iter().enumerate() {
            let mut shared: HashMap<usize, usize> = HashMap::new();
            for t in terms {
                let posting = &index[t.as_str()];
                if posting.len() > 200 {
                    continue;
                }
                for &j in posting.iter().take_while(|&&j| j < i) {
                    *shared.entry(j).or_default() += 1;
                }
            }
            for (j, n) in shared {
                let (a, ta, ta_terms) = &list[j];
                if n * 2 < terms.len().max(ta_terms.len()) {
                    continue;
                }
                let sim = strsim::normalized_levenshtein(ta, tb);
                if sim >= 0.9 {
                    diags.push(Diagnostic {
                        path: b.source.clone(),
                        line: 1,
                        message: format!(
                            "question {} is a near duplicate of {} ({:.0}% alike)",
                            b.id,
                            a.id,
                            sim * 100.0
                        ),
                    });
                }
            }
        }
    }
    diags
}
