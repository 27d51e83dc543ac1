//! `kh explain`: read error output from arguments, a file or stdin, and report the entries
//! that explain it.

use super::Outcome;
use crate::cli::ExplainArgs;
use crate::error::{Error, Result};
use crate::explain::{self, Match, Options};
use crate::output::Output;
use crate::store::Hub;
use kh_corpus::model::Entry;
use std::io::IsTerminal;

/// What `kh explain` shows: matches with their entries, best first.
pub struct ExplainReport {
    /// Confident matches (then alternatives), with decoded entries, at most `--top`.
    pub matches: Vec<(Match, Entry, bool)>,
    /// Whether the first match is confident (the exit code depends on it).
    pub confident: usize,
    /// Up to three near misses, shown when nothing is confident.
    pub suggestions: Vec<(Match, Entry, bool)>,
    /// The language the output looked like.
    pub detected: Option<&'static str>,
    /// Whether to show the matched lines.
    pub why: bool,
}

/// Runs `kh explain`.
pub fn run(hub: &Hub, a: ExplainArgs, out: &mut Output) -> Result<Outcome> {
    if a.top == 0 {
        return Err(Error::Usage("--top must be at least 1".into()));
    }
    let lang = a
        .lang
        .as_deref()
        .map(|l| crate::filter::parse_tech(l).map(|t| t.slug.to_string()))
        .transpose()?;
    let opts = Options { lang };
    let result = if let Some(path) = &a.file {
        let what = path.display().to_string();
        let file =
            std::fs::File::open(path).map_err(|e| Error::io(format!("reading {what}"), e))?;
        explain::explain(hub, file, &what, &opts)?
    } else if !a.text.is_empty() {
        let text = a.text.join(" ");
        explain::explain(hub, text.as_bytes(), "the error text", &opts)?
    } else {
        let stdin = std::io::stdin();
        if stdin.is_terminal() {
            out.hint("kh explain: paste the error output, then press Ctrl-D on a new line (or pipe it: cmd 2>&1 | kh explain)")?;
        }
        explain::explain(hub, stdin.lock(), "standard input", &opts)?
    };
    let decode = |m: Match| -> Result<(Match, Entry, bool)> {
        let entry = hub.entry(m.at)?;
        let local = hub.store(m.at).local;
        Ok((m, entry, local))
    };
    let confident = result.confident.len().min(a.top);
    let mut matches = Vec::new();
    let mut suggestions = Vec::new();
    if confident > 0 {
        let rest = result.plausible.into_iter();
        for m in result.confident.into_iter().chain(rest).take(a.top) {
            matches.push(decode(m)?);
        }
    } else {
        for m in result.plausible.into_iter().take(3) {
            suggestions.push(decode(m)?);
        }
    }
    let report = ExplainReport {
        matches,
        confident,
        suggestions,
        detected: result.detected,
        why: a.why,
    };
    if a.json {
        out.explain_json(&report)?;
    } else {
        out.explain(&report)?;
    }
    Ok(Outcome::from_found(report.confident > 0))
}
