//! The fast parse: the everyday command lines, read without clap.
//!
//! Even the narrow parse costs about 125,000 instructions, as much as the search it
//! precedes (callgrind, `kh search foriegn key`). The lines that people and scripts type
//! most are read here into the same [`Cli`] value: `show`, `search`, `ask`, `explain` and
//! `snippet` with words, their on/off switches, `--top N`, `explain -f FILE`, and the
//! global `--color WHEN` and `--no-pager`. Anything else (help, a value that clap validates, an option or a
//! form not listed here, a repeated option, `--`) returns `None`, and clap parses the line
//! and words any error. The tests check that both give the same value for every line the
//! fast parse accepts.

use super::{
    AskArgs, Cli, ColorChoice, Command, ExplainArgs, Filters, Globals, SearchArgs, ShowArgs,
    SnippetArgs,
};
use clap::ValueEnum;
use std::ffi::OsString;

/// What one subcommand takes: its on/off switches, and whether `--top N` and
/// `-f/--file FILE` are among its options.
struct Shape {
    switches: &'static [&'static str],
    top: bool,
    file: bool,
}

fn shape(name: &str) -> Option<Shape> {
    let (switches, top): (&'static [&'static str], bool) = match name {
        "show" => (&["--json"], false),
        "search" => (&["--json"], true),
        "ask" => (&["--json", "--first"], true),
        "explain" => (&["--json", "--why"], true),
        "snippet" => (&["--json", "--code"], false),
        _ => return None,
    };
    Some(Shape {
        switches,
        top,
        file: name == "explain",
    })
}

/// Parses an everyday command line; `None` means "let clap parse it".
pub(super) fn parse(args: &[OsString]) -> Option<Cli> {
    let mut color = None;
    let mut no_pager = false;
    let mut name = None;
    let mut shape = None;
    let mut on: Vec<&str> = Vec::new();
    let mut top = None;
    let mut file = None;
    let mut words = Vec::new();
    let mut rest = args.iter().skip(1);
    while let Some(arg) = rest.next() {
        let arg = arg.to_str()?;
        match arg {
            "--no-pager" if !no_pager => no_pager = true,
            "--color" if color.is_none() => color = Some(color_choice(rest.next()?.to_str()?)?),
            _ if arg.starts_with("--color=") && color.is_none() => {
                color = Some(color_choice(&arg["--color=".len()..])?);
            }
            "--top" if top.is_none() && shape.as_ref().is_some_and(|s: &Shape| s.top) => {
                let n = rest.next()?.to_str()?;
                if n.is_empty() || n.len() > 9 || !n.bytes().all(|b| b.is_ascii_digit()) {
                    return None;
                }
                top = Some(n.parse().ok()?);
            }
            // A path clap might read otherwise (empty, or one that looks like an option)
            // goes to clap.
            "-f" | "--file" if file.is_none() && shape.as_ref().is_some_and(|s: &Shape| s.file) => {
                let path = rest.next()?.to_str()?;
                if path.is_empty() || path.starts_with('-') {
                    return None;
                }
                file = Some(std::path::PathBuf::from(path));
            }
            _ if arg.starts_with('-') => {
                let s = shape.as_ref()?;
                let switch = s.switches.iter().find(|&&w| w == arg)?;
                if on.contains(switch) {
                    return None;
                }
                on.push(switch);
            }
            _ if name.is_none() => {
                shape = Some(self::shape(arg)?);
                name = Some(arg);
            }
            _ => words.push(arg.to_string()),
        }
    }
    let is_on = |w: &str| on.contains(&w);
    let command = match name? {
        "show" if words.len() == 1 => Command::Show(ShowArgs {
            id: words.pop()?,
            json: is_on("--json"),
        }),
        "search" if !words.is_empty() => Command::Search(SearchArgs {
            query: words,
            kind: None,
            top: top.unwrap_or(10),
            json: is_on("--json"),
        }),
        "ask" => Command::Ask(AskArgs {
            query: words,
            filters: Filters::default(),
            top: top.unwrap_or(5),
            first: is_on("--first"),
            json: is_on("--json"),
        }),
        // clap refuses a file and words together.
        "explain" if file.is_none() || words.is_empty() => Command::Explain(ExplainArgs {
            text: words,
            file,
            top: top.unwrap_or(3),
            lang: None,
            why: is_on("--why"),
            json: is_on("--json"),
        }),
        "snippet" if !words.is_empty() => Command::Snippet(SnippetArgs {
            query: words,
            output: None,
            force: false,
            code: is_on("--code"),
            json: is_on("--json"),
        }),
        _ => return None,
    };
    Some(Cli {
        globals: Globals {
            color: color.unwrap_or(ColorChoice::Auto),
            no_pager,
        },
        command,
    })
}

/// The colour choice named exactly as clap's definition names it (no case folding, as
/// `--color` has none).
fn color_choice(when: &str) -> Option<ColorChoice> {
    ColorChoice::from_str(when, false).ok()
}

#[cfg(test)]
mod tests {
    use super::super::test_argv as argv;
    use super::*;
    use clap::Parser;
    use proptest::prelude::*;

    /// The fast parse either declines or gives what clap gives.
    fn agree(words: &[&str]) -> bool {
        let args = argv(words);
        let Some(fast) = parse(&args) else {
            return false;
        };
        match Cli::try_parse_from(&args) {
            Ok(full) => assert_eq!(format!("{fast:?}"), format!("{full:?}"), "{words:?}"),
            Err(e) => panic!("{words:?}: fast gave {fast:?}, clap said {e}"),
        }
        true
    }

    #[test]
    fn everyday_lines_are_read_without_clap_and_the_same() {
        let lines: &[&[&str]] = &[
            &["show", "PY-007"],
            &["show", "py-007", "--json"],
            &["--color", "never", "show", "PY-007"],
            &["--color=always", "--no-pager", "show", "SN-PY-001"],
            &["show", "PY-007", "--no-pager", "--color", "never"],
            &["search", "foriegn", "key"],
            &["search", "rate", "--json", "limit", "--top", "3"],
            &["ask", "select_related", "vs", "prefetch"],
            &["ask", "--first", "ownership", "--top", "007"],
            &["ask"],
            &["explain"],
            &["explain", "ModuleNotFoundError: No module named 'x'"],
            &["explain", "--json", "--why", "--top", "1"],
            &["explain", "-f", "build.log"],
            &[
                "explain",
                "--why",
                "--file",
                "logs/build 2.log",
                "--top",
                "2",
            ],
            &["snippet", "SN-PY-001"],
            &["snippet", "debounce", "hook", "--code", "--json"],
        ];
        for words in lines {
            assert!(agree(words), "{words:?} went to clap");
        }
    }

    #[test]
    fn anything_unusual_goes_to_clap() {
        let lines: &[&[&str]] = &[
            &[],
            &["--help"],
            &["show", "--help"],
            &["show", "-h"],
            &["show", "-V"],
            &["show"],
            &["show", "a", "b"],
            &["show", "x", "--json", "--json"],
            &["show", "x", "--top", "3"],
            &["search"],
            &["search", "x", "--kind", "error"],
            &["search", "x", "--top"],
            &["search", "x", "--top", "-1"],
            &["search", "x", "--top", "+3"],
            &["search", "x", "--top=3"],
            &["search", "x", "--top", "1", "--top", "2"],
            &["ask", "--tech", "rust"],
            &["explain", "-f", "log.txt", "words"],
            &["explain", "-f", "a.log", "-f", "b.log"],
            &["explain", "-f", ""],
            &["explain", "-f", "--json"],
            &["explain", "-f"],
            &["explain", "--file=log.txt"],
            &["explain", "-flog.txt"],
            &["search", "x", "-f", "log.txt"],
            &["explain", "--", "--json"],
            &["explain", "-"],
            &["snippet", "x", "-o", "f.py"],
            &["--color", "NEVER", "show", "x"],
            &["--color"],
            &["--color", "never", "--color", "never", "show", "x"],
            &["list", "errors"],
            &["help", "show"],
        ];
        for words in lines {
            assert!(!agree(words), "{words:?} was read without clap");
        }
    }

    const WORDS: &[&str] = &[
        "show",
        "search",
        "ask",
        "explain",
        "snippet",
        "list",
        "help",
        "PY-007",
        "x",
        "key",
        "--json",
        "--first",
        "--why",
        "--code",
        "--top",
        "3",
        "0",
        "007",
        "-1",
        "+3",
        "--top=2",
        "--color",
        "never",
        "always",
        "NEVER",
        "--color=auto",
        "--no-pager",
        "--",
        "-",
        "-h",
        "--help",
        "-V",
        "--kind",
        "-f",
        "--file",
        "build.log",
        "",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4000))]
        #[test]
        fn generated_lines_read_fast_read_the_same(picks in proptest::collection::vec(0..WORDS.len(), 0..7)) {
            let words: Vec<&str> = picks.iter().map(|&i| WORDS[i]).collect();
            agree(&words);
        }
    }
}
