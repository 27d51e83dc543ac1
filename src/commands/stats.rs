//! `kh stats`: counts by kind and by technology.

use super::Outcome;
use crate::error::Result;
use crate::output::Output;
use crate::store::Hub;
use kh_corpus::model::Kind;
use std::collections::BTreeMap;

/// Counts over all stores.
#[derive(Debug, Default)]
pub struct Stats {
    /// All entries.
    pub total: usize,
    /// Per kind, every kind present (zero included).
    pub by_kind: Vec<(Kind, usize)>,
    /// Per technology slug.
    pub by_tech: BTreeMap<String, usize>,
    /// Per kind, then technology.
    pub by_kind_tech: BTreeMap<(Kind, String), usize>,
    /// Entries from the user's own corpora.
    pub local: usize,
}

/// Counts every entry.
pub fn count(hub: &Hub) -> Result<Stats> {
    let mut s = Stats {
        by_kind: Kind::ALL.iter().map(|k| (*k, 0)).collect(),
        ..Stats::default()
    };
    for at in hub.all() {
        let sum = hub.summary(at)?;
        s.total += 1;
        if hub.store(at).local {
            s.local += 1;
        }
        if let Some(slot) = s.by_kind.iter_mut().find(|(k, _)| *k == sum.kind) {
            slot.1 += 1;
        }
        if !sum.tech.is_empty() {
            *s.by_tech.entry(sum.tech.clone()).or_default() += 1;
            *s.by_kind_tech.entry((sum.kind, sum.tech)).or_default() += 1;
        }
    }
    Ok(s)
}

/// Runs `kh stats`.
pub fn run(hub: &Hub, json: bool, out: &mut Output) -> Result<Outcome> {
    let stats = count(hub)?;
    if json {
        out.stats_json(&stats)?;
    } else {
        out.stats(&stats)?;
    }
    Ok(Outcome::from_found(stats.total > 0))
}
