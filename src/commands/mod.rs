//! One module per subcommand: each turns its arguments into a report value, and never
//! prints. [`run`] dispatches and hands the report to [`crate::output`].

pub mod ask;
pub mod completions;
pub mod explain;
pub mod lint;
pub mod list;
pub mod new;
pub mod path;
pub mod quiz;
pub mod search;
pub mod show;
pub mod snippet;
pub mod stats;

use crate::cli::{Cli, Command};
use crate::error::{Error, Result};
use crate::output::Output;
use crate::store::Hub;

/// What a command found, which decides the exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Something found (exit 0).
    Found,
    /// Nothing found, or lint findings (exit 1).
    Nothing,
}

impl Outcome {
    /// Found when `found` is true.
    pub fn from_found(found: bool) -> Outcome {
        if found {
            Outcome::Found
        } else {
            Outcome::Nothing
        }
    }
}

/// Runs the parsed command line.
pub fn run(cli: Cli, out: &mut Output) -> Result<Outcome> {
    match &cli.command {
        Command::Completions(a) => return completions::completions(a.shell, out),
        Command::Man => return completions::man(out),
        _ => {}
    }
    let mut problems = Vec::new();
    let hub = Hub::load(&mut |p| problems.push(format!("kh: warning: {p}")))?;
    for p in &problems {
        out.hint(p)?;
    }
    match cli.command {
        Command::Explain(a) => explain::run(&hub, a, out),
        Command::Ask(a) => ask::run(&hub, a, out),
        Command::Snippet(a) => snippet::run(&hub, a, out),
        Command::Show(a) => show::run(&hub, a, out),
        Command::Search(a) => search::run(&hub, a, out),
        Command::List(a) => list::run(&hub, a, out),
        Command::Path(a) => path::run(&hub, a, out),
        Command::Stats(a) => stats::run(&hub, a.json, out),
        Command::Quiz(a) => quiz::run(&hub, a, out),
        Command::New(a) => new::run(&hub, a, out),
        Command::Lint(a) => lint::run(&hub, a, out),
        Command::Completions(_) | Command::Man => Ok(Outcome::Found),
    }
}

/// Joins query words; an empty query is a usage error.
pub fn query_text(words: &[String], what: &str) -> Result<String> {
    let q = words.join(" ");
    if kh_corpus::text::search_terms(&q).is_empty() {
        return Err(Error::Usage(format!(
            "the {what} is empty: give some keywords, e.g. kh {what} migrations"
        )));
    }
    Ok(q)
}
