//! Fitting the shell: completions that load in bash, a man page that renders, a pager
//! used only on a terminal.

use super::util::{have_tmux, kh, run, Tmux};

fn bin_dir() -> String {
    let bin = assert_cmd::cargo::cargo_bin("kh");
    bin.parent().expect("bin dir").display().to_string()
}

/// Runs a bash snippet with the completion script loaded and kh on PATH.
fn bash(script: &str) -> String {
    let (code, completion, _) = run(&["completions", "bash"]);
    assert_eq!(code, 0);
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("kh.bash");
    std::fs::write(&file, completion).expect("write");
    let path = format!(
        "{}:{}",
        bin_dir(),
        std::env::var("PATH").unwrap_or_default()
    );
    let out = std::process::Command::new("bash")
        .arg("-c")
        .arg(format!("source '{}'\n{script}", file.display()))
        .env("PATH", path)
        .output()
        .expect("bash runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn bash_completion_completes_subcommands_techs_and_ids() {
    let subs = bash("COMP_WORDS=(kh sh); COMP_CWORD=1; COMP_LINE='kh sh'; COMP_POINT=5; _kh_with_ids kh sh kh; echo \"${COMPREPLY[@]}\"");
    assert!(subs.split_whitespace().any(|w| w == "show"), "{subs}");
    let techs = bash("COMP_WORDS=(kh ask --tech dj); COMP_CWORD=3; COMP_LINE='kh ask --tech dj'; COMP_POINT=16; _kh_with_ids kh dj --tech; echo \"${COMPREPLY[@]}\"");
    assert!(techs.contains("django"), "{techs}");
    let ids = bash("COMP_WORDS=(kh show py-00); COMP_CWORD=2; _kh_with_ids kh py-00 show; echo \"${COMPREPLY[@]}\"");
    assert!(ids.split_whitespace().any(|w| w == "PY-007"), "{ids}");
}

#[test]
fn every_shell_gets_a_completion_script() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let (code, out, _) = run(&["completions", shell]);
        assert_eq!(code, 0, "{shell}");
        assert!(out.contains("explain"), "{shell} script lacks subcommands");
    }
}

#[test]
fn the_man_page_renders_with_man() {
    let (code, page, _) = run(&["man"]);
    assert_eq!(code, 0);
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("kh.1");
    std::fs::write(&file, page).expect("write");
    let out = std::process::Command::new("man")
        .args(["-P", "cat", "-l"])
        .arg(&file)
        .env("MANWIDTH", "100")
        .output();
    let Ok(out) = out else {
        assert!(std::env::var_os("CI").is_none(), "man is required in CI");
        eprintln!("skipped: man is not installed");
        return;
    };
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        text.contains("NAME") && text.contains("explain") && text.contains("snippet"),
        "{text}"
    );
}

#[test]
fn piped_output_never_goes_through_the_pager() {
    let dir = tempfile::tempdir().expect("tempdir");
    let marker = dir.path().join("paged.txt");
    let out = kh()
        .env("KH_PAGER", format!("cat > '{}'", marker.display()))
        .args(["show", "PY-007"])
        .output()
        .expect("runs");
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("PY-007"));
    assert!(!marker.exists(), "the pager ran although stdout was a pipe");
}

#[test]
fn a_terminal_gets_the_pager_unless_no_pager() {
    if !have_tmux() {
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let bin = assert_cmd::cargo::cargo_bin("kh");
    for (flag, expect_paged) in [("", true), ("--no-pager", false)] {
        let marker = dir.path().join(format!("paged{flag}.txt"));
        let cmd = format!(
            "env KH_PAGER=\"cat > '{}'\" '{}' show PY-007 {flag}",
            marker.display(),
            bin.display()
        );
        let t = Tmux::start(&cmd);
        t.wait_until_dead();
        let paged = std::fs::read_to_string(&marker).unwrap_or_default();
        if expect_paged {
            assert!(
                paged.contains("PY-007"),
                "the pager got: {paged:?}\nscreen: {}",
                t.screen()
            );
        } else {
            assert!(!marker.exists(), "--no-pager still paged");
            assert!(t.screen().contains("PY-007"), "{}", t.screen());
        }
    }
}
