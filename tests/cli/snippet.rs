//! kh snippet: piped code is a working file; -o never clobbers.

use super::util::{kh, run};
use std::fs;

#[test]
fn piped_snippet_is_the_code_alone_and_compiles() {
    let (code, out, _) = run(&["snippet", "SN-PY-001"]);
    assert_eq!(code, 0);
    assert!(!out.contains("SN-PY-001"), "no header in piped output");
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("client.py");
    fs::write(&file, &out).expect("write");
    let status = std::process::Command::new("python3")
        .args(["-m", "py_compile"])
        .arg(&file)
        .status();
    if let Ok(status) = status {
        assert!(status.success(), "the snippet does not compile:\n{out}");
    }
}

#[test]
fn snippet_by_query_finds_the_debounce_hook() {
    let (code, out, _) = run(&["snippet", "debounce", "hook", "--json"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    assert_eq!(v["kind"], "snippet");
    assert!(v["title"]
        .as_str()
        .unwrap_or("")
        .to_lowercase()
        .contains("debounce"));
}

#[test]
fn output_file_is_written_and_never_clobbered_without_force() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("tree.sql");
    let path = file.to_str().expect("utf8");
    kh().args(["snippet", "SN-SQL-001", "-o", path])
        .assert()
        .success();
    let first = fs::read_to_string(&file).expect("written");
    assert!(first.to_uppercase().contains("WITH RECURSIVE"), "{first}");

    fs::write(&file, "mine").expect("overwrite by hand");
    let (code, _, err) = run(&["snippet", "SN-SQL-001", "-o", path]);
    assert_eq!(code, 2);
    assert!(
        err.contains("already exists") && err.contains("--force"),
        "{err}"
    );
    assert_eq!(fs::read_to_string(&file).expect("kept"), "mine");

    kh().args(["snippet", "SN-SQL-001", "-o", path, "--force"])
        .assert()
        .success();
    assert_eq!(fs::read_to_string(&file).expect("replaced"), first);
}

#[test]
fn output_into_a_missing_folder_is_a_clear_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("no/such/dir/x.py");
    let (code, _, err) = run(&["snippet", "SN-PY-001", "-o", file.to_str().expect("utf8")]);
    assert_eq!(code, 2);
    assert!(err.contains("does not exist"), "{err}");
}

#[test]
fn unknown_snippet_exits_1() {
    let (code, out, _) = run(&["snippet", "zzqqxxyy"]);
    assert_eq!(code, 1);
    assert!(out.is_empty());
}
