//! Removing terminal escape sequences and control characters from text.
//!
//! Used on input (so that coloured compiler output matches) and on everything echoed to a
//! terminal (so that neither input nor a user's corpus can move the cursor or retitle the
//! window).

/// Appends `s` to `out` without ANSI/VT escape sequences or control characters (tab kept,
/// as a space).
pub fn clean_into(s: &str, out: &mut String) {
    let mut rest = s;
    loop {
        let run = plain_run(rest.as_bytes());
        out.push_str(&rest[..run]);
        let mut chars = rest[run..].chars();
        match chars.next() {
            None => return,
            Some('\u{1b}') => skip_escape(&mut chars),
            Some('\u{9b}') => skip_csi(&mut chars),
            Some('\t') => out.push(' '),
            Some(c) if c.is_control() => {}
            Some(c) => out.push(c),
        }
        rest = chars.as_str();
    }
}

/// Whether a byte may start something to drop: a C0 control, DEL, or 0xC2, which leads
/// the C1 controls (U+0080..U+009F) and also U+00A0..U+00BF (which `clean_into` keeps).
fn special(b: u8) -> bool {
    b < 0x20 || b == 0x7f || b == 0xc2
}

/// The length of the leading run of bytes that are not [`special`]: copied whole. Tested
/// 16 bytes at a time without an early exit, which the compiler turns into vector
/// compares (most text has no control character at all).
fn plain_run(bytes: &[u8]) -> usize {
    let mut i = 0;
    for chunk in bytes.chunks_exact(16) {
        if chunk.iter().fold(false, |any, &b| any | special(b)) {
            break;
        }
        i += 16;
    }
    i + bytes[i..]
        .iter()
        .position(|&b| special(b))
        .unwrap_or(bytes.len() - i)
}

/// `s` without escape sequences or control characters.
pub fn clean(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    clean_into(s, &mut out);
    out
}

fn skip_escape(chars: &mut std::str::Chars<'_>) {
    match chars.next() {
        Some('[') => skip_csi(chars),
        // OSC, DCS, SOS, PM, APC: up to BEL or ESC \.
        Some(']' | 'P' | 'X' | '^' | '_') => {
            while let Some(c) = chars.next() {
                if c == '\u{7}' || c == '\u{9c}' {
                    break;
                }
                if c == '\u{1b}' {
                    if chars.as_str().starts_with('\\') {
                        chars.next();
                    }
                    break;
                }
            }
        }
        // Two-byte sequences with an intermediate byte (ESC ( B, ESC # 8).
        Some('(' | ')' | '*' | '+' | '#' | '%') => {
            chars.next();
        }
        _ => {}
    }
}

fn skip_csi(chars: &mut std::str::Chars<'_>) {
    for c in chars.by_ref() {
        if ('\u{40}'..='\u{7e}').contains(&c) {
            break;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plain_run_ends_at_the_first_control_byte_wherever_it_is() {
        for len in [0, 1, 15, 16, 17, 40] {
            let plain = "a\u{e9}".repeat(len);
            assert_eq!(plain_run(plain.as_bytes()), plain.len());
            for at in 0..plain.len() {
                for b in [0x00u8, 0x1b, 0x7f, 0xc2] {
                    let mut bytes = plain.as_bytes().to_vec();
                    bytes[at] = b;
                    let first = bytes.iter().position(|&c| special(c)).unwrap_or(0);
                    assert_eq!(plain_run(&bytes), first, "len {len}, {b:#x} at {at}");
                }
            }
        }
    }

    #[test]
    fn strips_colour_codes() {
        assert_eq!(clean("\u{1b}[1;31merror\u{1b}[0m: x"), "error: x");
    }

    #[test]
    fn strips_osc_title_and_bell() {
        assert_eq!(clean("a\u{1b}]0;pwned\u{7}b\u{7}"), "ab");
    }

    #[test]
    fn keeps_unicode_and_turns_tabs_into_spaces() {
        assert_eq!(clean("\tcaf\u{e9} \u{2192}"), " caf\u{e9} \u{2192}");
    }

    proptest::proptest! {
        #[test]
        fn cleaning_is_idempotent_and_never_grows(s in "\\PC{0,200}|[\\x00-\\x7f]{0,200}") {
            let once = clean(&s);
            proptest::prop_assert_eq!(clean(&once), once.clone());
            proptest::prop_assert!(once.len() <= s.len());
            proptest::prop_assert!(!once.chars().any(|c| c.is_control()));
        }
    }

    /// The first version, one character at a time: the fast one must agree with it.
    fn reference(s: &str) -> String {
        let mut out = String::new();
        let mut chars = s.chars();
        while let Some(c) = chars.next() {
            match c {
                '\u{1b}' => skip_escape(&mut chars),
                '\u{9b}' => skip_csi(&mut chars),
                '\t' => out.push(' '),
                c if c.is_control() => {}
                c => out.push(c),
            }
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn copying_runs_whole_changes_nothing(s in "(\\PC|[\\x00-\\x1f\\x7f-\\u{c0}\\[\\]\\\\P_(#m;0-9])*") {
            proptest::prop_assert_eq!(clean(&s), reference(&s));
        }
    }

    #[test]
    fn unterminated_escape_does_not_panic() {
        assert_eq!(clean("x\u{1b}["), "x");
        assert_eq!(clean("x\u{1b}"), "x");
    }
}
