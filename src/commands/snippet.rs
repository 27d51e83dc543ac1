//! `kh snippet`: a snippet by ID or query. Piped, only the code is printed, so that
//! `kh snippet SN-PY-001 > client.py` gives a working file; `-o` writes it safely.

use super::{query_text, Outcome};
use crate::cli::SnippetArgs;
use crate::error::{Error, Result};
use crate::filter::Filter;
use crate::index;
use crate::output::Output;
use crate::store::{EntryRef, Hub};
use kh_corpus::model::{Entry, Kind};

/// Runs `kh snippet`.
pub fn run(hub: &Hub, a: SnippetArgs, out: &mut Output) -> Result<Outcome> {
    let query = query_text(&a.query, "snippet")?;
    let Some(at) = find(hub, &query)? else {
        out.hint("kh: no snippet matches; try `kh list snippet` to browse")?;
        return Ok(Outcome::Nothing);
    };
    let entry = hub.entry(at)?;
    let code = code(&entry)?;
    if let Some(path) = &a.output {
        crate::write::write_new(path, code.as_bytes(), a.force)?;
        out.hint(&format!(
            "wrote {} ({}) to {}",
            entry.id,
            entry.title,
            path.display()
        ))?;
    } else if a.json {
        out.entry_json(&entry, hub.store(at).local)?;
    } else if a.code || !out.is_terminal() {
        out.raw(&code)?;
    } else {
        out.entry(&entry, hub.store(at).local)?;
    }
    Ok(Outcome::Found)
}

/// An exact ID first (a snippet's or not: any kind with code), else the best snippet hit.
fn find(hub: &Hub, query: &str) -> Result<Option<EntryRef>> {
    if let Some(at) = hub.find_id(query) {
        if hub.summary(at)?.kind == Kind::Snippet {
            return Ok(Some(at));
        }
    }
    let filter = Filter {
        kind: Some(Kind::Snippet),
        ..Filter::default()
    };
    Ok(index::search(hub, query, &|s| filter.keep(s), 1)?
        .first()
        .map(|h| h.at))
}

/// The code of a snippet, ending in one newline.
pub fn code(entry: &Entry) -> Result<String> {
    let body = entry.section("Code").unwrap_or("");
    let (_, code) = kh_corpus::parse::code_blocks(body)
        .into_iter()
        .next()
        .ok_or_else(|| Error::Index(format!("{} has no code block", entry.id)))?;
    let mut code = code;
    if !code.ends_with('\n') {
        code.push('\n');
    }
    Ok(code)
}
