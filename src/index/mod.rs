//! Ranked, typo-tolerant search over the term index of every store.
//!
//! Each query term is looked up exactly, by prefix and, for longer terms, by edit distance
//! in the fst, streaming over the embedded bytes; postings give the entries and the weight
//! of the fields the term is in (title over body). Scores are summed per entry, scaled by
//! how many query terms matched, and only the winners' summaries are decoded.

pub mod fuzzy;

use crate::store::{EntryRef, Hub, Store};
use fst::{Automaton, IntoStreamer, Streamer};
use kh_corpus::blob::get_varint;
use kh_corpus::model::Summary;
use kh_corpus::text;
use std::collections::HashMap;

/// One search result.
#[derive(Debug, Clone)]
pub struct Hit {
    /// Where the entry is.
    pub at: EntryRef,
    /// Relevance; only comparable within one query.
    pub score: f64,
    /// The entry's summary.
    pub summary: Summary,
}

/// How many fst keys a prefix or fuzzy expansion may add per query term.
const MAX_EXPANSIONS: usize = 40;

/// Searches every store. `keep` filters on the summary; at most `limit` hits return.
pub fn search(
    hub: &Hub,
    query: &str,
    keep: &dyn Fn(&Summary) -> bool,
    limit: usize,
) -> crate::Result<Vec<Hit>> {
    let terms = dedup(text::search_terms(query));
    let mut scored: Vec<(EntryRef, f64)> = Vec::new();
    for (s, store) in hub.stores().iter().enumerate() {
        for (rec, score) in score_store(store, &terms) {
            scored.push((
                EntryRef {
                    store: s as u16,
                    rec,
                },
                score,
            ));
        }
    }
    scored.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let mut hits = Vec::new();
    for (at, score) in scored {
        let summary = hub.summary(at)?;
        if keep(&summary) {
            hits.push(Hit { at, score, summary });
            if hits.len() >= limit {
                break;
            }
        }
    }
    Ok(hits)
}

fn dedup(mut terms: Vec<String>) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    terms.retain(|t| seen.insert(t.clone()));
    terms
}

/// Scores every entry of one store that matches at least one term.
fn score_store(store: &Store, terms: &[String]) -> HashMap<u32, f64> {
    let n = store.len().max(1) as f64;
    let mut total: HashMap<u32, (f64, usize)> = HashMap::new();
    for term in terms {
        let mut best: HashMap<u32, f64> = HashMap::new();
        for (offset, quality) in expansions(store, term) {
            let list = postings(store.postings(), offset);
            let idf = (1.0 + n / list.len().max(1) as f64).ln();
            for (rec, w) in list {
                let s = quality * idf * (1.0 + f64::from(w)).ln();
                let slot = best.entry(rec).or_insert(0.0);
                if s > *slot {
                    *slot = s;
                }
            }
        }
        for (rec, s) in best {
            let t = total.entry(rec).or_insert((0.0, 0));
            t.0 += s;
            t.1 += 1;
        }
    }
    let q = terms.len().max(1) as f64;
    total
        .into_iter()
        .map(|(rec, (s, matched))| {
            let coverage = matched as f64 / q;
            (rec, s * coverage * coverage)
        })
        .collect()
}

/// The index keys a query term reaches, with how good a match each is (1.0 exact).
fn expansions(store: &Store, term: &str) -> Vec<(u64, f64)> {
    let map = store.terms();
    let mut out = Vec::new();
    if let Some(v) = map.get(term) {
        out.push((v, 1.0));
    }
    let len = term.chars().count();
    if len >= 3 {
        let aut = fst::automaton::Str::new(term).starts_with();
        let mut stream = map.search(aut).into_stream();
        let mut added = 0;
        while let Some((k, v)) = stream.next() {
            if k != term.as_bytes() {
                // A longer word that starts with the term: good, but less than exact.
                let extra = k.len().saturating_sub(term.len()) as f64;
                out.push((v, 0.75 - (extra * 0.02).min(0.25)));
                added += 1;
                if added >= MAX_EXPANSIONS {
                    break;
                }
            }
        }
    }
    // A word that is in the index as typed needs no typo expansion; one that is not
    // gets its neighbours within one edit (two for long words).
    if len >= 4 && out.first().is_none_or(|(_, q)| *q < 1.0) {
        let dist = if len >= 8 { 2 } else { 1 };
        let mut stream = map.search(fuzzy::Fuzzy::new(term, dist)).into_stream();
        let mut added = 0;
        while let Some((k, v)) = stream.next() {
            if k != term.as_bytes() {
                let k = String::from_utf8_lossy(k);
                let sim = strsim::normalized_damerau_levenshtein(term, &k);
                out.push((v, 0.7 * sim));
                added += 1;
                if added >= MAX_EXPANSIONS {
                    break;
                }
            }
        }
    }
    out
}

/// Decodes one postings list: (record, weight) pairs.
fn postings(bytes: &[u8], offset: u64) -> Vec<(u32, u8)> {
    let mut pos = offset as usize;
    let Some(count) = get_varint(bytes, &mut pos) else {
        return Vec::new();
    };
    let mut out = Vec::with_capacity(count.min(1 << 20) as usize);
    let mut rec = 0u64;
    for _ in 0..count {
        let (Some(delta), Some(&w)) = (get_varint(bytes, &mut pos), bytes.get(pos)) else {
            break;
        };
        pos += 1;
        rec += delta;
        out.push((rec as u32, w));
    }
    out
}

/// Decodes one message postings list: message numbers.
pub fn message_postings(bytes: &[u8], offset: u64) -> Vec<u32> {
    let mut pos = offset as usize;
    let Some(count) = get_varint(bytes, &mut pos) else {
        return Vec::new();
    };
    let mut out = Vec::with_capacity(count.min(1 << 20) as usize);
    let mut m = 0u64;
    for _ in 0..count {
        let Some(delta) = get_varint(bytes, &mut pos) else {
            break;
        };
        m += delta;
        out.push(m as u32);
    }
    out
}
