//! Scoring error lines against the messages of one store.
//!
//! A line is compared only with the messages nominated by its distinctive words: each
//! message is indexed under its two rarest words (the anchor table built by `kh-corpus`,
//! probed in place), so a log line of common words costs a hash probe per word and nothing
//! more. A candidate is then aligned word by word, in order, with rare words weighing more
//! than common ones (idf over all messages, worked out when the corpus was compiled) and
//! typos forgiven in long words; the message's own pattern
//! found verbatim is full evidence. The best line per entry is kept, so memory grows with
//! the number of entries matched, never with the input.

use crate::store::Store;
use kh_corpus::blob::{get_varint, MessageRec};
use kh_corpus::table::{hash, Table};
use kh_corpus::text::{for_each_token, line_matches, parse_message, Piece, Tok};
use rustc_hash::{FxHashMap, FxHashSet};
use std::rc::Rc;

/// Tokens of one line looked at, at most.
const MAX_TOKENS: usize = 160;
/// Typos are forgiven only in the first lines: a message typed from memory is short, and
/// output pasted or piped is verbatim. (Fuzzy comparison is the costliest step by far.)
pub const FUZZY_LINES: usize = 10;

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
struct Decoded<'s> {
    rec: MessageRec<'s>,
    pieces: Vec<Piece>,
    /// The table hash of each token (0 for a hole), compared before the text.
    hashes: Vec<u64>,
    /// How many of the tokens are words.
    words: usize,
    /// Whether it starts with an exception class (see [`leading_class`]).
    lead: bool,
}

/// The tokens of a line with candidates, and their hashes: a message word is looked for
/// by hash first, so that aligning a message with a long line compares numbers, not text.
#[derive(Default)]
struct Tokens {
    words: Vec<String>,
    hashes: Vec<u64>,
}

impl Tokens {
    /// The first [`MAX_TOKENS`] tokens of `line`, reusing the strings already held.
    fn fill(&mut self, line: &str) {
        let mut n = 0;
        self.hashes.clear();
        for_each_token(line, |t| {
            if n < MAX_TOKENS {
                if n == self.words.len() {
                    self.words.push(String::new());
                }
                self.words[n].clear();
                self.words[n].push_str(t);
                self.hashes.push(hash(t.as_bytes()));
                n += 1;
            }
        });
    }

    fn len(&self) -> usize {
        self.hashes.len()
    }

    /// The first position at or after `from` holding `word`, whose hash is `h`.
    fn find(&self, from: usize, word: &str, h: u64) -> Option<usize> {
        let hashes = self.hashes.get(from..)?;
        hashes
            .iter()
            .enumerate()
            .filter(|&(_, &x)| x == h)
            .map(|(i, _)| from + i)
            .find(|&i| self.words[i] == word)
    }
}

/// Matches lines of one input against one store.
pub struct Matcher<'s> {
    store: &'s Store,
    anchors: Table<'s>,
    decoded: FxHashMap<u32, Rc<Decoded<'s>>>,
    /// Best evidence per record number.
    pub best: FxHashMap<u32, Found>,
    toks: Tokens,
    /// Anchor words already counted for the current line.
    seen: Vec<u64>,
    candidates: FxHashSet<u32>,
    hits: FxHashMap<u32, u8>,
}

impl<'s> Matcher<'s> {
    /// A matcher over `store`.
    pub fn new(store: &'s Store) -> crate::Result<Self> {
        Ok(Matcher {
            store,
            anchors: store.anchors()?,
            decoded: FxHashMap::default(),
            best: FxHashMap::default(),
            toks: Tokens::default(),
            seen: Vec::new(),
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
        // Every anchor of a message must be in the line; in the first lines (typed from
        // memory, perhaps misspelt) one is enough.
        let need = if typed { 1 } else { 2 };
        let mut hits = std::mem::take(&mut self.hits);
        if !hits.is_empty() {
            hits.clear();
        }
        let mut seen = std::mem::take(&mut self.seen);
        seen.clear();
        let mut n = 0;
        let postings = self.store.anchor_postings();
        for_each_token(line, |t| {
            if n < MAX_TOKENS {
                n += 1;
                // A word said twice ("11" in a timestamp) is still one anchor.
                if let Some(off) = self.anchors.get(t).filter(|off| !seen.contains(off)) {
                    seen.push(off);
                    for_each_posting(postings, off, |v| *hits.entry(v).or_default() += 1);
                }
            }
        });
        self.seen = seen;
        // Most lines of a log hold no anchor at all: nothing more to do (walking even an
        // empty hash map reads all its control bytes).
        if hits.is_empty() {
            self.hits = hits;
            return Ok(());
        }
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
        toks.fill(line);
        for &m in &candidates {
            let decoded = self.message(m)?;
            let msg = &decoded.rec;
            let exact = line_matches(&decoded.pieces, line);
            let score = align(&decoded, &toks, exact, typed) + bonus;
            if self.best.get(&msg.entry).is_none_or(|f| score > f.score) {
                let found = Found {
                    score,
                    line_no,
                    line: shorten(line.trim(), 300),
                    message: msg.text.to_string(),
                    segment,
                };
                self.best.insert(msg.entry, found);
            }
        }
        self.toks = toks;
        self.candidates = candidates;
        Ok(())
    }

    fn message(&mut self, m: u32) -> crate::Result<Rc<Decoded<'s>>> {
        if let Some(rec) = self.decoded.get(&m) {
            return Ok(rec.clone());
        }
        let rec = self.store.message(m)?;
        let pieces = parse_message(&rec.text).unwrap_or_default();
        let hashes = rec
            .tokens
            .iter()
            .map(|t| match t {
                Tok::Word(w) => hash(w.as_bytes()),
                Tok::Hole => 0,
            })
            .collect();
        let words = rec
            .tokens
            .iter()
            .filter(|t| matches!(t, Tok::Word(_)))
            .count();
        let lead = leading_class(&rec);
        let decoded = Rc::new(Decoded {
            rec,
            pieces,
            hashes,
            words,
            lead,
        });
        self.decoded.insert(m, decoded.clone());
        Ok(decoded)
    }
}

/// How well `line` carries the message: weighted share of its words found in order, with
/// a small reward for specific (long, rare-worded) messages.
fn align(msg: &Decoded<'_>, line: &Tokens, exact: bool, typos: bool) -> f64 {
    let strict = align_pass(msg, line, exact, false);
    // Typos can only lift a message that is mostly there already; the fuzzy pass is the
    // costliest step, so it is tried only then.
    if typos && !exact && strict > 0.25 {
        return strict.max(align_pass(msg, line, exact, true));
    }
    strict
}

fn align_pass(msg: &Decoded<'_>, line: &Tokens, exact: bool, typos: bool) -> f64 {
    let mut total = 0.0;
    let mut matched = 0.0;
    let mut pos = 0;
    let mut adjacent = false;
    for (i, tok) in msg.rec.tokens.iter().enumerate() {
        let Tok::Word(w) = tok else {
            adjacent = false;
            continue;
        };
        // An exception-class prefix ("TypeError: ...") is what people leave out when they
        // type a message from memory; the words after it carry the meaning.
        let idf = msg.rec.weights.get(i).map_or(1.0, |&w| f64::from(w));
        let wt = idf * if i == 0 && msg.lead { 0.3 } else { 1.0 };
        total += wt;
        let h = msg.hashes.get(i).copied().unwrap_or_default();
        let found = line.find(pos, w, h).map(|at| (at - pos, 1.0)).or_else(|| {
            let rest = line.words.get(pos..line.len()).unwrap_or_default();
            if typos {
                fuzzy(w, rest)
            } else {
                None
            }
        });
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
    // A message of one or two words ("undefined: {name}") says little by its words alone;
    // only its exact shape is evidence.
    let coverage = match (exact, msg.words) {
        (true, _) => 1.0,
        (false, 0..=2) => 0.6 * (matched / total).powi(2),
        (false, _) => (matched / total).powi(2),
    };
    let specificity = 1.0 - libm::exp(-total / 12.0);
    coverage * (0.9 + 0.1 * specificity)
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
fn leading_class(msg: &MessageRec<'_>) -> bool {
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

/// Calls `f` with each number of the postings list at `offset` (varint count, then
/// varint deltas); a truncated list ends early.
fn for_each_posting(bytes: &[u8], offset: u64, mut f: impl FnMut(u32)) {
    let mut pos = offset as usize;
    let count = get_varint(bytes, &mut pos).unwrap_or(0);
    let mut v = 0u64;
    for _ in 0..count {
        let Some(delta) = get_varint(bytes, &mut pos) else {
            return;
        };
        v += delta;
        f(v as u32);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use kh_corpus::blob::put_varint;

    fn list(bytes: &[u8], offset: u64) -> Vec<u32> {
        let mut out = Vec::new();
        for_each_posting(bytes, offset, |v| out.push(v));
        out
    }

    #[test]
    fn tokens_are_found_by_hash_and_then_by_text() {
        let mut toks = Tokens::default();
        toks.fill("Foo bar-foo BAZ");
        toks.fill("Foo bar foo");
        assert_eq!(
            toks.len(),
            3,
            "a refill drops the tokens of the line before"
        );
        let foo = hash(b"foo");
        assert_eq!(toks.find(0, "foo", foo), Some(0));
        assert_eq!(toks.find(1, "foo", foo), Some(2));
        assert_eq!(toks.find(3, "foo", foo), None);
        assert_eq!(toks.find(9, "foo", foo), None);
        assert_eq!(
            toks.find(0, "bar", foo),
            None,
            "a hash that matches text that does not is no match"
        );
        assert_eq!(toks.find(0, "bar", hash(b"bar")), Some(1));
    }

    #[test]
    fn postings_decode_from_their_offset_and_stop_where_the_bytes_do() {
        let mut bytes = vec![0xff];
        for n in [3u64, 5, 1, 300, 2, 7, 7] {
            put_varint(&mut bytes, n);
        }
        assert_eq!(list(&bytes, 1), [5, 6, 306]);
        assert_eq!(list(&bytes, 6), [7, 14], "300 took two bytes");
        assert_eq!(list(&bytes[..bytes.len() - 1], 6), [7], "truncated");
        assert_eq!(list(&bytes, 99), Vec::<u32>::new(), "offset out of range");
    }
}
