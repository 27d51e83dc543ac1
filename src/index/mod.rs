//! Ranked, typo-tolerant search over the term index of every store.
//!
//! Each query term is looked up exactly, by prefix and, for longer terms, by edit distance
//! in the fst, streaming over the embedded bytes; postings give the entries and the weight
//! of the fields the term is in (title over body). Scores are summed per entry, scaled by
//! how many query terms matched, and only the winners' summaries are decoded.

pub mod fuzzy;
pub mod walk;

use crate::store::{EntryRef, Hub, Map, Store};
use kh_corpus::blob::get_varint;
use kh_corpus::model::Summary;
use kh_corpus::text;
use rustc_hash::FxHashMap;

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

/// Query terms read, at most: a pasted paragraph is not made a slower search by its
/// hundredth word (and term numbers fit in the 16 bits [`Acc`] keeps).
const MAX_TERMS: usize = 256;

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
        score_store(store, s as u16, &terms, &mut scored)?;
    }
    let order =
        |a: &(EntryRef, f64), b: &(EntryRef, f64)| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0));
    // Sorting every match of a common word costs more than the rest of a search: the best
    // few are picked out and sorted, then the next few (twice as many) only if the filter
    // turned down too many of them.
    let mut hits = Vec::new();
    let (mut start, mut chunk) = (0, limit.saturating_mul(4).max(16));
    while start < scored.len() && hits.len() < limit {
        let end = start.saturating_add(chunk).min(scored.len());
        if end < scored.len() {
            scored[start..].select_nth_unstable_by(end - start, order);
        }
        scored[start..end].sort_unstable_by(order);
        for &(at, score) in &scored[start..end] {
            let summary = hub.summary(at)?;
            if keep(&summary) {
                hits.push(Hit { at, score, summary });
                if hits.len() >= limit {
                    break;
                }
            }
        }
        start = end;
        chunk = chunk.saturating_mul(2);
    }
    Ok(hits)
}

/// Drops repeated terms, keeping the first of each. A query has a few terms (at most
/// [`MAX_TERMS`] are kept): comparing them pairwise costs less than a hashed set, whose
/// random seed is a system call.
fn dedup(terms: Vec<String>) -> Vec<String> {
    let mut kept: Vec<String> = Vec::with_capacity(terms.len().min(MAX_TERMS));
    for t in terms {
        if kept.len() == MAX_TERMS {
            break;
        }
        if !kept.contains(&t) {
            kept.push(t);
        }
    }
    kept
}

/// Scores every entry of store number `s` that matches at least one term, into `scored`.
fn score_store(
    store: &Store,
    s: u16,
    terms: &[String],
    scored: &mut Vec<(EntryRef, f64)>,
) -> crate::Result<()> {
    let n = store.len().max(1);
    let map = store.terms()?;
    let lists: Vec<Expansions> = terms.iter().map(|t| expansions(map, t)).collect();
    let df = |l: &[(u64, f64)]| -> usize {
        l.iter()
            .map(|(off, _)| postings_len(store.postings(), *off))
            .sum()
    };
    let dfs: Vec<usize> = lists.iter().map(|l| df(l)).collect();
    // A word in most entries says little, and reading its postings is the whole cost of
    // a search over a large corpus: when the query has a rarer word, such words are left
    // out (as stopwords are).
    let common = n / 5;
    let has_rare = dfs.iter().any(|&d| d > 0 && d <= common);
    let (kept, kept_dfs): (Vec<&Expansions>, Vec<usize>) = lists
        .iter()
        .zip(dfs)
        .filter(|&(_, d)| !(has_rare && d > common))
        .unzip();
    // One map, sized once for all the lists together: growing a map rehashes it and
    // leaves the old tables behind as heap pages touched for nothing, and each entry is
    // kept to 16 bytes (a second map for the best match per term doubled the pages).
    let all = kept_dfs.iter().sum::<usize>().min(4096);
    let mut acc: FxHashMap<u32, Acc> = FxHashMap::with_capacity_and_hasher(all, Default::default());
    // log(1 + w) for the 256 possible weights, computed as they occur.
    let mut log_weight = [f64::NAN; 256];
    for (term, expansions) in kept.iter().enumerate() {
        let term = term as u16;
        for &(offset, quality) in expansions.iter() {
            let len = postings_len(store.postings(), offset);
            let idf = libm::log(1.0 + n as f64 / len.max(1) as f64);
            for_each_posting(store.postings(), offset, |rec, w| {
                let lw = &mut log_weight[usize::from(w)];
                if lw.is_nan() {
                    *lw = libm::log(1.0 + f64::from(w));
                }
                acc.entry(rec)
                    .or_insert(Acc::new(term))
                    .add(term, (quality * idf * *lw) as f32);
            });
        }
    }
    let q = kept.len().max(1) as f64;
    scored.reserve_exact(acc.len());
    scored.extend(acc.into_iter().map(|(rec, a)| {
        let coverage = f64::from(a.matched) / q;
        let score = f64::from(a.sum) + f64::from(a.best);
        (EntryRef { store: s, rec }, score * coverage * coverage)
    }));
    Ok(())
}

/// One entry's score so far: the sum over the query terms done, and the best match
/// (over a term's expansions) of the term being read.
#[derive(Clone, Copy)]
struct Acc {
    sum: f32,
    best: f32,
    term: u16,
    matched: u16,
}

impl Acc {
    fn new(term: u16) -> Acc {
        Acc {
            sum: 0.0,
            best: 0.0,
            term,
            matched: 0,
        }
    }

    /// Counts a match of `term` worth `s`: the best of a term's matches counts once.
    fn add(&mut self, term: u16, s: f32) {
        if self.matched == 0 || term != self.term {
            self.sum += self.best;
            self.best = s;
            self.term = term;
            self.matched += 1;
        } else if s > self.best {
            self.best = s;
        }
    }
}

/// The number of entries in one postings list, read without decoding it.
fn postings_len(bytes: &[u8], offset: u64) -> usize {
    let mut pos = offset as usize;
    get_varint(bytes, &mut pos).map_or(0, |n| n as usize)
}

/// Index keys (postings offsets) with how good a match each is (1.0 exact).
type Expansions = Vec<(u64, f64)>;

/// The index keys a query term reaches, with how good a match each is (1.0 exact).
fn expansions(map: &Map, term: &str) -> Expansions {
    let mut out = Vec::new();
    let len = term.chars().count();
    if len >= 3 {
        // The walk goes straight down to the term (a prefix automaton would test every
        // transition of every node on the way), and gives the term itself first.
        let mut added = 0;
        walk::for_each_with_prefix(map.as_fst(), term.as_bytes(), |k, v| {
            if k.len() == term.len() {
                out.push((v, 1.0));
                return true;
            }
            // A longer word that starts with the term: good, but less than exact.
            let extra = k.len().saturating_sub(term.len()) as f64;
            out.push((v, 0.75 - (extra * 0.02).min(0.25)));
            added += 1;
            added < MAX_EXPANSIONS
        });
    } else if let Some(v) = map.get(term) {
        out.push((v, 1.0));
    }
    // A word that is in the index as typed needs no typo expansion; one that is not
    // gets its neighbours within one edit, and a long word that has none within one gets
    // those within two (most typos are one edit, and the two-edit walk costs far more).
    if len >= 4 && out.first().is_none_or(|(_, q)| *q < 1.0) {
        let found = typo_neighbours(map, term, 1, &mut out);
        if found == 0 && len >= 8 {
            typo_neighbours(map, term, 2, &mut out);
        }
    }
    out
}

/// Appends the index keys within `dist` edits of `term` (at most [`MAX_EXPANSIONS`]),
/// each with its similarity, `1 - edits / longer length`; returns how many. The walk
/// knows the edits; only a term longer than the automaton reads is measured again.
fn typo_neighbours(map: &Map, term: &str, dist: u8, out: &mut Vec<(u64, f64)>) -> usize {
    let mut added = 0;
    let aut = fuzzy::Fuzzy::new(term, dist);
    fuzzy::for_each_match(map.as_fst(), &aut, |k, v, edits| {
        if k != term.as_bytes() {
            let sim = if aut.reads_whole(term) {
                1.0 - f64::from(edits) / k.len().max(term.len()) as f64
            } else {
                let k = String::from_utf8_lossy(k);
                let longer = term.chars().count().max(k.chars().count()).max(1);
                1.0 - strsim::osa_distance(term, &k) as f64 / longer as f64
            };
            out.push((v, 0.7 * sim));
            added += 1;
        }
        added < MAX_EXPANSIONS
    });
    added
}

/// Calls `f` with each (record, weight) pair of the postings list at `offset`; a
/// truncated list ends early.
fn for_each_posting(bytes: &[u8], offset: u64, mut f: impl FnMut(u32, u8)) {
    let mut pos = offset as usize;
    let count = get_varint(bytes, &mut pos).unwrap_or(0);
    let mut rec = 0u64;
    for _ in 0..count {
        let (Some(delta), Some(&w)) = (get_varint(bytes, &mut pos), bytes.get(pos)) else {
            return;
        };
        pos += 1;
        rec += delta;
        f(rec as u32, w);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_terms_count_once_in_first_order_and_at_most_max_terms_are_kept() {
        let words = |s: &str| s.split(' ').map(String::from).collect::<Vec<_>>();
        assert_eq!(
            dedup(words("key foreign key constraint foreign")),
            words("key foreign constraint")
        );
        let many: Vec<String> = (0..MAX_TERMS + 50)
            .map(|i| format!("w{}", i % (MAX_TERMS + 10)))
            .collect();
        let kept = dedup(many);
        assert_eq!(kept.len(), MAX_TERMS);
        assert_eq!(
            kept.last().map(String::as_str),
            Some(format!("w{}", MAX_TERMS - 1).as_str())
        );
    }

    #[test]
    fn a_term_counts_its_best_expansion_once_and_terms_add_up() {
        let mut a = Acc::new(0);
        a.add(0, 1.0);
        a.add(0, 3.0);
        a.add(0, 2.0);
        assert_eq!((a.sum + a.best, a.matched), (3.0, 1), "best of term 0");
        a.add(2, 0.5);
        a.add(2, 0.25);
        assert_eq!((a.sum + a.best, a.matched), (3.5, 2), "term 2 added");
        let mut late = Acc::new(1);
        late.add(1, 0.0);
        assert_eq!(late.matched, 1, "a match worth nothing still counts");
    }

    #[test]
    fn postings_are_read_in_place_and_stop_at_the_end_of_the_bytes() {
        let mut bytes = Vec::new();
        for n in [3u64, 4, 9, 1, 7, 200, 2] {
            kh_corpus::blob::put_varint(&mut bytes, n);
        }
        let mut got = Vec::new();
        for_each_posting(&bytes, 0, |r, w| got.push((r, w)));
        assert_eq!(got, [(4, 9), (5, 7), (205, 2)]);
        got.clear();
        for_each_posting(&bytes[..bytes.len() - 1], 0, |r, w| got.push((r, w)));
        assert_eq!(got, [(4, 9), (5, 7)]);
        assert_eq!(postings_len(&bytes, 0), 3);
    }
}
