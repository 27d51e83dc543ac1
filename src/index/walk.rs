//! Depth-first walks over an fst's raw nodes, for the reads that an fst stream makes
//! costly: the stream copies each automaton state onto a stack it grows on the heap, and
//! checks range bounds that neither a typo search nor a prefix read needs.

use fst::automaton::AlwaysMatch;
use fst::raw::{Fst, Node, Output, Transition};
use fst::Automaton;

/// The most bytes [`Narrow::next_bytes`] may name.
pub const MAX_NEXT: usize = 24;

/// An automaton that can sometimes name the only bytes that may keep a state alive, so
/// that the walk looks those up in a node instead of trying each of its transitions.
pub trait Narrow: Automaton {
    /// Writes into `out`, in increasing order, a set of bytes that holds every byte
    /// after which `state` can still match, and returns how many; `None` when any byte
    /// might do.
    fn next_bytes(&self, state: &Self::State, out: &mut [u8; MAX_NEXT]) -> Option<usize>;
}

impl Narrow for AlwaysMatch {
    fn next_bytes(&self, _: &(), _: &mut [u8; MAX_NEXT]) -> Option<usize> {
        None
    }
}

/// Calls `f` with every key of `fst` that starts with `prefix` (the prefix first, if it
/// is a key itself) and its value, in key order, until `f` returns false.
pub fn for_each_with_prefix<D: AsRef<[u8]>>(
    fst: &Fst<D>,
    prefix: &[u8],
    mut f: impl FnMut(&[u8], u64) -> bool,
) {
    let mut node = fst.root();
    let mut out = Output::zero();
    for &b in prefix {
        let Some(i) = node.find_input(b) else {
            return;
        };
        let t = node.transition(i);
        out = out.cat(t.out);
        node = fst.node(t.addr);
    }
    let mut key = Vec::with_capacity(prefix.len() + 24);
    key.extend_from_slice(prefix);
    walk(
        fst,
        node,
        out,
        &(),
        &AlwaysMatch,
        &mut key,
        &mut |k, v, _| f(k, v),
    );
}

/// Calls `f` with every key below `node` (whose path so far is `key`, with output `out`)
/// that `aut` accepts from `state`, its value and the automaton's state there, in key
/// order, until `f` returns false; false then.
/// A branch is left as soon as the automaton says it cannot match.
pub fn walk<D: AsRef<[u8]>, A: Narrow>(
    fst: &Fst<D>,
    node: Node<'_>,
    out: Output,
    state: &A::State,
    aut: &A,
    key: &mut Vec<u8>,
    f: &mut impl FnMut(&[u8], u64, &A::State) -> bool,
) -> bool {
    if node.is_final()
        && aut.is_match(state)
        && !f(key, out.cat(node.final_output()).value(), state)
    {
        return false;
    }
    let mut step = |t: Transition| {
        let next = aut.accept(state, t.inp);
        if !aut.can_match(&next) {
            return true;
        }
        key.push(t.inp);
        let go_on = walk(fst, fst.node(t.addr), out.cat(t.out), &next, aut, key, f);
        key.pop();
        go_on
    };
    let mut few = [0u8; MAX_NEXT];
    match aut.next_bytes(state, &mut few) {
        // Most nodes of a typo walk are reached with the edits used up: only the next
        // letters of the query can follow, so they are looked up, not tried one by one.
        Some(n) => few[..n]
            .iter()
            .filter_map(|&b| node.find_input(b))
            .all(|i| step(node.transition(i))),
        None => node.transitions().all(step),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use fst::{IntoStreamer, Map, Streamer};

    fn walked(map: &Map<Vec<u8>>, prefix: &str, limit: usize) -> Vec<(String, u64)> {
        let mut out = Vec::new();
        for_each_with_prefix(map.as_fst(), prefix.as_bytes(), |k, v| {
            out.push((String::from_utf8_lossy(k).into_owned(), v));
            out.len() < limit
        });
        out
    }

    #[test]
    fn finds_the_keys_under_a_prefix_in_order_and_stops_when_told() {
        let words = [
            "con",
            "constrain",
            "constraint",
            "construct",
            "cot",
            "foreign",
        ];
        let map =
            Map::from_iter(words.iter().enumerate().map(|(i, w)| (*w, i as u64))).expect("sorted");
        let keys = |v: Vec<(String, u64)>| v.into_iter().map(|(k, _)| k).collect::<Vec<_>>();
        assert_eq!(
            walked(&map, "con", 10),
            [
                ("con".to_string(), 0),
                ("constrain".to_string(), 1),
                ("constraint".to_string(), 2),
                ("construct".to_string(), 3)
            ]
        );
        assert_eq!(keys(walked(&map, "constr", 2)), ["constrain", "constraint"]);
        assert_eq!(
            keys(walked(&map, "", 3)),
            ["con", "constrain", "constraint"]
        );
        assert!(walked(&map, "conz", 10).is_empty());
        assert!(walked(&map, "foreigner", 10).is_empty());
    }

    proptest::proptest! {
        /// The walk gives what a range stream over the same map gives.
        #[test]
        fn agrees_with_a_range_stream(
            words in proptest::collection::btree_set("[a-d]{0,6}", 1..60),
            prefix in "[a-d]{0,3}",
        ) {
            let map = Map::from_iter(words.iter().enumerate().map(|(i, w)| (w.as_str(), i as u64)))
                .expect("sorted");
            let mut want = Vec::new();
            let mut stream = map.range().ge(&prefix).into_stream();
            while let Some((k, v)) = stream.next() {
                if !k.starts_with(prefix.as_bytes()) {
                    break;
                }
                want.push((String::from_utf8_lossy(k).into_owned(), v));
            }
            proptest::prop_assert_eq!(walked(&map, &prefix, usize::MAX), want);
        }
    }
}
