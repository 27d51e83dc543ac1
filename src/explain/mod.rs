//! `kh explain`'s engine: from noisy output to ranked error entries.
//!
//! [`input`] streams and cleans lines, [`detect`] guesses the language, [`matcher`] scores
//! lines against each store's messages. This module adds what needs the whole input: the
//! position of a line in a chained trace (the innermost cause counts most), the language
//! nudge, the `--lang` filter and the confidence thresholds. It returns values; it prints
//! nothing.

pub mod clean;
pub mod detect;
pub mod input;
pub mod matcher;

use crate::error::{Error, Result};
use crate::store::{EntryRef, Hub};
use matcher::{Found, Matcher};
use std::io::Read;

/// A match at or above this score is an answer.
pub const CONFIDENT: f64 = 0.72;
/// Below the answer but worth offering as an alternative or suggestion.
pub const PLAUSIBLE: f64 = 0.45;
/// Added to a match in the first exception of a Python chain (the root cause).
const FIRST_OF_CHAIN: f64 = 0.02;
/// Added to a match for the language the output looks like.
const DETECTED_LANGUAGE: f64 = 0.03;

/// Lines read joined with their neighbours too, for messages a tool wrapped.
const JOIN_LINES: usize = 2000;
/// Lines the language rules look at, at most (they stop earlier once one language leads).
const DETECT_LINES: usize = 2000;
/// How many consecutive lines a wrapped message may span.
const WRAP_WINDOW: usize = 5;

/// One entry that explains some line of the input.
#[derive(Debug, Clone)]
pub struct Match {
    /// The entry.
    pub at: EntryRef,
    /// Final score.
    pub score: f64,
    /// The evidence.
    pub found: Found,
}

/// The result of explaining one input.
#[derive(Debug, Default)]
pub struct Explained {
    /// Matches at or above [`CONFIDENT`], best first.
    pub confident: Vec<Match>,
    /// Other plausible matches, best first.
    pub plausible: Vec<Match>,
    /// The language the output looks like.
    pub detected: Option<&'static str>,
    /// Lines read.
    pub lines: usize,
}

/// Options of one explain run.
#[derive(Debug, Default)]
pub struct Options {
    /// Only entries whose language is this slug.
    pub lang: Option<String>,
}

/// Explains `input`, whose name (`what`) is used in messages.
pub fn explain(hub: &Hub, input: impl Read, what: &str, opts: &Options) -> Result<Explained> {
    let mut matchers: Vec<Matcher<'_>> = hub
        .stores()
        .iter()
        .map(Matcher::new)
        .collect::<crate::Result<_>>()?;
    let mut detector = detect::Detector::default();
    let mut chain = Chain::default();
    let mut failure = None;
    let mut window: std::collections::VecDeque<(usize, String)> = std::collections::VecDeque::new();
    let stats = input::for_each_line(input, what, |n, line| {
        if failure.is_some() || line.trim().is_empty() {
            return;
        }
        // The language shows in the first lines of a trace; looking further only costs.
        if n <= DETECT_LINES && !detector.settled() {
            detector.see(line);
        }
        let (bonus, segment) = chain.see(line);
        // A stack frame is never typed from memory: no typo tolerance there (a frame can
        // still be an entry's evidence, e.g. a WinForms grid frame).
        let frame = detect::is_frame(line);
        let typed = n <= matcher::FUZZY_LINES && !frame;
        for m in &mut matchers {
            if let Err(e) = m.line(n, line, bonus, segment, typed) {
                failure = Some(e);
            }
        }
        // Tools wrap long messages (tsc, mysql, terminals): in the first lines, a line is
        // also read joined to the few before it, credited to the first of them.
        if n <= JOIN_LINES && !frame {
            window.push_back((n, line.trim().to_string()));
            if window.len() > WRAP_WINDOW {
                window.pop_front();
            }
            if window.len() > 1 {
                let joined: Vec<&str> = window.iter().map(|(_, l)| l.as_str()).collect();
                let joined = joined.join(" ");
                let first = window.front().map_or(n, |(pn, _)| *pn);
                for m in &mut matchers {
                    if let Err(e) = m.line(first, &joined, bonus, segment, false) {
                        failure = Some(e);
                    }
                }
            }
        } else if frame {
            window.clear();
        }
    })?;
    if let Some(e) = failure {
        return Err(e);
    }
    if stats.non_blank == 0 {
        return Err(Error::Input(format!(
            "{what} is empty: give the error text as arguments, with -f FILE, or on standard input"
        )));
    }
    let detected = detector.guess();
    let mut all = Vec::new();
    for (s, m) in matchers.into_iter().enumerate() {
        for (rec, found) in m.best {
            let at = EntryRef {
                store: s as u16,
                rec,
            };
            // Even with both nudges below, such a match cannot be shown, and its summary
            // (a page of the binary, often) is not worth reading.
            if found.score + FIRST_OF_CHAIN + DETECTED_LANGUAGE < PLAUSIBLE {
                continue;
            }
            let tech = hub.summary(at)?.tech;
            if opts
                .lang
                .as_deref()
                .is_some_and(|l| !l.eq_ignore_ascii_case(&tech))
            {
                continue;
            }
            let mut score = found.score;
            if chain.segments > 0 && found.segment == 0 {
                score += FIRST_OF_CHAIN;
            }
            if detected == Some(tech.as_str()) {
                score += DETECTED_LANGUAGE;
            }
            all.push(Match { at, score, found });
        }
    }
    all.sort_by(|a, b| b.score.total_cmp(&a.score).then_with(|| a.at.cmp(&b.at)));
    let (confident, rest): (Vec<_>, Vec<_>) = all.into_iter().partition(|m| m.score >= CONFIDENT);
    let plausible = rest.into_iter().filter(|m| m.score >= PLAUSIBLE).collect();
    Ok(Explained {
        confident,
        plausible,
        detected,
        lines: stats.lines,
    })
}

/// Tracks where a line sits in a chained trace.
#[derive(Debug, Default)]
struct Chain {
    /// "Caused by:" / "--->" depth seen so far (Java, .NET: innermost is last).
    caused_by: usize,
    /// Python chain separators seen ("The above exception ...").
    segments: usize,
}

impl Chain {
    /// The bonus for this line and the Python segment it is in.
    fn see(&mut self, line: &str) -> (f64, usize) {
        let t = line.trim_start();
        if t.starts_with("The above exception was the direct cause")
            || t.starts_with("During handling of the above exception")
        {
            self.segments += 1;
        }
        let mut bonus = 0.0;
        if t.starts_with("Caused by:")
            || t.starts_with("---> ")
            || (line.contains('>') && line.contains(" ---> "))
        {
            self.caused_by += 1;
            bonus = 0.01 * self.caused_by.min(5) as f64;
        }
        (bonus, self.segments)
    }
}
