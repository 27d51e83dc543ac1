//! Scoring error lines against the messages of one store.
//!
//! A line is compared only with the messages nominated by its distinctive words: each
//! message is indexed under its two rarest words (the anchor map built by `kh-corpus`), so
//! a log line of common words costs a few hash lookups and nothing more. A candidate is
//! then aligned word by word, in order, with rare words weighing more than common ones
//! (idf over all messages) and typos forgiven in long words; the message's own pattern
//! found verbatim is full evidence. The best line per entry is kept, so memory grows with
//! the number of entries matched, never with the input.

use crate::index::message_postings;
use crate::store::{Map, Store};
use fst::Streamer;
use kh_corpus::blob::{get_varint, MessageRec};
use kh_corpus::text::{for_each_token, line_matches, parse_message, Piece, Tok};
use rustc_hash::{FxHashMap, FxHashSet};
use std::hash::Hasher;
use std::rc::Rc;

/// Tokens of one line looked at, at most.
const MAX_TOKENS: usize = 160;
/// Typos are forgiven only in the first lines: a message typed from memory is short, and
/// output pasted or piped is verbatim. (Fuzzy comparison is the costliest step by far.)
pub const FUZZY_LINES: usize = 10;
/// Lines after which a matcher loads all anchors into a hash map (about 0.1 ms): a long
/// log then pays a hash probe per token instead of an fst walk, and a short input never
/// pays for the load.
const LOAD_ANCHORS_AFTER: usize = 1000;
/// Tokens cached before the anchors are loaded, at most (bounds memory on odd input).
const MAX_CACHED: usize = 20_000;

/// The best evidence found for one entry.
#[derive(Debug, Clone)]
pub struct Found {
    /// Alignment score, 0 to about 1.
    pub score: f64,
    /// 1-based input line.
    pub line_no: usize,
    /// The input line (cleaned, shortened).
    pub line: String,
    /// The corpus message it matched.
    pub message: String,
    /// Which exception of a chained trace the line is in (0 = first printed).
    pub segment: usize,
}

/// A message with its parsed pattern, kept while one input is read.
struct Decoded {
    rec: MessageRec,
    pieces: Vec<Piece>,
}

/// Matches lines of one input against one store.
pub struct Matcher<'s> {
    store: &'s Store,
    anchor_map: &'s Map,
    msg_map: &'s Map,
    messages: f64,
    anchors: TokenCache,
    /// Whether `anchors` holds every anchor (see [`LOAD_ANCHORS_AFTER`]).
    all_anchors: bool,
    lines: usize,
    weights: FxHashMap<String, f64>,
    decoded: FxHashMap<u32, Rc<Decoded>>,
    /// Best evidence per record number.
    pub best: FxHashMap<u32, Found>,
    toks: Vec<String>,
    candidates: FxHashSet<u32>,
    hits: FxHashMap<u32, u8>,
}

impl<'s> Matcher<'s> {
    /// A matcher over `store`.
    pub fn new(store: &'s Store) -> crate::Result<Self> {
        Ok(Matcher {
            store,
            anchor_map: store.anchors()?,
            msg_map: store.msg_terms()?,
            messages: store.message_count().max(1) as f64,
            anchors: TokenCache::with_capacity(512),
            all_anchors: false,
            lines: 0,
            weights: FxHashMap::default(),
            decoded: FxHashMap::default(),
            best: FxHashMap::default(),
            toks: Vec::with_capacity(64),
            candidates: FxHashSet::default(),
            hits: FxHashMap::default(),
        })
    }

    /// Scores one line; `bonus` rewards lines that are the inner cause of a chained trace;
    /// `typed` says the line may have been typed by hand (typos forgiven, one anchor enough).
    pub fn line(
        &mut self,
        line_no: usize,
        line: &str,
        bonus: f64,
        segment: usize,
        typed: bool,
    ) -> crate::Result<()> {
        self.lines += 1;
        if self.lines == LOAD_ANCHORS_AFTER {
            self.load_anchors();
        }
        // Every anchor of a message must be in the line; in the first lines (typed from
        // memory, perhaps misspelt) one is enough.
        let need = if typed { 1 } else { 2 };
        let mut hits = std::mem::take(&mut self.hits);
        hits.clear();
        let mut n = 0;
        for_each_token(line, |t| {
            if n < MAX_TOKENS {
                n += 1;
                if let Some(list) = self.anchored(t) {
                    for &v in list.iter() {
                        *hits.entry(v).or_default() += 1;
                    }
                }
            }
        });
        let mut candidates = std::mem::take(&mut self.candidates);
        candidates.clear();
        candidates.extend(
            hits.iter()
                .filter(|(v, n)| **n >= need || (**v & 1 == 1))
                .map(|(v, _)| v >> 1),
        );
        self.hits = hits;
        if candidates.is_empty() {
            self.candidates = candidates;
            return Ok(());
        }
        // Only a line with candidates keeps its tokens, for the alignment.
        let mut toks = std::mem::take(&mut self.toks);
        let mut n = 0;
        for_each_token(line, |t| {
            if n < MAX_TOKENS {
                if n == toks.len() {
                    toks.push(String::new());
                }
                toks[n].clear();
                toks[n].push_str(t);
                n += 1;
            }
        });
        toks.truncate(n);
        for &m in &candidates {
            let decoded = self.message(m)?;
            let msg = &decoded.rec;
            let exact = line_matches(&decoded.pieces, line);
            let score = self.align(msg, &toks, exact, typed) + bonus;
            if self.best.get(&msg.entry).is_none_or(|f| score > f.score) {
                let found = Found {
                    score,
                    line_no,
                    line: shorten(line.trim(), 300),
                    message: msg.text.clone(),
                    segment,
                };
                self.best.insert(msg.entry, found);
            }
        }
        self.toks = toks;
        self.candidates = candidates;
        Ok(())
    }

    /// The messages a token nominates (those whose rarest words include it). Until all
    /// anchors are loaded, a new token is looked up in the fst and the answer cached, a
    /// "no" too: a trace repeats its words (`at`, `org`, `java`) line after line. The
    /// cache stops taking answers at [`MAX_CACHED`] tokens (ids and times never repeat).
    fn anchored(&mut self, token: &str) -> Option<Rc<[u32]>> {
        if let Some(hit) = self.anchors.get(token) {
            return hit;
        }
        if self.all_anchors {
            return None;
        }
        let list: Option<Rc<[u32]>> = self
            .anchor_map
            .get(token)
            .map(|off| message_postings(self.store.anchor_postings(), off).into());
        if self.anchors.len() < MAX_CACHED {
            self.anchors.insert(token, list.clone());
        }
        list
    }

    /// Loads every anchor into the hash map: from then on a token costs one hash probe
    /// instead of an fst walk.
    fn load_anchors(&mut self) {
        self.anchors.clear();
        let mut stream = self.anchor_map.stream();
        while let Some((token, off)) = stream.next() {
            let list = message_postings(self.store.anchor_postings(), off).into();
            self.anchors
                .insert(&String::from_utf8_lossy(token), Some(list));
        }
        self.all_anchors = true;
    }

    fn message(&mut self, m: u32) -> crate::Result<Rc<Decoded>> {
        if let Some(rec) = self.decoded.get(&m) {
            return Ok(rec.clone());
        }
        let rec = self.store.message(m)?;
        let pieces = parse_message(&rec.text).unwrap_or_default();
        let decoded = Rc::new(Decoded { rec, pieces });
        self.decoded.insert(m, decoded.clone());
        Ok(decoded)
    }

    /// Inverse document frequency of a message word (its postings count, read in place).
    fn weight(&mut self, word: &str) -> f64 {
        if let Some(&w) = self.weights.get(word) {
            return w;
        }
        let df = self
            .msg_map
            .get(word)
            .and_then(|off| {
                let mut pos = off as usize;
                get_varint(self.store.msg_postings(), &mut pos)
            })
            .map_or(1, |n| n.max(1));
        let w = libm::log(1.0 + self.messages / df as f64);
        self.weights.insert(word.to_string(), w);
        w
    }

    /// How well `line` carries `msg`: weighted share of its words found in order, with a
    /// small reward for specific (long, rare-worded) messages.
    fn align(&mut self, msg: &MessageRec, line: &[String], exact: bool, typos: bool) -> f64 {
        let strict = self.align_pass(msg, line, exact, false);
        // Typos can only lift a message that is mostly there already; the fuzzy pass is
        // the costliest step, so it is tried only then.
        if typos && !exact && strict > 0.25 {
            return strict.max(self.align_pass(msg, line, exact, true));
        }
        strict
    }

    fn align_pass(&mut self, msg: &MessageRec, line: &[String], exact: bool, typos: bool) -> f64 {
        let mut total = 0.0;
        let mut matched = 0.0;
        let mut pos = 0;
        let mut adjacent = false;
        let lead = leading_class(msg);
        for (i, tok) in msg.tokens.iter().enumerate() {
            let Tok::Word(w) = tok else {
                adjacent = false;
                continue;
            };
            // An exception-class prefix ("TypeError: ...") is what people leave out when
            // they type a message from memory; the words after it carry the meaning.
            let wt = self.weight(w) * if i == 0 && lead { 0.3 } else { 1.0 };
            total += wt;
            let rest = &line[pos.min(line.len())..];
            let found = rest
                .iter()
                .position(|t| t == w)
                .map(|i| (i, 1.0))
                .or_else(|| if typos { fuzzy(w, rest) } else { None });
            match found {
                Some((i, credit)) => {
                    let gap_penalty = if adjacent && i > 0 { 0.85 } else { 1.0 };
                    matched += wt * credit * gap_penalty;
                    pos += i + 1;
                    adjacent = true;
                }
                None => adjacent = false,
            }
        }
        if total == 0.0 {
            return 0.0;
        }
        // Squared, so that a message missing one distinctive word (another module name,
        // another error code) falls well below one that is fully there.
        // A message of one or two words ("undefined: {name}") says little by its words
        // alone; only its exact shape is evidence.
        let words = msg
            .tokens
            .iter()
            .filter(|t| matches!(t, Tok::Word(_)))
            .count();
        let coverage = match (exact, words) {
            (true, _) => 1.0,
            (false, 0..=2) => 0.6 * (matched / total).powi(2),
            (false, _) => (matched / total).powi(2),
        };
        let specificity = 1.0 - libm::exp(-total / 12.0);
        coverage * (0.9 + 0.1 * specificity)
    }
}

/// A near spelling of a long word within the next few tokens: (offset, credit).
fn fuzzy(word: &str, rest: &[String]) -> Option<(usize, f64)> {
    if word.len() < 5 {
        return None;
    }
    rest.iter()
        .take(12)
        .enumerate()
        .filter(|(_, t)| t.len().abs_diff(word.len()) <= 2)
        .map(|(i, t)| (i, strsim::normalized_damerau_levenshtein(word, t)))
        .filter(|(_, s)| *s >= 0.78)
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(i, s)| (i, 0.9 * s))
}

/// Whether a message starts with a class-like word and a colon (`KeyError: ...`).
fn leading_class(msg: &MessageRec) -> bool {
    let head = msg.text.split(':').next().unwrap_or("");
    head.len() < msg.text.len()
        && !head.is_empty()
        && !head.contains(' ')
        && head.chars().any(|c| c.is_ascii_uppercase())
}

fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut out: String = s.chars().take(max).collect();
    out.push('\u{2026}');
    out
}

/// The anchor map's answer per token seen. The tokens are kept back to back in one
/// string, so that caching one costs no allocation of its own (a trace has hundreds).
#[derive(Default)]
struct TokenCache {
    words: String,
    table: hashbrown::HashTable<Cached>,
}

/// (start, end) of a token in [`TokenCache::words`], and the anchor map's answer.
type Cached = (u32, u32, Option<Rc<[u32]>>);

impl TokenCache {
    /// Room for `n` words without growing (a trace of a hundred lines has about 500).
    fn with_capacity(n: usize) -> Self {
        TokenCache {
            words: String::with_capacity(n * 8),
            table: hashbrown::HashTable::with_capacity(n),
        }
    }

    fn hash(word: &str) -> u64 {
        let mut h = rustc_hash::FxHasher::default();
        h.write(word.as_bytes());
        h.finish()
    }

    fn word(words: &str, start: u32, end: u32) -> &str {
        words.get(start as usize..end as usize).unwrap_or_default()
    }

    /// The cached answer for `word`, if it was seen.
    fn get(&self, word: &str) -> Option<Option<Rc<[u32]>>> {
        self.table
            .find(Self::hash(word), |&(s, e, _)| {
                Self::word(&self.words, s, e) == word
            })
            .map(|(_, _, answer)| answer.clone())
    }

    /// Caches the answer for a word not cached yet.
    fn insert(&mut self, word: &str, answer: Option<Rc<[u32]>>) {
        let start = self.words.len() as u32;
        self.words.push_str(word);
        let end = self.words.len() as u32;
        let words = &self.words;
        self.table
            .insert_unique(Self::hash(word), (start, end, answer), |&(s, e, _)| {
                Self::hash(Self::word(words, s, e))
            });
    }

    fn len(&self) -> usize {
        self.table.len()
    }

    fn clear(&mut self) {
        self.words.clear();
        self.table.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_token_cache_gives_back_each_answer_through_growth_and_clear() {
        let mut cache = TokenCache::default();
        let answer = |i: u32| (!i.is_multiple_of(3)).then(|| Rc::from(vec![i, i + 1]));
        for i in 0..1000u32 {
            cache.insert(&format!("w{i}"), answer(i));
        }
        cache.insert("", None);
        assert_eq!(cache.len(), 1001);
        for i in 0..1000u32 {
            assert_eq!(cache.get(&format!("w{i}")), Some(answer(i)), "w{i}");
        }
        assert_eq!(cache.get(""), Some(None));
        assert_eq!(cache.get("w1000"), None);
        assert_eq!(
            cache.get("w"),
            None,
            "a prefix of a cached word is not cached"
        );
        cache.clear();
        assert_eq!(cache.get("w1"), None);
        assert_eq!(cache.len(), 0);
    }
}
