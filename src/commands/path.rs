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
    if a.next {
        let next = next_paths(hub, &entry)?;
        if next.is_empty() {
            out.hint("kh: no other path follows on from this one")?;
            return Ok(Outcome::Nothing);
        }
        out.next_paths(&entry, &next, a.json)?;
        return Ok(Outcome::Found);
    }
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

/// How many of a path's entries are about each technology.
fn techs(hub: &Hub, path: &Entry) -> Result<std::collections::BTreeMap<String, usize>> {
    let mut counts = std::collections::BTreeMap::new();
    for id in path.references() {
        if let Some(at) = hub.find_id(id) {
            let t = hub.summary(at)?.tech;
            if !t.is_empty() {
                *counts.entry(t).or_insert(0) += 1;
            }
        }
    }
    Ok(counts)
}

/// Paths to take after `path`, best first, with the reason: the next level up on the
/// same technologies first, then the same level on neighbouring ones. Technologies are
/// weighted by how many entries of each path are about them.
pub fn next_paths(hub: &Hub, path: &Entry) -> Result<Vec<(Entry, String)>> {
    let mine = techs(hub, path)?;
    let level = path.level().map_or(0, |l| l as i32);
    let filter = Filter {
        kind: Some(Kind::Path),
        ..Filter::default()
    };
    let mut scored = Vec::new();
    for (at, s) in super::list::matching(hub, &filter)? {
        if s.id == path.id {
            continue;
        }
        let other = hub.entry(at)?;
        let theirs = techs(hub, &other)?;
        let mut shared: Vec<(usize, &String)> = mine
            .iter()
            .filter_map(|(t, n)| theirs.get(t).map(|m| (*n.min(m), t)))
            .collect();
        let common: usize = shared.iter().map(|(n, _)| n).sum();
        let all: usize = mine.values().sum::<usize>() + theirs.values().sum::<usize>() - common;
        let overlap = common as f64 / all.max(1) as f64;
        shared.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(b.1)));
        let names: Vec<&String> = shared.iter().map(|(_, t)| *t).collect();
        let step = other.level().map_or(0, |l| l as i32) - level;
        let level_score = match step {
            1 => 1.0,
            0 => 0.5,
            2 => 0.3,
            _ => -1.0,
        };
        let score = 3.0 * overlap + level_score;
        if score > 0.6 {
            let why = match (step, names.is_empty()) {
                (1, false) => format!("one level up, on {}", join(&names)),
                (0, false) => format!("same level, also on {}", join(&names)),
                (_, false) => format!("builds on {}", join(&names)),
                _ => "the next level up".to_string(),
            };
            scored.push((score, other, why));
        }
    }
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.id.cmp(&b.1.id)));
    Ok(scored
        .into_iter()
        .take(3)
        .map(|(_, e, why)| (e, why))
        .collect())
}

fn join(techs: &[&String]) -> String {
    techs
        .iter()
        .take(2)
        .map(|t| t.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}
