//! Finding and starting the user's pager.

use std::process::{Child, ChildStdin, Command, Stdio};

/// The pager command line: `KH_PAGER`, then `PAGER`, then `less`. Empty or `cat` means
/// no pager.
pub fn command() -> Option<String> {
    let cmd = ["KH_PAGER", "PAGER"]
        .iter()
        .find_map(|v| std::env::var(v).ok())
        .unwrap_or_else(|| "less".to_string());
    let trimmed = cmd.trim();
    (!trimmed.is_empty() && trimmed != "cat").then(|| trimmed.to_string())
}

/// Starts the pager through the shell (so that `less -R` or a script with arguments
/// work), with `LESS=FRX` unless the user set `LESS`: one screen of output quits at once,
/// colours pass through, the screen is not cleared.
pub fn spawn(cmd: &str) -> Option<(Child, ChildStdin)> {
    let mut c = Command::new("sh");
    c.arg("-c").arg(cmd).stdin(Stdio::piped());
    if std::env::var_os("LESS").is_none() {
        c.env("LESS", "FRX");
    }
    let mut child = c.spawn().ok()?;
    let stdin = child.stdin.take()?;
    Some((child, stdin))
}
