//! The one way tests start `kh`: the built binary, with the user's colour and corpus
//! settings removed so that results do not depend on the machine.

use assert_cmd::Command;
use serde_json::Value;
use std::time::{Duration, Instant};

/// `kh --color never` with a clean environment.
pub fn kh() -> Command {
    let mut cmd = Command::cargo_bin("kh").expect("the kh binary is built by cargo test");
    cmd.env_remove("NO_COLOR")
        .env_remove("KH_CORPUS_PATH")
        .env_remove("KH_PAGER")
        .env_remove("PAGER")
        .arg("--color")
        .arg("never");
    cmd
}

/// Runs `kh` with `args`, returning (exit code, stdout, stderr).
pub fn run(args: &[&str]) -> (i32, String, String) {
    run_stdin(args, "")
}

/// Runs `kh` with `args` and `stdin`.
pub fn run_stdin(args: &[&str], stdin: impl Into<Vec<u8>>) -> (i32, String, String) {
    let out = kh()
        .args(args)
        .write_stdin(stdin)
        .output()
        .expect("kh runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Runs `kh ARGS | head -N` in bash with pipefail and asserts that kh ended quietly with
/// success although head closed the pipe early; returns what head printed.
pub fn assert_quiet_into_closed_pipe(args: &str, lines: usize) -> String {
    let bin = assert_cmd::cargo::cargo_bin("kh");
    let out = std::process::Command::new("bash")
        .arg("-c")
        .arg(format!(
            "set -o pipefail; '{}' --color never {args} | head -{lines}",
            bin.display()
        ))
        .output()
        .expect("bash runs");
    assert!(out.status.success(), "{out:?}");
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Parses stdout as JSON, showing it on failure.
pub fn json(stdout: &str) -> Value {
    serde_json::from_str(stdout).unwrap_or_else(|e| panic!("not JSON ({e}):\n{stdout}"))
}

/// The ID of `v["matches"][0]` or `v["results"][0]`.
pub fn first_id(v: &Value, list: &str) -> String {
    v[list][0]["id"].as_str().unwrap_or("").to_string()
}

/// A tmux server of our own, killed on drop.
pub struct Tmux {
    socket: String,
}

impl Tmux {
    pub fn start(cmd: &str) -> Tmux {
        static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = N.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let socket = format!("kh-test-{}-{n}", std::process::id());
        // The pane must outlive the program, so that its last screen can be read: the
        // option is set on an idle pane first, then the program replaces it. (Setting it
        // after starting the program races with a program that ends at once.)
        let tmux = |args: &[&str]| {
            std::process::Command::new("tmux")
                .args(["-L", &socket, "-f", "/dev/null"])
                .args(args)
                .status()
                .expect("tmux runs")
                .success()
        };
        assert!(
            tmux(&[
                "new-session",
                "-d",
                "-s",
                "q",
                "-x",
                "120",
                "-y",
                "50",
                "sleep 600"
            ]),
            "tmux session did not start"
        );
        assert!(tmux(&["set-option", "-t", "q", "remain-on-exit", "on"]));
        assert!(tmux(&["respawn-pane", "-k", "-t", "q", cmd]));
        Tmux { socket }
    }

    pub fn keys(&self, keys: &[&str]) {
        let mut args = vec!["-L", &self.socket, "send-keys", "-t", "q"];
        args.extend_from_slice(keys);
        assert!(std::process::Command::new("tmux")
            .args(&args)
            .status()
            .expect("tmux")
            .success());
    }

    pub fn screen(&self) -> String {
        let out = std::process::Command::new("tmux")
            .args([
                "-L",
                &self.socket,
                "capture-pane",
                "-p",
                "-t",
                "q",
                "-S",
                "-200",
            ])
            .output()
            .expect("tmux");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    pub fn dead(&self) -> bool {
        let out = std::process::Command::new("tmux")
            .args([
                "-L",
                &self.socket,
                "display-message",
                "-p",
                "-t",
                "q",
                "#{pane_dead}",
            ])
            .output()
            .expect("tmux");
        String::from_utf8_lossy(&out.stdout).trim() == "1"
    }

    pub fn wait_until_dead(&self) {
        let start = Instant::now();
        while !self.dead() {
            assert!(
                start.elapsed() < Duration::from_secs(30),
                "the program never ended:\n{}",
                self.screen()
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    pub fn wait_for(&self, text: &str) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if screen.contains(text) {
                return screen;
            }
            assert!(
                start.elapsed() < Duration::from_secs(30),
                "`{text}` never appeared:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = std::process::Command::new("tmux")
            .args(["-L", &self.socket, "kill-server"])
            .status();
    }
}

pub fn have_tmux() -> bool {
    let found = std::process::Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success());
    // CI installs tmux (.ci/run); elsewhere a missing tmux skips this one test loudly.
    assert!(
        found || std::env::var_os("CI").is_none(),
        "tmux is required in CI"
    );
    if !found {
        eprintln!("skipped: tmux is not installed");
    }
    found
}
