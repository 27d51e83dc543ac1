//! JSON shapes of entries and matches: the contracts that scripts rely on (see README).

use crate::explain::Match;
use kh_corpus::model::{Detail, Entry};
use serde_json::{json, Map, Value};

/// An entry as a flat JSON object: common fields, kind fields, then `sections`.
pub fn entry(e: &Entry, local: bool) -> Value {
    let mut o = Map::new();
    o.insert("id".into(), json!(e.id));
    o.insert("kind".into(), json!(e.kind.as_str()));
    o.insert("title".into(), json!(e.title));
    if !e.tech.is_empty() {
        o.insert("tech".into(), json!(e.tech));
    }
    o.insert("tags".into(), json!(e.tags));
    match &e.detail {
        Detail::Question {
            topic,
            level,
            difficulty,
        } => {
            o.insert("topic".into(), json!(topic));
            o.insert("level".into(), json!(level.as_str()));
            o.insert("difficulty".into(), json!(difficulty));
        }
        Detail::Error { class, messages } => {
            o.insert("class".into(), json!(class));
            o.insert("messages".into(), json!(messages));
        }
        Detail::Snippet {
            category,
            summary,
            file,
            works_with,
        } => {
            o.insert("category".into(), json!(category));
            o.insert("summary".into(), json!(summary));
            o.insert("file".into(), json!(file));
            o.insert("works_with".into(), json!(works_with));
        }
        Detail::Design { level, related } => {
            o.insert("level".into(), json!(level.as_str()));
            o.insert("related".into(), json!(related));
        }
        Detail::Path {
            level,
            hours,
            summary,
            modules,
        } => {
            o.insert("level".into(), json!(level.as_str()));
            o.insert("hours".into(), json!(hours));
            o.insert("summary".into(), json!(summary));
            o.insert(
                "modules".into(),
                Value::Array(
                    modules
                        .iter()
                        .map(
                            |m| json!({"title": m.title, "topics": m.topics, "entries": m.entries}),
                        )
                        .collect(),
                ),
            );
        }
        Detail::Security { category, related } => {
            o.insert("category".into(), json!(category));
            o.insert("related".into(), json!(related));
        }
    }
    // A heading may repeat (an error's several Examples): later ones get `_2`, `_3`, ...
    let mut sections = Map::new();
    for s in &e.sections {
        let base = section_key(&s.heading);
        let mut key = base.clone();
        let mut n = 1;
        while sections.contains_key(&key) {
            n += 1;
            key = format!("{base}_{n}");
        }
        sections.insert(key, json!(s.body));
    }
    o.insert("sections".into(), Value::Object(sections));
    o.insert("local".into(), json!(local));
    Value::Object(o)
}

/// `Deep Dive` → `deep_dive`.
fn section_key(heading: &str) -> String {
    heading
        .to_ascii_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect::<String>()
        .split('_')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("_")
}

/// One explain match: the contract fields `id kind title lang score messages cause fix`,
/// plus where it was found.
pub fn explain_match(m: &Match, e: &Entry, local: bool) -> Value {
    json!({
        "id": e.id,
        "kind": e.kind.as_str(),
        "title": e.title,
        "lang": e.tech,
        "score": (m.score * 1000.0).round() / 1000.0,
        "messages": e.messages(),
        "cause": e.section("Cause").unwrap_or(""),
        "fix": e.section("Fix").unwrap_or(""),
        "matched": {"line": m.found.line_no, "text": m.found.line, "message": m.found.message},
        "local": local,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn section_keys_are_snake_case() {
        assert_eq!(section_key("Deep Dive"), "deep_dive");
        assert_eq!(section_key("Real-World"), "real_world");
        assert_eq!(section_key("Follow-up Questions"), "follow_up_questions");
    }
}
