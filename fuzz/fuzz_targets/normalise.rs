//! The text normaliser and the message-pattern code: tokens, stems, placeholders and the
//! matcher that checks an Example contains a message.
#![no_main]

use kh_corpus::text;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else { return };
    let (pattern, line) = s.split_once('\n').unwrap_or((s, s));
    let toks = text::tokens(line);
    assert!(toks.iter().all(|t| !t.is_empty() && t.len() <= 256));
    // Normalising is idempotent: the tokens of the joined tokens are the same tokens.
    assert_eq!(text::tokens(&toks.join(" ")), toks);
    let _ = text::search_terms(line);
    if let Ok(pieces) = text::parse_message(pattern) {
        let _ = text::line_matches(&pieces, line);
        let _ = text::pattern_tokens(&pieces);
        let _ = text::message_key(&pieces);
    }
    let _ = kh::explain::clean::clean(line);
});
