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
