//! The `kh` binary: parse the command line, run it, print an error once, exit like grep
//! (0 found, 1 nothing found, 2 usage or input error). A closed pipe ends quietly.
//!
//! On Linux with glibc the process starts at C's `main` (see `start.rs`): std's runtime
//! start reads `/proc/self/maps` and sets up a signal stack, which cost more than most
//! lookups do.

#![cfg_attr(all(target_os = "linux", target_env = "gnu"), no_main)]

#[cfg(all(target_os = "linux", target_env = "gnu"))]
mod start;

use kh::cli::{Cli, ColorChoice};
use kh::commands::{self, Outcome};
use kh::output::Output;
use std::io::{IsTerminal, Write};

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn main() -> std::process::ExitCode {
    std::process::ExitCode::from(run())
}

/// Runs the command line and returns the exit code.
fn run() -> u8 {
    let cli = match Cli::from_env() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            // clap writes help through std's stdout, which nothing flushes at exit here.
            let _ = std::io::stdout().flush();
            return code;
        }
    };
    let terminal = std::io::stdout().is_terminal();
    let color = match cli.globals.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
    };
    let mut out = Output::new(color, terminal);
    if terminal && !cli.globals.no_pager && cli.command.pages(std::io::stdin().is_terminal()) {
        out.use_pager();
    }
    let result = commands::run(cli, &mut out);
    let finished = out.finish();
    let result = result.and_then(|o| finished.map(|()| o));
    match result {
        Ok(Outcome::Found) => 0,
        Ok(Outcome::Nothing) => 1,
        Err(e) if e.is_broken_pipe() => 0,
        Err(e) => {
            eprintln!("kh: {e}");
            2
        }
    }
}
