//! kh quiz: driven through stdin, and in a real terminal through tmux as a person would.

use super::util::{have_tmux, kh, Tmux};
use std::path::Path;

fn progress(dir: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(dir.join("kh/quiz.json")).expect("progress saved");
    serde_json::from_str(&text).expect("valid JSON")
}

#[test]
fn answers_are_saved_and_misses_come_back_first() {
    let data = tempfile::tempdir().expect("tempdir");
    let out = kh()
        .env("XDG_DATA_HOME", data.path())
        .args(["quiz", "--tech", "django", "--count", "3"])
        .write_stdin("\ny\n\nn\nq\n")
        .output()
        .expect("runs");
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("[1/3]") && text.contains("Model answer"),
        "{text}"
    );
    assert!(text.contains("1 knew, 1 missed"), "{text}");
    let p = progress(data.path());
    let cards = p["cards"].as_object().expect("cards");
    assert_eq!(cards.len(), 2);
    let missed: Vec<&String> = cards
        .iter()
        .filter(|(_, c)| c["box"] == 1)
        .map(|(id, _)| id)
        .collect();
    assert_eq!(missed.len(), 1);

    // The missed question is asked first next time.
    let out = kh()
        .env("XDG_DATA_HOME", data.path())
        .args(["quiz", "--tech", "django"])
        .write_stdin("q\n")
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&out.stdout);
    let first_line = text.lines().find(|l| l.starts_with("[1/")).unwrap_or("");
    assert!(first_line.contains(missed[0].as_str()), "{first_line}");
}

#[test]
fn corrupt_progress_is_set_aside_not_a_crash() {
    let data = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir_all(data.path().join("kh")).expect("mkdir");
    std::fs::write(data.path().join("kh/quiz.json"), "\u{0}garbage{").expect("write");
    let out = kh()
        .env("XDG_DATA_HOME", data.path())
        .args(["quiz", "--stats"])
        .output()
        .expect("runs");
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("unreadable") && err.contains("quiz.json.corrupt"),
        "{err}"
    );
    assert!(data.path().join("kh/quiz.json.corrupt").exists());
}

#[test]
fn stats_show_progress_per_technology() {
    let data = tempfile::tempdir().expect("tempdir");
    kh().env("XDG_DATA_HOME", data.path())
        .args(["quiz", "--tech", "django", "--count", "1"])
        .write_stdin("\ny\n")
        .assert()
        .success();
    let out = kh()
        .env("XDG_DATA_HOME", data.path())
        .args(["quiz", "--stats", "--json"])
        .output()
        .expect("runs");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["django"]["seen"], 1);
    assert!(v["django"]["questions"].as_u64().is_some_and(|n| n >= 7));
}

#[test]
fn quiz_in_a_real_terminal_reveals_grades_and_survives_ctrl_c() {
    if !have_tmux() {
        return;
    }
    let data = tempfile::tempdir().expect("tempdir");
    let bin = assert_cmd::cargo::cargo_bin("kh");
    let cmd = format!(
        "env XDG_DATA_HOME='{}' '{}' quiz --tech django --count 3",
        data.path().display(),
        bin.display()
    );
    let t = Tmux::start(&cmd);
    let screen = t.wait_for("press Enter to see the model answer");
    assert!(screen.contains("[1/3]"), "{screen}");
    t.keys(&["Enter"]);
    t.wait_for("How did it go?");
    t.keys(&["y", "Enter"]);
    t.wait_for("[2/3]");
    t.keys(&["C-c"]);
    t.wait_until_dead();
    let screen = t.screen();
    assert!(!screen.contains("panicked"), "{screen}");
    let p = progress(data.path());
    assert_eq!(
        p["cards"].as_object().map(|c| c.len()),
        Some(1),
        "the answer before Ctrl-C is kept"
    );
}
