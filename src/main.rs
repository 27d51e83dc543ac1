//! The `kh` binary: parse the command line, run it, print an error once, exit like grep
//! (0 found, 1 nothing found, 2 usage or input error). A closed pipe ends quietly.

use kh::cli::{Cli, ColorChoice};
use kh::commands::{self, Outcome};
use kh::output::Output;
use std::io::IsTerminal;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = match Cli::from_env() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
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
        Ok(Outcome::Found) => ExitCode::SUCCESS,
        Ok(Outcome::Nothing) => ExitCode::from(1),
        Err(e) if e.is_broken_pipe() => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("kh: {e}");
            ExitCode::from(2)
        }
    }
}
