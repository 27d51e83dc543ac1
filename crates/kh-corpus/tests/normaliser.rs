//! Properties of the text normaliser that every lookup relies on.

use kh_corpus::text::{line_matches, parse_message, pattern_tokens, search_terms, tokens};
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn ascii_tokens_are_lower_cased_runs_of_letters_and_digits_cut_at_64(s in "([a-zA-Z0-9]{0,70}[ ._:/()-]{0,3}){0,12}") {
        let want: Vec<String> = s
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|t| !t.is_empty())
            .map(|t| t[..t.len().min(64)].to_ascii_lowercase())
            .collect();
        prop_assert_eq!(tokens(&s), want);
    }

    #[test]
    fn tokenising_is_idempotent(s in "\\PC{0,200}") {
        let once = tokens(&s);
        prop_assert_eq!(tokens(&once.join(" ")), once);
    }

    #[test]
    fn tokens_are_lower_case_alphanumeric_and_bounded(s in "\\PC{0,300}") {
        let toks = tokens(&s);
        let total: usize = toks.iter().map(String::len).sum();
        // Lower-casing can lengthen a few characters (İ), never by more than 3 times.
        prop_assert!(total <= 3 * s.len());
        for t in &toks {
            prop_assert!(!t.is_empty() && t.len() <= 256);
            prop_assert!(t.chars().all(char::is_alphanumeric));
        }
    }

    #[test]
    fn search_terms_come_from_the_tokens(s in "[a-zA-Z _.:-]{0,120}") {
        let toks = tokens(&s);
        for term in search_terms(&s) {
            prop_assert!(toks.iter().any(|t| t.starts_with(&term)));
        }
    }

    #[test]
    fn message_patterns_never_panic(pattern in "\\PC{0,80}", line in "\\PC{0,120}") {
        if let Ok(pieces) = parse_message(&pattern) {
            let _ = line_matches(&pieces, &line);
            let _ = pattern_tokens(&pieces);
        }
    }

    #[test]
    fn a_message_with_its_holes_filled_matches(words in proptest::collection::vec("[a-z]{1,8}", 1..6), fill in "[a-zA-Z0-9_./]{1,12}") {
        let pattern = format!("{} '{{name}}' {}", words.join(" "), words[0]);
        let line = format!("prefix: {} '{}' {} suffix", words.join(" "), fill, words[0]);
        let pieces = parse_message(&pattern).expect("valid pattern");
        prop_assert!(line_matches(&pieces, &line));
    }
}
