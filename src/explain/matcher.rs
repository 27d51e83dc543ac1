//! Scoring error lines against the messages of one store.
//!
//! Candidates come from the message-token fst (a message is considered when at least half
//! of its words occur in the line); each candidate is then aligned word by word, in
//! order, with rare words weighing more than common ones (idf over all messages) and typos
//! forgiven in long words. The best line per entry is kept, so memory grows with the
//! number of entries matched, never with the input.

use crate::index::message_postings;
use crate::store::Store;
use kh_corpus::blob::MessageRec;
use kh_corpus::text::{for_each_token, line_matches, parse_message, Piece, Tok};
use std::collections::HashMap;
use std::rc::Rc;

/// Tokens of one line looked at, at most.
const MAX_TOKENS: usize = 160;
/// A token in more messages than this is too common to nominate candidates.
const MAX_DF: usize = 5000;

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
    messages: f64,
    tokens: HashMap<String, Option<Rc<[u32]>>>,
    decoded: HashMap<u32, Rc<Decoded>>,
    /// Best evidence per record number.
    pub best: HashMap<u32, Found>,
    line_tokens: Vec<String>,
}

impl<'s> Matcher<'s> {
    /// A matcher over `store`.
    pub fn new(store: &'s Store) -> Self {
        Matcher {
            store,
            messages: store.message_count().max(1) as f64,
            tokens: HashMap::new(),
            decoded: HashMap::new(),
            best: HashMap::new(),
            line_tokens: Vec::with_capacity(64),
        }
    }

    /// Scores one line; `bonus` rewards lines that are the inner cause of a chained trace.
    pub fn line(
        &mut self,
        line_no: usize,
        line: &str,
        bonus: f64,
        segment: usize,
    ) -> crate::Result<()> {
        let mut toks = std::mem::take(&mut self.line_tokens);
        toks.clear();
        for_each_token(line, |t| {
            if toks.len() < MAX_TOKENS {
                toks.push(t.to_string());
            }
        });
        let mut hits: HashMap<u32, u32> = HashMap::new();
        let mut seen: Vec<&str> = Vec::with_capacity(toks.len());
        for t in &toks {
            if seen.contains(&t.as_str()) {
                continue;
            }
            seen.push(t);
            if let Some(list) = self.postings(t) {
                if list.len() <= MAX_DF {
                    for &m in list.iter() {
                        *hits.entry(m).or_default() += 1;
                    }
                }
            }
        }
        for (m, n) in hits {
            let decoded = self.message(m)?;
            let msg = &decoded.rec;
            let words = msg
                .tokens
                .iter()
                .filter(|t| matches!(t, Tok::Word(_)))
                .count() as u32;
            if n * 2 < words {
                continue;
            }
            // The message's own pattern found verbatim in the line is full evidence,
            // whatever the tokens say.
            let exact = line_matches(&decoded.pieces, line);
            let score = self.align(msg, &toks, exact) + bonus;
            let better = self.best.get(&msg.entry).is_none_or(|f| score > f.score);
            if better {
                self.best.insert(
                    msg.entry,
                    Found {
                        score,
                        line_no,
                        line: shorten(line.trim(), 300),
                        message: msg.text.clone(),
                        segment,
                    },
                );
            }
        }
        self.line_tokens = toks;
        Ok(())
    }

    fn postings(&mut self, token: &str) -> Option<Rc<[u32]>> {
        if let Some(hit) = self.tokens.get(token) {
            return hit.clone();
        }
        let list: Option<Rc<[u32]>> = self
            .store
            .msg_terms()
            .get(token)
            .map(|off| message_postings(self.store.msg_postings(), off).into());
        if self.tokens.len() > 200_000 {
            self.tokens.clear();
        }
        self.tokens.insert(token.to_string(), list.clone());
        list
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

    /// Inverse document frequency of a message word.
    fn weight(&mut self, word: &str) -> f64 {
        let df = self.postings(word).map_or(1, |l| l.len().max(1));
        (1.0 + self.messages / df as f64).ln()
    }

    /// How well `line` carries `msg`: weighted share of its words found in order, with a
    /// small reward for specific (long, rare-worded) messages.
    fn align(&mut self, msg: &MessageRec, line: &[String], exact: bool) -> f64 {
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
            let exact = line[pos.min(line.len())..].iter().position(|t| t == w);
            let found = exact
                .map(|i| (i, 1.0))
                .or_else(|| fuzzy(w, &line[pos.min(line.len())..]));
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
        // Squared, so that a message missing one distinctive word (another module name, another
        // error code) falls well below one that is fully there.
        let coverage = if exact {
            1.0
        } else {
            (matched / total).powi(2)
        };
        let specificity = 1.0 - (-total / 12.0).exp();
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
