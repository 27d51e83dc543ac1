//! Bad input: each gets a clear one-line error and exit 2, or a sensible answer.

use super::util::run_stdin;

#[test]
fn empty_input_is_an_input_error() {
    let (code, out, err) = run_stdin(&["explain"], "");
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert!(err.contains("empty"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
}

#[test]
fn whitespace_only_input_is_an_input_error() {
    let (code, _, err) = run_stdin(&["explain"], " \n\t\r\n  ");
    assert_eq!(code, 2);
    assert!(err.contains("empty"), "{err}");
}

#[test]
fn binary_input_is_refused_in_one_line() {
    // The head of a real executable: the kh binary itself.
    let exe = std::fs::read(assert_cmd::cargo::cargo_bin("kh")).expect("binary readable");
    let bytes = exe[..exe.len().min(64 * 1024)].to_vec();
    let (code, _, err) = run_stdin(&["explain"], bytes);
    assert_eq!(code, 2);
    assert!(err.contains("binary"), "{err}");
    assert_eq!(err.lines().count(), 1);
}

#[test]
fn invalid_utf8_around_an_error_still_matches() {
    let mut input = b"\xc3\x28 \xfd garbage\n".to_vec();
    input.extend_from_slice(b"ModuleNotFoundError: No module named 'requests' \xc3\x28\n");
    let (code, out, _) = run_stdin(&["explain", "--json"], input);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("PY-007"));
}

#[test]
fn utf16_with_bom_is_decoded() {
    let mut bytes = vec![0xff, 0xfe];
    for u in "ModuleNotFoundError: No module named 'requests'\r\n".encode_utf16() {
        bytes.extend_from_slice(&u.to_le_bytes());
    }
    let (code, out, _) = run_stdin(&["explain", "--json"], bytes);
    assert_eq!(code, 0);
    assert!(out.contains("PY-007"));
}

#[test]
fn a_ten_megabyte_single_line_is_handled() {
    let mut input = "x".repeat(10 * 1024 * 1024);
    input.push('\n');
    input.push_str("ModuleNotFoundError: No module named 'requests'\n");
    let (code, out, _) = run_stdin(&["explain", "--json"], input);
    assert_eq!(code, 0);
    assert!(out.contains("PY-007"));
}

#[test]
fn escape_sequences_from_input_never_reach_the_output() {
    let input = "\x1b]0;owned\x07ModuleNotFoundError: No module named 'requests'\x1b[2J\n";
    let (code, out, _) = run_stdin(&["explain", "--why"], input);
    assert_eq!(code, 0);
    assert!(!out.contains('\x1b') && !out.contains('\x07'), "{out:?}");
}

#[test]
fn explain_into_a_closed_pipe_ends_quietly() {
    let dir = tempfile::tempdir().expect("tempdir");
    let log = dir.path().join("log.txt");
    let mut text = String::new();
    for i in 0..2000 {
        text.push_str(&format!("line {i}: ModuleNotFoundError: No module named 'm{i}'\nERROR 1452 (23000): Cannot add or update a child row: a foreign key constraint fails (`a`.`b{i}`)\n"));
    }
    std::fs::write(&log, text).expect("write");
    let out = super::util::assert_quiet_into_closed_pipe(
        &format!("explain --why --top 50 < '{}'", log.display()),
        2,
    );
    assert_eq!(out.lines().count(), 2);
}

#[test]
fn closed_standard_descriptors_read_as_empty_and_never_take_an_output_file() {
    // kh starts without std's runtime start (src/start.rs), which would have opened
    // /dev/null on them: a closed stdin must still read as empty input, a closed stdout
    // drop the output, and a file opened while stderr is closed (so taking descriptor 2)
    // must hold the snippet only, not the "wrote" line after it.
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("client.py");
    let bin = assert_cmd::cargo::cargo_bin("kh");
    let sh = |script: String| {
        std::process::Command::new("bash")
            .arg("-c")
            .arg(script)
            .output()
            .expect("bash runs")
    };
    let kh = format!("'{}' --color never", bin.display());
    let empty = sh(format!("{kh} explain <&-"));
    assert_eq!(empty.status.code(), Some(2));
    let err = String::from_utf8_lossy(&empty.stderr);
    assert!(
        err.starts_with("kh: standard input is empty") && err.lines().count() == 1,
        "{err}"
    );
    let shown = sh(format!("{kh} show PY-007 >&-"));
    assert!(
        shown.status.success() && shown.stderr.is_empty(),
        "{shown:?}"
    );
    let wrote = sh(format!(
        "{kh} snippet SN-PY-001 -o '{}' 2>&-",
        file.display()
    ));
    assert!(wrote.status.success(), "{wrote:?}");
    let (code, code_text, _) = super::util::run(&["snippet", "SN-PY-001"]);
    assert_eq!(code, 0);
    let written = std::fs::read_to_string(&file).expect("the snippet file");
    assert_eq!(written, code_text);
}

#[test]
fn output_to_a_location_that_cannot_be_written_is_a_clear_error() {
    // /proc refuses new files even for root, unlike a chmod-ed folder.
    let (code, out, err) = run_stdin(&["snippet", "SN-PY-001", "-o", "/proc/kh-client.py"], "");
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert!(err.starts_with("kh: writing /proc/kh-client.py:"), "{err}");
    assert_eq!(err.lines().count(), 1);
}

#[test]
fn explain_on_a_terminal_without_input_says_how_to_paste() {
    if !super::util::have_tmux() {
        return;
    }
    let bin = assert_cmd::cargo::cargo_bin("kh");
    let t = super::util::Tmux::start(&format!("'{}' --color never explain", bin.display()));
    t.wait_for("paste the error output");
    t.keys(&["ModuleNotFoundError: No module named 'requests'", "Enter"]);
    t.wait_for("named 'requests'");
    // End of input; repeated while kh has not answered, in case a loaded machine let the
    // terminal take the first ^D before the line was handed over.
    let start = std::time::Instant::now();
    let screen = loop {
        t.keys(&["C-d"]);
        std::thread::sleep(std::time::Duration::from_millis(500));
        let screen = t.screen();
        if screen.contains("PY-007") || start.elapsed() > std::time::Duration::from_secs(30) {
            break screen;
        }
    };
    assert!(screen.contains("PY-007"), "{screen}");
    assert!(screen.contains("Ctrl-D"), "{screen}");
}

/// Peak resident memory (KiB) of a finished child, from `wait4`.
#[allow(unsafe_code)]
fn reap_peak_kib(child: &std::process::Child) -> (i32, i64) {
    let mut status = 0;
    // SAFETY: rusage is plain data that wait4 fills in; the pid is our own child.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let r = unsafe { libc::wait4(child.id() as i32, &mut status, 0, &mut usage) };
    assert!(r > 0, "wait4 failed");
    (libc::WEXITSTATUS(status), usage.ru_maxrss)
}

#[test]
// The child is reaped by wait4 in reap_peak_kib, which clippy cannot see.
#[allow(clippy::zombie_processes)]
fn a_large_stream_is_read_in_bounded_memory() {
    use std::io::Write;
    let bin = assert_cmd::cargo::cargo_bin("kh");
    let mut child = std::process::Command::new(bin)
        .args(["--color", "never", "explain", "--json"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("kh starts");
    let mut stdin = child.stdin.take().expect("stdin");
    let line = "2026-11-25T10:00:00Z INFO worker-3 request id=42 path=/api/v1/items took 12ms\n";
    let chunk = line.repeat(4096);
    let mut written = 0;
    while written < 24 * 1024 * 1024 {
        stdin.write_all(chunk.as_bytes()).expect("kh reads");
        written += chunk.len();
    }
    stdin
        .write_all(b"ModuleNotFoundError: No module named 'requests'\n")
        .expect("write");
    drop(stdin);
    let mut out = String::new();
    std::io::Read::read_to_string(child.stdout.as_mut().expect("stdout"), &mut out).expect("read");
    let (code, peak) = reap_peak_kib(&child);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("PY-007"));
    assert!(peak < 16 * 1024, "24 MB of input took {peak} KiB of memory");
}
