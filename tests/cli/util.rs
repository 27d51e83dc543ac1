//! The one way tests start `kh`: the built binary, with the user's colour and corpus
//! settings removed so that results do not depend on the machine.

use assert_cmd::Command;
use serde_json::Value;

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

/// Parses stdout as JSON, showing it on failure.
pub fn json(stdout: &str) -> Value {
    serde_json::from_str(stdout).unwrap_or_else(|e| panic!("not JSON ({e}):\n{stdout}"))
}

/// The ID of `v["matches"][0]` or `v["results"][0]`.
pub fn first_id(v: &Value, list: &str) -> String {
    v[list][0]["id"].as_str().unwrap_or("").to_string()
}
