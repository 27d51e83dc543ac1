//! `kh path`: the learning paths, or one path with its modules and the entries they
//! point to.

use super::Outcome;
use crate::cli::PathArgs;
use crate::error::Result;
use crate::filter::Filter;
use crate::output::Output;
use crate::store::Hub;
use kh_corpus::model::{Detail, Entry, Kind, Summary};

/// One path resolved for display: each module with its entries' summaries (None when an
/// ID no longer resolves, which the linter prevents for the built-in corpus).
pub struct PathView {
    /// The path entry.
    pub entry: Entry,
    /// Module by module, the entries it points to.
    pub modules: Vec<Vec<(String, Option<Summary>)>>,
}

/// Runs `kh path`.
pub fn run(hub: &Hub, a: PathArgs, out: &mut Output) -> Result<Outcome> {
    let Some(id) = a.id else {
        let filter = Filter {
            kind: Some(Kind::Path),
            ..Filter::default()
        };
        let mut paths = Vec::new();
        for (at, _) in super::list::matching(hub, &filter)? {
            paths.push(hub.entry(at)?);
        }
        if paths.is_empty() {
            out.hint("kh: no learning paths in this build")?;
            return Ok(Outcome::Nothing);
        }
        out.paths(&paths, a.json)?;
        return Ok(Outcome::Found);
    };
    let found = hub.find_id(&id).map(|at| hub.entry(at)).transpose()?;
    let Some(entry) = found.filter(|e| e.kind == Kind::Path) else {
        let near: Vec<String> = hub
            .did_you_mean(&id, 5)
            .into_iter()
            .filter(|i| i.starts_with("LP-"))
            .take(3)
            .collect();
        out.did_you_mean(&id, &near)?;
        return Ok(Outcome::Nothing);
    };
    let Detail::Path { modules, .. } = &entry.detail else {
        return Ok(Outcome::Nothing);
    };
    let mut resolved = Vec::new();
    for m in modules {
        let mut list = Vec::new();
        for id in &m.entries {
            let s = hub.find_id(id).map(|at| hub.summary(at)).transpose()?;
            list.push((id.clone(), s));
        }
        resolved.push(list);
    }
    out.path(
        &PathView {
            entry,
            modules: resolved,
        },
        a.json,
    )?;
    Ok(Outcome::Found)
}
