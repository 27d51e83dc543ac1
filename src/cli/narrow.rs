//! The narrow parse: clap with only the named subcommand built.
//!
//! `Cli::try_parse` builds the definition of all thirteen subcommands, about 150 KB of
//! clap structures, before it looks at the first argument; for `kh show ID` that was a
//! third of the run (`kh-bench process`, README). The narrow parse reads the subcommand's
//! name, builds the global options and that one subcommand from the same derive types,
//! and lets clap parse. Anything it does not accept (help, version, a typo, a missing
//! value) goes to the full parse, so every message a user sees is the full definition's.
//! The tests check that both parses agree on every command line they accept.

use super::{
    AskArgs, Cli, Command, CompletionsArgs, ExplainArgs, Globals, JsonArg, LintArgs, ListArgs,
    NewArgs, PathArgs, QuizArgs, SearchArgs, ShowArgs, SnippetArgs,
};
use clap::{Args, FromArgMatches, Parser};
use std::ffi::OsString;

impl Cli {
    /// Parses the process's arguments; a clap error is for `main` to print.
    pub fn from_env() -> Result<Cli, clap::Error> {
        let args: Vec<OsString> = std::env::args_os().collect();
        match super::fast::parse(&args).or_else(|| narrow(&args)) {
            Some(cli) => Ok(cli),
            None => Cli::try_parse_from(args),
        }
    }
}

/// Parses with only the named subcommand defined; `None` means "ask the full parse".
fn narrow(args: &[OsString]) -> Option<Cli> {
    let sub = subcommand(subcommand_name(args)?)?
        .disable_help_flag(true)
        .disable_version_flag(true);
    let kh = Globals::augment_args(clap::Command::new("kh"))
        .subcommand(sub)
        .subcommand_required(true)
        .disable_help_flag(true)
        .disable_version_flag(true)
        .disable_help_subcommand(true);
    let matches = kh.try_get_matches_from(args).ok()?;
    Some(Cli {
        globals: Globals::from_arg_matches(&matches).ok()?,
        command: Command::from_arg_matches(&matches).ok()?,
    })
}

/// The first argument that is not a global option; `None` for anything unusual.
fn subcommand_name(args: &[OsString]) -> Option<&str> {
    let mut rest = args.iter().skip(1);
    while let Some(arg) = rest.next() {
        match arg.to_str()? {
            "--no-pager" => {}
            "--color" => {
                rest.next()?;
            }
            a if a.starts_with("--color=") => {}
            a if a.starts_with('-') => return None,
            name => return Some(name),
        }
    }
    None
}

/// One subcommand's definition, from the same types as the full one.
fn subcommand(name: &str) -> Option<clap::Command> {
    let c = clap::Command::new;
    Some(match name {
        "explain" => ExplainArgs::augment_args(c("explain")),
        "ask" => AskArgs::augment_args(c("ask")),
        "snippet" => SnippetArgs::augment_args(c("snippet")),
        "show" => ShowArgs::augment_args(c("show")),
        "search" => SearchArgs::augment_args(c("search")),
        "list" => ListArgs::augment_args(c("list")),
        "path" => PathArgs::augment_args(c("path")),
        "stats" => JsonArg::augment_args(c("stats")),
        "quiz" => QuizArgs::augment_args(c("quiz")),
        "new" => NewArgs::augment_args(c("new")),
        "completions" => CompletionsArgs::augment_args(c("completions")),
        "man" => c("man"),
        "lint" => LintArgs::augment_args(c("lint")),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::super::test_argv as argv;
    use super::*;
    use proptest::prelude::*;

    /// Both parses agree; `must_narrow` also asks that the narrow one took the line.
    fn agree(words: &[&str], must_narrow: bool) {
        let args = argv(words);
        let full = Cli::try_parse_from(&args);
        match (full, narrow(&args)) {
            (Ok(f), Some(n)) => assert_eq!(format!("{f:?}"), format!("{n:?}"), "{words:?}"),
            (Ok(_), None) => assert!(!must_narrow, "{words:?}: only the full parse took it"),
            (Err(e), Some(n)) => panic!("{words:?}: narrow gave {n:?}, full said {e}"),
            (Err(_), None) => {}
        }
    }

    #[test]
    fn every_subcommand_parses_narrowly_and_the_same() {
        let lines: &[&[&str]] = &[
            &["show", "PY-007"],
            &["show", "py-007", "--json"],
            &["--color", "never", "show", "PY-007"],
            &["--color=always", "--no-pager", "show", "PY-007"],
            &["show", "PY-007", "--color", "never", "--no-pager"],
            &["search", "foreign", "key", "--kind", "Errors", "--top", "3"],
            &[
                "ask",
                "select_related",
                "--tech",
                "DJANGO",
                "--level",
                "senior",
            ],
            &[
                "ask",
                "--difficulty",
                "6..8",
                "--first",
                "--json",
                "ownership",
            ],
            &["explain"],
            &["explain", "-f", "build.log", "--top", "1", "--why"],
            &["explain", "--lang", "python", "--", "--not-a-flag"],
            &["snippet", "SN-PY-001", "-o", "x.py", "--force"],
            &["snippet", "debounce", "hook", "--code"],
            &["list", "errors", "--tech", "go", "--format", "tsv"],
            &["list", "--json"],
            &["path", "LP-001", "--next"],
            &["path"],
            &["stats", "--json"],
            &["quiz", "--topic", "security", "--count", "5"],
            &["quiz", "--stats", "--json"],
            &["new", "error", "--tech", "go", "-o", "e.md"],
            &["completions", "fish"],
            &["man"],
            &["lint", "corpus"],
            &["lint"],
        ];
        for words in lines {
            agree(words, true);
        }
    }

    #[test]
    fn help_version_and_mistakes_go_to_the_full_parse() {
        let lines: &[&[&str]] = &[
            &[],
            &["--help"],
            &["-V"],
            &["help", "show"],
            &["show", "--help"],
            &["show", "-h"],
            &["show", "--version"],
            &["show"],
            &["shwo", "PY-007"],
            &["show", "PY-007", "extra"],
            &["search"],
            &["snippet", "x", "--force"],
            &["explain", "text", "-f", "file"],
            &["--color", "sometimes", "show", "PY-007"],
            &["--color"],
            &["ask", "--tech", "cobol"],
            &["quiz", "--json"],
            &["list", "widgets"],
        ];
        for words in lines {
            agree(words, false);
            assert!(narrow(&argv(words)).is_none(), "{words:?}");
        }
    }

    /// Words the generated command lines are made of.
    const WORDS: &[&str] = &[
        "show",
        "search",
        "ask",
        "explain",
        "snippet",
        "list",
        "path",
        "stats",
        "quiz",
        "new",
        "man",
        "lint",
        "completions",
        "help",
        "PY-007",
        "bash",
        "error",
        "errors",
        "--json",
        "--top",
        "3",
        "x",
        "--tech",
        "rust",
        "--level",
        "mid",
        "--kind",
        "--color",
        "never",
        "--color=auto",
        "--no-pager",
        "--",
        "-f",
        "-o",
        "--force",
        "--why",
        "--next",
        "-h",
        "--help",
        "-V",
        "--format",
        "ids",
        "--first",
        "--stats",
        "--count",
        "--code",
        "-",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]
        #[test]
        fn generated_command_lines_parse_the_same(picks in proptest::collection::vec(0..WORDS.len(), 0..7)) {
            let words: Vec<&str> = picks.iter().map(|&i| WORDS[i]).collect();
            agree(&words, false);
        }
    }
}
