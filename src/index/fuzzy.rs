//! A Levenshtein automaton that costs nothing to build: the state is one row of the
//! edit-distance table, computed as the fst is walked, and a branch is dropped as soon as
//! every cell of its row exceeds the distance. (fst's own `Levenshtein` builds a DFA
//! first, which takes milliseconds for distance 2: more than the whole lookup may cost.)

use fst::Automaton;

/// Matches keys within `max` edits (insert, delete, substitute) of `query`, byte-wise.
pub struct Fuzzy<'a> {
    query: &'a [u8],
    max: u8,
}

impl<'a> Fuzzy<'a> {
    /// An automaton for `query` and distance `max`.
    pub fn new(query: &'a str, max: u8) -> Fuzzy<'a> {
        Fuzzy {
            query: query.as_bytes(),
            max,
        }
    }
}

impl Automaton for Fuzzy<'_> {
    /// The current row; `None` once the branch cannot match.
    type State = Option<Vec<u8>>;

    fn start(&self) -> Self::State {
        Some((0..=self.query.len()).map(|i| i.min(255) as u8).collect())
    }

    fn is_match(&self, state: &Self::State) -> bool {
        state
            .as_ref()
            .is_some_and(|row| row.last().is_some_and(|&d| d <= self.max))
    }

    fn can_match(&self, state: &Self::State) -> bool {
        state.is_some()
    }

    fn accept(&self, state: &Self::State, byte: u8) -> Self::State {
        let prev = state.as_ref()?;
        let mut row = Vec::with_capacity(prev.len());
        row.push(prev[0].saturating_add(1));
        for (i, &q) in self.query.iter().enumerate() {
            let cost = u8::from(q != byte);
            let v = (prev[i].saturating_add(cost))
                .min(prev[i + 1].saturating_add(1))
                .min(row[i].saturating_add(1));
            row.push(v);
        }
        (row.iter().min().copied().unwrap_or(u8::MAX) <= self.max).then_some(row)
    }
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
        assert_eq!(matches(&words, "foreing", 2), ["foreign"]);
        assert!(matches(&words, "xyz", 1).is_empty());
    }
}
