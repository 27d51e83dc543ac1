//! The command-line definition: clap types only, no logic.
//!
//! Doc comments are the help text; every subcommand carries an example in `after_help`.
//! [`Cli::from_env`] reads the everyday lines without clap (`fast.rs`), and parses the
//! others with these same types, building only the subcommand named (`narrow.rs`).

mod fast;
mod narrow;

/// `kh` followed by `words`, as the parse tests give it to each parser.
#[cfg(test)]
fn test_argv(words: &[&str]) -> Vec<std::ffi::OsString> {
    std::iter::once("kh")
        .chain(words.iter().copied())
        .map(std::ffi::OsString::from)
        .collect()
}

use clap::builder::{PossibleValue, PossibleValuesParser};
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// kh: an offline engineering knowledge hub.
///
/// Errors explained, interview questions, snippets, system design notes, security topics
/// and learning paths, all in one binary.
#[derive(Debug, Parser)]
#[command(name = "kh", version, propagate_version = true, help_expected = true)]
#[command(
    after_help = "Examples:\n  cargo build 2>&1 | kh explain\n  kh ask \"select_related vs prefetch_related\"\n  kh snippet SN-PY-001 > client.py\n  kh show PY-007"
)]
pub struct Cli {
    /// Options that every subcommand takes.
    #[command(flatten)]
    pub globals: Globals,

    /// The subcommand.
    #[command(subcommand)]
    pub command: Command,
}

/// Options that every subcommand takes.
#[derive(Debug, Args)]
pub struct Globals {
    /// When to use colour: auto (a terminal without NO_COLOR), always or never.
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,

    /// Do not send long output through a pager.
    #[arg(long, global = true)]
    pub no_pager: bool,
}

impl Command {
    /// Whether the command's output may go through a pager: reading commands do;
    /// interactive ones, writers and generators do not, nor does `explain` while it reads
    /// what is pasted into the terminal (the pager would take the keyboard).
    pub fn pages(&self, stdin_is_terminal: bool) -> bool {
        match self {
            Command::Explain(a) => !(a.text.is_empty() && a.file.is_none() && stdin_is_terminal),
            Command::Snippet(a) => a.output.is_none() && !a.code,
            Command::Quiz(_)
            | Command::New(_)
            | Command::Lint(_)
            | Command::Completions(_)
            | Command::Man => false,
            _ => true,
        }
    }
}

/// Colour choice, resolved once in `main`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour on a terminal when NO_COLOR is unset.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Explain an error: paste or pipe output, get the root cause and the fix.
    #[command(
        after_help = "Examples:\n  cargo build 2>&1 | kh explain\n  kh explain \"ModuleNotFoundError: No module named 'requests'\"\n  kh explain -f build.log --top 3 --why"
    )]
    Explain(ExplainArgs),
    /// Find interview questions by keywords, with filters.
    #[command(
        after_help = "Examples:\n  kh ask \"diff between select related and prefetch\"\n  kh ask migrations --tech django --level beginner\n  kh ask --tech rust --difficulty 6..8 ownership"
    )]
    Ask(AskArgs),
    /// Fetch a snippet by ID or query; piped, prints the code alone.
    #[command(
        after_help = "Examples:\n  kh snippet SN-PY-001 > client.py\n  kh snippet \"recursive cte\" -o tree.sql\n  kh snippet debounce hook"
    )]
    Snippet(SnippetArgs),
    /// Show any entry by ID (case-insensitive).
    #[command(after_help = "Examples:\n  kh show PY-007\n  kh show djg-beg-001 --json")]
    Show(ShowArgs),
    /// Search all kinds, ranked, typos tolerated.
    #[command(
        after_help = "Examples:\n  kh search \"foreign key constraint\"\n  kh search ratelimit --kind design"
    )]
    Search(SearchArgs),
    /// Browse entries with filters; --format for scripts.
    #[command(
        after_help = "Examples:\n  kh list errors --tech python\n  kh list question --level senior --format ids\n  kh list --format tsv | cut -f1,3"
    )]
    List(ListArgs),
    /// Learning paths, or one path with its modules.
    #[command(after_help = "Examples:\n  kh path\n  kh path LP-001\n  kh path LP-001 --next")]
    Path(PathArgs),
    /// Counts by kind and technology.
    #[command(after_help = "Examples:\n  kh stats\n  kh stats --json")]
    Stats(JsonArg),
    /// Practise interview questions with spaced repetition.
    #[command(
        after_help = "Examples:\n  kh quiz --tech python --level beginner\n  kh quiz --topic security --count 5\n  kh quiz --stats"
    )]
    Quiz(QuizArgs),
    /// Write a template for a new entry (next free ID) into your own corpus.
    #[command(
        after_help = "Examples:\n  kh new error --tech go\n  kh new question --tech rust --level senior\n  $EDITOR \"$(kh new snippet --tech bash)\""
    )]
    New(NewArgs),
    /// Print a shell completion script (IDs complete in bash and fish).
    #[command(
        after_help = "Examples:\n  kh completions bash > ~/.local/share/bash-completion/completions/kh\n  kh completions fish > ~/.config/fish/completions/kh.fish\n  kh completions zsh > ~/.zfunc/_kh"
    )]
    Completions(CompletionsArgs),
    /// Print the man page (roff).
    #[command(
        after_help = "Examples:\n  kh man | man -l -\n  kh man > /usr/local/share/man/man1/kh.1"
    )]
    Man,
    /// Validate a corpus folder with the same rules as the build.
    #[command(after_help = "Examples:\n  kh lint corpus\n  kh lint ~/.config/kh/corpus")]
    Lint(LintArgs),
}

/// `--json` for lookup commands.
#[derive(Debug, Args)]
pub struct JsonArg {
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
}

/// Filters shared by `ask` and `list`.
#[derive(Debug, Args, Default, Clone)]
pub struct Filters {
    /// Only this technology (e.g. python, django, rust).
    #[arg(long, value_name = "TECH", value_parser = techs(), ignore_case = true, hide_possible_values = true)]
    pub tech: Option<String>,
    /// Only this level: beginner, mid, senior or architect.
    #[arg(long, value_name = "LEVEL", value_parser = levels(), ignore_case = true)]
    pub level: Option<String>,
    /// Only this topic (e.g. "System Design", security).
    #[arg(long, value_name = "TOPIC")]
    pub topic: Option<String>,
    /// Difficulty N or range A..B (1-10).
    #[arg(long, value_name = "RANGE")]
    pub difficulty: Option<String>,
}

/// Arguments of `kh explain`.
#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// The error text; without it, read -f FILE or standard input.
    pub text: Vec<String>,
    /// Read the error output from this file.
    #[arg(short, long, value_name = "FILE", conflicts_with = "text")]
    pub file: Option<PathBuf>,
    /// Show up to N matches.
    #[arg(long, default_value_t = 3, value_name = "N")]
    pub top: usize,
    /// Only entries for this language or tool.
    #[arg(long, value_name = "LANG", value_parser = techs(), ignore_case = true, hide_possible_values = true)]
    pub lang: Option<String>,
    /// Show which input line matched which message.
    #[arg(long)]
    pub why: bool,
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
}

/// Arguments of `kh ask`.
#[derive(Debug, Args)]
pub struct AskArgs {
    /// Keywords or a paraphrase of the question.
    pub query: Vec<String>,
    /// Filters.
    #[command(flatten)]
    pub filters: Filters,
    /// Show up to N questions.
    #[arg(long, default_value_t = 5, value_name = "N")]
    pub top: usize,
    /// Print only the best question in full.
    #[arg(long)]
    pub first: bool,
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
}

/// Arguments of `kh snippet`.
#[derive(Debug, Args)]
pub struct SnippetArgs {
    /// A snippet ID (SN-PY-001) or a query.
    #[arg(required = true)]
    pub query: Vec<String>,
    /// Write the code to FILE (never over an existing file without --force).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// With -o, replace an existing file.
    #[arg(long, requires = "output")]
    pub force: bool,
    /// Print the code alone, even on a terminal.
    #[arg(long)]
    pub code: bool,
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
}

/// Arguments of `kh show`.
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The entry ID, any case.
    pub id: String,
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
}

/// Arguments of `kh search`.
#[derive(Debug, Args)]
pub struct SearchArgs {
    /// What to look for.
    #[arg(required = true)]
    pub query: Vec<String>,
    /// Only this kind: question, error, snippet, design, path, security.
    #[arg(long, value_name = "KIND", value_parser = kinds(), ignore_case = true)]
    pub kind: Option<String>,
    /// Show up to N results.
    #[arg(long, default_value_t = 10, value_name = "N")]
    pub top: usize,
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
}

/// Output formats of `kh list`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    /// Aligned columns for people.
    Table,
    /// One ID per line.
    Ids,
    /// Tab-separated: id, kind, tech, level, difficulty, title.
    Tsv,
    /// A JSON array.
    Json,
}

/// Arguments of `kh list`.
#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only this kind: question, error, snippet, design, path, security.
    #[arg(value_parser = kinds(), ignore_case = true)]
    pub kind: Option<String>,
    /// Filters.
    #[command(flatten)]
    pub filters: Filters,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,
    /// Same as --format json.
    #[arg(long)]
    pub json: bool,
}

/// Arguments of `kh path`.
#[derive(Debug, Args)]
pub struct PathArgs {
    /// A path ID; without it, list the paths.
    pub id: Option<String>,
    /// Suggest the paths to take after this one.
    #[arg(long, requires = "id")]
    pub next: bool,
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
}

/// Arguments of `kh lint`.
#[derive(Debug, Args)]
pub struct LintArgs {
    /// The corpus folder to check.
    #[arg(default_value = "corpus")]
    pub dir: PathBuf,
}

/// Arguments of `kh quiz`.
#[derive(Debug, Args)]
pub struct QuizArgs {
    /// Filters.
    #[command(flatten)]
    pub filters: Filters,
    /// Questions in this session.
    #[arg(long, default_value_t = 10, value_name = "N")]
    pub count: usize,
    /// Show progress per technology instead of asking.
    #[arg(long)]
    pub stats: bool,
    /// With --stats, print JSON.
    #[arg(long, requires = "stats")]
    pub json: bool,
}

/// Arguments of `kh new`.
#[derive(Debug, Args)]
pub struct NewArgs {
    /// The kind: question, error, snippet, design, path, security.
    #[arg(value_parser = kinds(), ignore_case = true)]
    pub kind: String,
    /// Technology (default python).
    #[arg(long, value_name = "TECH", value_parser = techs(), ignore_case = true, hide_possible_values = true)]
    pub tech: Option<String>,
    /// Level, for questions, design notes and paths (default beginner).
    #[arg(long, value_name = "LEVEL", value_parser = levels(), ignore_case = true)]
    pub level: Option<String>,
    /// Write here instead of the corpus folder in your config directory.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// Arguments of `kh completions`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// Technologies, for validation, help and shell completion.
fn techs() -> PossibleValuesParser {
    PossibleValuesParser::new(
        kh_corpus::tech::TECHS
            .iter()
            .map(|t| PossibleValue::new(t.slug).help(t.name)),
    )
}

/// Levels.
fn levels() -> PossibleValuesParser {
    PossibleValuesParser::new(["beginner", "mid", "senior", "architect"])
}

/// Kinds; plural forms are accepted too.
fn kinds() -> PossibleValuesParser {
    PossibleValuesParser::new([
        PossibleValue::new("question").alias("questions"),
        PossibleValue::new("error").alias("errors"),
        PossibleValue::new("snippet").alias("snippets"),
        PossibleValue::new("design").alias("designs"),
        PossibleValue::new("path").alias("paths"),
        PossibleValue::new("security"),
    ])
}
