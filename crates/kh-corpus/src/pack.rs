//! Compiling validated entries into blob bytes (see [`crate::blob`] for the layout).
//!
//! Used by `build.rs` for the built-in corpus and by `kh` for a user's own folders, so
//! both are indexed by the same code.

use crate::blob::{assemble, put_varint, to_u32, MessageRec, Sec, SECTIONS};
use crate::model::{Detail, Entry};
use crate::table;
use crate::text::{self, Tok};
use std::collections::BTreeMap;

/// Field weights: how much a term found in a field says about the entry.
const W_TITLE: u32 = 8;
const W_MESSAGE: u32 = 6;
const W_TAG: u32 = 4;
const W_SUMMARY: u32 = 4;
const W_TECH: u32 = 3;
const W_LEAD: u32 = 2;
const W_BODY: u32 = 1;

/// Builds the blob. `entries` must be sorted by ID with unique IDs (as [`crate::load_dir`]
/// returns them); record numbers are positions in that order.
pub fn pack(entries: &[Entry]) -> Vec<u8> {
    let mut sections: [Vec<u8>; SECTIONS] = Default::default();
    sections[Sec::Ids as usize] = ids_fst(entries);
    let (terms, postings) = search_index(entries);
    sections[Sec::Terms as usize] = terms;
    sections[Sec::Postings as usize] = postings;
    let (recs, rec_offs) = encode_all(entries.iter().map(postcard::to_allocvec));
    sections[Sec::Records as usize] = recs;
    sections[Sec::RecordOffsets as usize] = rec_offs;
    let (sums, sum_offs) = encode_all(entries.iter().map(|e| postcard::to_allocvec(&e.summary())));
    sections[Sec::Summaries as usize] = sums;
    sections[Sec::SummaryOffsets as usize] = sum_offs;
    let mut messages = message_recs(entries);
    let (table, apostings, weights) = {
        let index = message_index(&messages);
        let weights = message_weights(&messages, &index);
        let (keys, postings) = postings_lists(anchor_index(&messages, &index));
        (table::build(keys), postings, weights)
    };
    for (m, w) in messages.iter_mut().zip(weights) {
        m.weights = w;
    }
    sections[Sec::AnchorTable as usize] = table;
    sections[Sec::AnchorPostings as usize] = apostings;
    let (msgs, msg_offs) = encode_all(messages.iter().map(postcard::to_allocvec));
    sections[Sec::Messages as usize] = msgs;
    sections[Sec::MessageOffsets as usize] = msg_offs;
    assemble(sections)
}

fn encode_all<I>(items: I) -> (Vec<u8>, Vec<u8>)
where
    I: Iterator<Item = Result<Vec<u8>, postcard::Error>>,
{
    let mut data = Vec::new();
    let mut offsets = Vec::new();
    offsets.extend_from_slice(&0u32.to_le_bytes());
    for item in items {
        data.extend(item.expect("postcard encodes owned strings and vectors infallibly"));
        offsets.extend_from_slice(&to_u32(data.len()).to_le_bytes());
    }
    (data, offsets)
}

fn ids_fst(entries: &[Entry]) -> Vec<u8> {
    let mut keys: Vec<(String, u64)> = entries
        .iter()
        .enumerate()
        .map(|(i, e)| (e.id.to_ascii_lowercase(), i as u64))
        .collect();
    keys.sort();
    keys.dedup_by(|a, b| a.0 == b.0);
    fst::Map::from_iter(keys)
        .expect("keys are sorted and unique")
        .into_fst()
        .into_inner()
}

/// Every (term, record) pair with the summed weight of the fields that hold the term.
fn search_index(entries: &[Entry]) -> (Vec<u8>, Vec<u8>) {
    let mut index: BTreeMap<String, BTreeMap<u32, u32>> = BTreeMap::new();
    for (i, e) in entries.iter().enumerate() {
        let mut weights: BTreeMap<String, u32> = BTreeMap::new();
        let mut add = |text: &str, w: u32, seen: &mut std::collections::HashSet<String>| {
            for t in text::search_terms(text) {
                if seen.insert(t.clone()) {
                    *weights.entry(t).or_default() += w;
                }
            }
        };
        for (text, w) in fields(e) {
            let mut seen = std::collections::HashSet::new();
            add(&text, w, &mut seen);
        }
        for (t, w) in weights {
            index.entry(t).or_default().insert(i as u32, w.min(255));
        }
    }
    let mut postings = Vec::new();
    let mut keys = Vec::with_capacity(index.len());
    for (term, list) in index {
        keys.push((term, postings.len() as u64));
        put_varint(&mut postings, list.len() as u64);
        let mut prev = 0u32;
        for (rec, w) in list {
            put_varint(&mut postings, u64::from(rec - prev));
            postings.push(w as u8);
            prev = rec;
        }
    }
    let fst = fst::Map::from_iter(keys).expect("BTreeMap keys are sorted and unique");
    (fst.into_fst().into_inner(), postings)
}

/// The searchable text of an entry, field by field, with its weight.
fn fields(e: &Entry) -> Vec<(String, u32)> {
    let mut out = vec![(e.title.clone(), W_TITLE), (e.tags.join(" "), W_TAG)];
    if let Some(t) = crate::tech::tech(&e.tech) {
        out.push((format!("{} {}", t.slug, t.name), W_TECH));
    }
    match &e.detail {
        Detail::Error { messages, class } => {
            out.push((messages.join("\n"), W_MESSAGE));
            out.push((class.clone(), W_TAG));
        }
        Detail::Snippet {
            summary,
            category,
            file,
            ..
        } => {
            out.push((format!("{summary} {file}"), W_SUMMARY));
            out.push((category.clone(), W_TECH));
        }
        Detail::Path {
            summary, modules, ..
        } => {
            out.push((summary.clone(), W_SUMMARY));
            for m in modules {
                out.push((format!("{} {}", m.title, m.topics.join(" ")), W_LEAD));
            }
        }
        Detail::Question { topic, .. } => out.push((topic.clone(), W_TECH)),
        Detail::Security { category, .. } => out.push((category.clone(), W_SUMMARY)),
        Detail::Design { .. } => {}
    }
    for (i, s) in e.sections.iter().enumerate() {
        out.push((s.body.clone(), if i == 0 { W_LEAD } else { W_BODY }));
    }
    out
}

fn message_recs(entries: &[Entry]) -> Vec<MessageRec<'static>> {
    let mut out = Vec::new();
    for (i, e) in entries.iter().enumerate() {
        for m in e.messages() {
            if let Ok(pieces) = text::parse_message(m) {
                out.push(MessageRec {
                    entry: i as u32,
                    text: m.clone().into(),
                    tokens: text::pattern_tokens(&pieces),
                    weights: Vec::new(),
                });
            }
        }
    }
    out
}

/// Message token → the messages that contain it.
fn message_index<'a>(messages: &'a [MessageRec<'_>]) -> BTreeMap<&'a str, Vec<u32>> {
    let mut index: BTreeMap<&str, Vec<u32>> = BTreeMap::new();
    for (i, m) in messages.iter().enumerate() {
        for t in &m.tokens {
            if let Tok::Word(w) = t {
                let list = index.entry(w.as_ref()).or_default();
                if list.last() != Some(&(i as u32)) {
                    list.push(i as u32);
                }
            }
        }
    }
    index
}

/// Each message's token weights: `ln(1 + messages / messages with the word)`, 0 for a
/// hole. Rare words say more about which message a line carries than common ones.
fn message_weights(messages: &[MessageRec<'_>], index: &BTreeMap<&str, Vec<u32>>) -> Vec<Vec<f32>> {
    let n = messages.len().max(1) as f64;
    messages
        .iter()
        .map(|m| {
            m.tokens
                .iter()
                .map(|t| match t {
                    Tok::Word(w) => {
                        let df = index.get(w.as_ref()).map_or(1, |l| l.len().max(1));
                        libm::log(1.0 + n / df as f64) as f32
                    }
                    Tok::Hole => 0.0,
                })
                .collect()
        })
        .collect()
}

/// How many of its rarest words nominate a message as a candidate for a line.
const ANCHORS: usize = 2;

/// Anchor token → messages: each message is reachable through its rarest words, so that a
/// line is compared only with messages that share distinctive words with it. Values are
/// `message << 1 | single`, `single` set when the message has only one distinct word.
fn anchor_index<'a>(
    messages: &'a [MessageRec<'_>],
    index: &BTreeMap<&str, Vec<u32>>,
) -> BTreeMap<&'a str, Vec<u32>> {
    let mut anchors: BTreeMap<&str, Vec<u32>> = BTreeMap::new();
    for (i, m) in messages.iter().enumerate() {
        let mut words: Vec<&str> = m
            .tokens
            .iter()
            .filter_map(|t| match t {
                Tok::Word(w) => Some(w.as_ref()),
                Tok::Hole => None,
            })
            .collect();
        words.sort_unstable();
        words.dedup();
        words.sort_by_key(|w| (index.get(w).map_or(0, Vec::len), std::cmp::Reverse(w.len())));
        // The low bit says whether the message has a single anchor, so that a reader can
        // ask for every anchor of a message to be present without decoding it.
        let single = u32::from(words.len() < ANCHORS);
        for w in words.into_iter().take(ANCHORS) {
            anchors.entry(w).or_default().push((i as u32) << 1 | single);
        }
    }
    anchors
}

/// Encodes token → sorted numbers as delta-varint postings: the tokens with the offset of
/// their list, and the lists.
fn postings_lists(index: BTreeMap<&str, Vec<u32>>) -> (Vec<(&str, u64)>, Vec<u8>) {
    let mut postings = Vec::new();
    let mut keys = Vec::with_capacity(index.len());
    for (term, mut list) in index {
        list.sort_unstable();
        list.dedup();
        keys.push((term, postings.len() as u64));
        put_varint(&mut postings, list.len() as u64);
        let mut prev = 0u32;
        for m in list {
            put_varint(&mut postings, u64::from(m - prev));
            prev = m;
        }
    }
    (keys, postings)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(text: &str) -> MessageRec<'_> {
        let pieces = text::parse_message(text).expect("a valid message");
        MessageRec {
            entry: 0,
            text: text.into(),
            tokens: text::pattern_tokens(&pieces),
            weights: Vec::new(),
        }
    }

    #[test]
    fn a_word_in_fewer_messages_weighs_more_and_a_hole_nothing() {
        let msgs = [
            rec("connection refused {host}"),
            rec("connection reset by peer"),
        ];
        let index = message_index(&msgs);
        let weights = message_weights(&msgs, &index);
        assert_eq!(
            msgs[0].tokens,
            [
                Tok::Word("connection".into()),
                Tok::Word("refused".into()),
                Tok::Hole
            ]
        );
        let idf = |df: f64| libm::log(1.0 + 2.0 / df) as f32;
        assert_eq!(weights[0], [idf(2.0), idf(1.0), 0.0]);
        assert_eq!(weights[1].len(), msgs[1].tokens.len());
        assert!(
            weights[1][1] > weights[1][0],
            "reset is rarer than connection"
        );
    }
}
