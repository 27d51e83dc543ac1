//! Removing terminal escape sequences and control characters from text.
//!
//! Used on input (so that coloured compiler output matches) and on everything echoed to a
//! terminal (so that neither input nor a user's corpus can move the cursor or retitle the
//! window).

/// Appends `s` to `out` without ANSI/VT escape sequences or control characters (tab kept,
/// as a space).
pub fn clean_into(s: &str, out: &mut String) {
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\u{1b}' => skip_escape(&mut chars),
            '\u{9b}' => skip_csi(&mut chars),
            '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
}

/// `s` without escape sequences or control characters.
pub fn clean(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    clean_into(s, &mut out);
    out
}

fn skip_escape(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    match chars.next() {
        Some('[') => skip_csi(chars),
        // OSC, DCS, SOS, PM, APC: up to BEL or ESC \.
        Some(']' | 'P' | 'X' | '^' | '_') => {
            while let Some(c) = chars.next() {
                if c == '\u{7}' || c == '\u{9c}' {
                    break;
                }
                if c == '\u{1b}' {
                    if chars.peek() == Some(&'\\') {
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

fn skip_csi(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
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

    #[test]
    fn unterminated_escape_does_not_panic() {
        assert_eq!(clean("x\u{1b}["), "x");
        assert_eq!(clean("x\u{1b}"), "x");
    }
}
