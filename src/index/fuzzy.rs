//! A Levenshtein automaton that costs nothing to build: the state is one row of the
//! edit-distance table, computed as the fst is walked, and a branch is dropped as soon as
//! every cell of its row exceeds the distance. Swapped neighbours count as one edit
//! (optimal string alignment), and the first letter must match. (fst's own `Levenshtein`
//! builds a DFA first, which takes milliseconds for distance 2: more than the whole lookup
//! may cost.) Only the band of cells within the distance of the diagonal is computed, and
//! every value past the distance is kept as distance + 1: a cell off the band can never
//! come back under the distance, so the answers are the same for a fraction of the work.

use super::walk::{Narrow, MAX_NEXT};
use fst::Automaton;

/// The longest query the automaton handles; longer terms are cut (typos in them are
/// rare and the prefix search still finds them). The fst stream copies a state per
/// step, so the rows are kept short.
const MAX: usize = 20;

/// Matches keys within `max` edits (insert, delete, substitute) of `query`, byte-wise.
pub struct Fuzzy<'a> {
    query: &'a [u8],
    max: u8,
}

impl<'a> Fuzzy<'a> {
    /// Whether the automaton reads all of `query` (it cuts what is longer than it keeps).
    pub fn reads_whole(&self, query: &str) -> bool {
        self.query.len() == query.len()
    }

    /// An automaton for `query` and distance `max`.
    pub fn new(query: &'a str, max: u8) -> Fuzzy<'a> {
        let q = query.as_bytes();
        Fuzzy {
            query: &q[..q.len().min(MAX)],
            max,
        }
    }
}

/// The current and previous rows of the edit-distance table and the last byte read,
/// kept on the stack (no allocation per step); two rows are what a transposition needs.
#[derive(Clone, Copy)]
pub struct Rows {
    row: [u8; MAX + 1],
    prev: [u8; MAX + 1],
    last: u8,
    /// Bytes read so far.
    depth: usize,
}

impl Automaton for Fuzzy<'_> {
    /// The rows so far; `None` once the branch cannot match.
    type State = Option<Rows>;

    fn start(&self) -> Self::State {
        let cap = self.max + 1;
        let mut row = [cap; MAX + 1];
        for (i, cell) in row.iter_mut().enumerate().take(self.query.len() + 1) {
            *cell = (i as u8).min(cap);
        }
        Some(Rows {
            row,
            prev: [cap; MAX + 1],
            last: 0,
            depth: 0,
        })
    }

    fn is_match(&self, state: &Self::State) -> bool {
        state
            .as_ref()
            .is_some_and(|r| r.row[self.query.len()] <= self.max)
    }

    fn can_match(&self, state: &Self::State) -> bool {
        state.is_some()
    }

    fn accept(&self, state: &Self::State, byte: u8) -> Self::State {
        let before = state.as_ref()?;
        let prev = &before.row;
        let depth = before.depth + 1;
        // The first letter must be right: people rarely mistype it, and requiring it
        // keeps the walk to one branch of the fst instead of nearly all of them.
        if depth == 1 && self.query.first().is_some_and(|&q| q != byte) {
            return None;
        }
        let (max, cap) = (usize::from(self.max), self.max + 1);
        let mut row = [cap; MAX + 1];
        row[0] = depth.min(usize::from(cap)) as u8;
        let mut best = row[0];
        // Cell j (j letters of the query) can be within `max` only if |j - depth| <= max.
        let lo = depth.saturating_sub(max).max(1);
        let hi = (depth + max).min(self.query.len());
        for j in lo..=hi {
            let (i, q) = (j - 1, self.query[j - 1]);
            let cost = u8::from(q != byte);
            let mut v = (prev[i] + cost).min(prev[j] + 1).min(row[i] + 1);
            // Two neighbouring letters swapped ("foreing") count as one edit.
            if i > 0 && q == before.last && self.query[i - 1] == byte {
                v = v.min(before.prev[i - 1] + 1);
            }
            row[j] = v.min(cap);
            best = best.min(row[j]);
        }
        (best <= self.max).then_some(Rows {
            row,
            prev: *prev,
            last: byte,
            depth,
        })
    }
}

impl Narrow for Fuzzy<'_> {
    /// With no edit left to spend (every live cell at the distance, and past the first
    /// `max` bytes), a byte keeps the branch alive only by matching the query letter
    /// after a live cell, or by completing a swap: those letters are the answer.
    fn next_bytes(&self, state: &Self::State, out: &mut [u8; MAX_NEXT]) -> Option<usize> {
        let r = state.as_ref()?;
        let max = self.max;
        if r.depth < usize::from(max) {
            return None;
        }
        let q = self.query;
        let lo = r.depth.saturating_sub(usize::from(max));
        let hi = (r.depth + usize::from(max)).min(q.len());
        let mut n = 0;
        let mut add = |b: u8| {
            if !out[..n].contains(&b) {
                out[n] = b;
                n += 1;
            }
        };
        for i in lo..=hi {
            if r.row[i] < max {
                return None;
            }
            if r.row[i] == max && i < q.len() {
                add(q[i]);
            }
            // A swap completed by the next byte: query[i] read last, query[i - 1] next.
            if i > 0 && i < q.len() && q[i] == r.last {
                add(q[i - 1]);
            }
        }
        out[..n].sort_unstable();
        Some(n)
    }
}

/// Calls `f` with every key of `fst` within the automaton's distance, its value and its
/// distance from the query (bytes, optimal string alignment), in key order (the order an
/// fst stream gives), until `f` returns false, by [`super::walk::walk`] (the fst stream's
/// copying of each state was most of the cost of a typo search).
pub fn for_each_match<D: AsRef<[u8]>>(
    fst: &fst::raw::Fst<D>,
    aut: &Fuzzy<'_>,
    mut f: impl FnMut(&[u8], u64, u8) -> bool,
) {
    let last = aut.query.len();
    let mut key = Vec::with_capacity(32);
    let start = aut.start();
    super::walk::walk(
        fst,
        fst.root(),
        fst::raw::Output::zero(),
        &start,
        aut,
        &mut key,
        &mut |k, v, state: &Option<Rows>| f(k, v, state.as_ref().map_or(u8::MAX, |r| r.row[last])),
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use fst::{IntoStreamer, Set, Streamer};

    fn matches(words: &[&str], q: &str, d: u8) -> Vec<String> {
        let set = Set::from_iter(words.iter().copied()).expect("sorted");
        let mut s = set.search(Fuzzy::new(q, d)).into_stream();
        let mut out = Vec::new();
        while let Some(k) = s.next() {
            out.push(String::from_utf8_lossy(k).into_owned());
        }
        out
    }

    #[test]
    fn finds_words_within_the_distance() {
        let words = ["constrain", "constraint", "construct", "foreign", "forget"];
        assert_eq!(matches(&words, "constrant", 1), ["constraint"]);
        assert_eq!(
            matches(&words, "constrant", 2),
            ["constrain", "constraint", "construct"]
        );
        assert_eq!(
            matches(&words, "foreing", 1),
            ["foreign"],
            "a swap is one edit"
        );
        assert!(
            matches(&words, "oreign", 1).is_empty(),
            "the first letter must match"
        );
        assert!(matches(&words, "xyz", 1).is_empty());
    }

    proptest::proptest! {
        /// The banded automaton agrees with the textbook distance (optimal string
        /// alignment) on every word, for distances 1 and 2, and reports that distance.
        #[test]
        fn agrees_with_the_full_table(
            words in proptest::collection::btree_set("[a-e]{1,9}", 1..40),
            q in "[a-e]{1,9}",
            d in 1u8..=2,
        ) {
            let words: Vec<&str> = words.iter().map(String::as_str).collect();
            let want: Vec<String> = words
                .iter()
                .filter(|w| w.as_bytes()[0] == q.as_bytes()[0])
                .filter(|w| strsim::osa_distance(w, &q) <= usize::from(d))
                .map(|w| w.to_string())
                .collect();
            proptest::prop_assert_eq!(matches(&words, &q, d), want.clone());
            let map = fst::Map::from_iter(words.iter().enumerate().map(|(i, w)| (*w, i as u64)))
                .expect("sorted");
            let mut walked = Vec::new();
            for_each_match(map.as_fst(), &Fuzzy::new(&q, d), |k, v, dist| {
                walked.push((String::from_utf8_lossy(k).into_owned(), v, dist));
                true
            });
            let by_stream: Vec<(String, u64, u8)> = want
                .iter()
                .map(|w| {
                    let dist = strsim::osa_distance(w, &q) as u8;
                    (w.clone(), map.get(w).unwrap_or(u64::MAX), dist)
                })
                .collect();
            proptest::prop_assert_eq!(walked, by_stream);
        }
    }
}
