//! Text normalisation shared by the index builder and every query path.
//!
//! The same tokeniser must run at build time (terms into the fst) and at run time (queries,
//! error lines), or lookups silently miss; that is why it lives here. It also owns the
//! `{placeholder}` syntax of error messages.

/// Calls `f` with each lower-cased alphanumeric token of `text`, reusing one buffer.
///
/// Tokens are maximal runs of alphanumeric characters; everything else separates them
/// (so `select_related` gives `select`, `related`). Tokens longer than 64 bytes are cut,
/// which bounds the work on pathological input such as base64 blobs.
pub fn for_each_token(text: &str, mut f: impl FnMut(&str)) {
    if text.is_ascii() {
        return ascii_tokens(text, f);
    }
    let mut buf = String::with_capacity(32);
    for ch in text.chars() {
        if ch.is_alphanumeric() {
            if buf.len() < 64 {
                if ch.is_ascii() {
                    buf.push(ch.to_ascii_lowercase());
                } else {
                    // Lower-casing may add combining marks (İ gives i + U+0307): keep
                    // only what is itself alphanumeric.
                    buf.extend(ch.to_lowercase().filter(|c| c.is_alphanumeric()));
                }
            }
        } else if !buf.is_empty() {
            f(&buf);
            buf.clear();
        }
    }
    if !buf.is_empty() {
        f(&buf);
    }
}

/// Byte classes for [`ascii_tokens`]: `ALNUM` for ASCII letters and digits, `UPPER` too
/// for capitals. One table load per byte instead of range checks.
const ALNUM: u8 = 1;
const UPPER: u8 = 2;
static CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        if c.is_ascii_uppercase() {
            t[b] = ALNUM | UPPER;
        } else if c.is_ascii_alphanumeric() {
            t[b] = ALNUM;
        }
        b += 1;
    }
    t
};

/// [`for_each_token`] for ASCII text (the common case, and the hot loop of `kh explain`
/// on large logs): a token with no capital letter is handed out as a slice of the text,
/// without a copy; others are lower-cased into a small buffer.
fn ascii_tokens(text: &str, mut f: impl FnMut(&str)) {
    let bytes = text.as_bytes();
    let mut buf = [0u8; 64];
    let mut i = 0;
    while i < bytes.len() {
        while i < bytes.len() && CLASS[usize::from(bytes[i])] == 0 {
            i += 1;
        }
        let start = i;
        let mut class = 0;
        while i < bytes.len() {
            let c = CLASS[usize::from(bytes[i])];
            if c == 0 {
                break;
            }
            class |= c;
            i += 1;
        }
        if start == i {
            break;
        }
        let end = i.min(start + buf.len());
        if class & UPPER != 0 {
            let word = &mut buf[..end - start];
            word.copy_from_slice(&bytes[start..end]);
            word.make_ascii_lowercase();
            // Only ASCII alphanumerics were copied, so this is valid UTF-8.
            f(std::str::from_utf8(word).unwrap_or_default());
        } else {
            // ASCII text: every index is a character boundary.
            f(&text[start..end]);
        }
    }
}

/// All tokens of `text`, in order.
pub fn tokens(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for_each_token(text, |t| out.push(t.to_string()));
    out
}

/// Words too common to help a search.
const STOPWORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "by", "can", "do", "does", "for", "from", "how",
    "i", "in", "into", "is", "it", "its", "of", "on", "or", "that", "the", "this", "to", "was",
    "what", "when", "which", "who", "why", "will", "with", "you", "your",
];

/// Whether a token is a stopword for search purposes.
pub fn is_stopword(token: &str) -> bool {
    STOPWORDS.binary_search(&token).is_ok()
}

/// Reduces a search token to its index form: a light plural strip, so that "migrations"
/// and "migration" meet. Used for the search index and search queries alike.
pub fn stem(token: &str) -> &str {
    if token.len() > 4
        && token.ends_with('s')
        && !token.ends_with("ss")
        && !token.ends_with("us")
        && !token.ends_with("is")
    {
        &token[..token.len() - 1]
    } else {
        token
    }
}

/// Search terms of `text`: tokens without stopwords, stemmed.
pub fn search_terms(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for_each_token(text, |t| {
        if !is_stopword(t) {
            out.push(stem(t).to_string());
        }
    });
    out
}

/// One piece of an error message pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    /// Text that must appear as written.
    Lit(String),
    /// A `{placeholder}`: any non-empty text.
    Hole,
}

/// Parses an error message with `{placeholder}` holes and `{{`/`}}` escapes.
///
/// Literal text is copied a run at a time (`kh explain` parses each candidate message
/// it decodes); braces are ASCII, so byte positions are always character boundaries.
pub fn parse_message(msg: &str) -> Result<Vec<Piece>, String> {
    let mut pieces = Vec::new();
    let mut lit = String::new();
    let bytes = msg.as_bytes();
    // `run` is where the literal text not yet copied into `lit` starts.
    let (mut i, mut run) = (0, 0);
    while i < bytes.len() {
        match bytes[i] {
            c @ (b'{' | b'}') if bytes.get(i + 1) == Some(&c) => {
                lit.push_str(&msg[run..=i]);
                i += 2;
                run = i;
            }
            b'{' => {
                lit.push_str(&msg[run..i]);
                let rest = &msg[i + 1..];
                let Some(end) = rest.find('}') else {
                    return Err(format!("unclosed `{{{rest}` in message"));
                };
                let name = &rest[..end];
                push_hole(&mut pieces, &mut lit, name)?;
                i += end + 2;
                run = i;
            }
            b'}' => return Err("a lone `}` in message: write literal braces as `}}`".into()),
            _ => i += 1,
        }
    }
    lit.push_str(&msg[run..]);
    finish_pieces(pieces, lit)
}

/// A `{name}` read: checks the name, ends the literal before it, and adds a hole (one
/// for several in a row).
fn push_hole(pieces: &mut Vec<Piece>, lit: &mut String, name: &str) -> Result<(), String> {
    if name.is_empty()
        || !name
            .bytes()
            .all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == b'_')
    {
        return Err(format!(
            "`{{{name}}}` is not a placeholder: use a lower-case name like {{name}}, or write literal braces as {{{{ and }}}}"
        ));
    }
    if !lit.is_empty() {
        pieces.push(Piece::Lit(std::mem::take(lit)));
    }
    if pieces.last() != Some(&Piece::Hole) {
        pieces.push(Piece::Hole);
    }
    Ok(())
}

/// Ends a parse: the last literal goes in, and a message must have a literal word.
fn finish_pieces(mut pieces: Vec<Piece>, lit: String) -> Result<Vec<Piece>, String> {
    if !lit.is_empty() {
        pieces.push(Piece::Lit(lit));
    }
    if !pieces
        .iter()
        .any(|p| matches!(p, Piece::Lit(l) if l.chars().any(char::is_alphanumeric)))
    {
        return Err("message has no literal words".into());
    }
    Ok(pieces)
}

/// Whether `line` contains the message pattern (holes match any non-empty text).
pub fn line_matches(pieces: &[Piece], line: &str) -> bool {
    // Try each start position of the first literal; later literals are found leftmost,
    // which is exact for unanchored `*` patterns.
    let Some(Piece::Lit(first)) = pieces.iter().find(|p| matches!(p, Piece::Lit(_))) else {
        return false;
    };
    let lead_hole = matches!(pieces.first(), Some(Piece::Hole));
    let mut search_from = 0;
    while let Some(found) = line[search_from..].find(first.as_str()) {
        let start = search_from + found;
        if (!lead_hole || start > 0) && rest_matches(pieces, line, start) {
            return true;
        }
        search_from = start + first.len().max(1);
        while !line.is_char_boundary(search_from) {
            search_from += 1;
        }
        if search_from > line.len() {
            break;
        }
    }
    false
}

fn rest_matches(pieces: &[Piece], line: &str, start: usize) -> bool {
    let mut pos = start;
    let mut after_hole = false;
    let skip = usize::from(matches!(pieces.first(), Some(Piece::Hole)));
    for piece in &pieces[skip..] {
        match piece {
            Piece::Hole => after_hole = true,
            Piece::Lit(l) => {
                if after_hole {
                    // a hole needs at least one character
                    let from = next_boundary(line, pos);
                    match line.get(from..).and_then(|s| s.find(l.as_str())) {
                        Some(i) => pos = from + i + l.len(),
                        None => return false,
                    }
                } else if line[pos..].starts_with(l.as_str()) {
                    pos += l.len();
                } else {
                    return false;
                }
                after_hole = false;
            }
        }
    }
    !after_hole || pos < line.len()
}

fn next_boundary(s: &str, mut i: usize) -> usize {
    i += 1;
    while i < s.len() && !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// A token of a message pattern, for matching against error lines.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Tok<'a> {
    /// A lower-cased word.
    Word(#[serde(borrow)] std::borrow::Cow<'a, str>),
    /// A placeholder.
    Hole,
}

/// The token form of a message pattern: literal words lower-cased, holes collapsed.
///
/// A word glued to a placeholder (`{secs}s`, `E{code}`) is part of the variable text in
/// real output (`30s`, `E0382`), so it is folded into the hole rather than required.
pub fn pattern_tokens(pieces: &[Piece]) -> Vec<Tok<'static>> {
    let mut out: Vec<Tok<'static>> = Vec::new();
    for (i, p) in pieces.iter().enumerate() {
        match p {
            Piece::Lit(l) => {
                let glued_before = i > 0 && l.starts_with(char::is_alphanumeric);
                let glued_after = i + 1 < pieces.len() && l.ends_with(char::is_alphanumeric);
                let mut words = tokens(l);
                if glued_after {
                    words.pop();
                }
                if glued_before && !words.is_empty() {
                    words.remove(0);
                }
                out.extend(words.into_iter().map(|w| Tok::Word(w.into())));
            }
            Piece::Hole => {}
        }
        let hole = matches!(p, Piece::Hole)
            || (matches!(p, Piece::Lit(l) if i + 1 < pieces.len() && l.ends_with(char::is_alphanumeric)));
        if hole && out.last() != Some(&Tok::Hole) {
            out.push(Tok::Hole);
        }
    }
    out
}

/// A key that two messages share when they differ only in placeholder names, case or
/// punctuation; used to reject the same message in two entries.
pub fn message_key(pieces: &[Piece]) -> String {
    pattern_tokens(pieces)
        .iter()
        .map(|t| match t {
            Tok::Word(w) => w.as_ref(),
            Tok::Hole => "*",
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The parser as first written, a character at a time: the oracle for the faster one.
    fn parse_by_chars(msg: &str) -> Result<Vec<Piece>, String> {
        let mut pieces = Vec::new();
        let mut lit = String::new();
        let mut chars = msg.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '{' if chars.peek() == Some(&'{') => {
                    chars.next();
                    lit.push('{');
                }
                '}' if chars.peek() == Some(&'}') => {
                    chars.next();
                    lit.push('}');
                }
                '{' => {
                    let mut name = String::new();
                    loop {
                        match chars.next() {
                            Some('}') => break,
                            Some(ch) => name.push(ch),
                            None => return Err(format!("unclosed `{{{name}` in message")),
                        }
                    }
                    push_hole(&mut pieces, &mut lit, &name)?;
                }
                '}' => return Err("a lone `}` in message: write literal braces as `}}`".into()),
                _ => lit.push(c),
            }
        }
        finish_pieces(pieces, lit)
    }

    proptest::proptest! {
        /// Copying runs gives what reading a character at a time gave, errors included.
        #[test]
        fn parsing_by_runs_agrees_with_parsing_by_chars(msg in r"(\{[a-z_0-9A]{0,3}\}|\{\{|\}\}|[a-z\u{e9}\u{4e2d} :0-9]{1,4}|\{|\}){0,8}") {
            proptest::prop_assert_eq!(parse_message(&msg), parse_by_chars(&msg));
        }
    }

    #[test]
    fn tokens_split_identifiers_and_lowercase() {
        assert_eq!(
            tokens("select_related() -> E0382"),
            ["select", "related", "e0382"]
        );
    }

    #[test]
    fn ascii_fast_path_agrees_with_the_general_one() {
        let text = "Foo_bar BAZ9 x\u{e9}y qux";
        let ascii = "Foo_bar BAZ9 qux";
        assert_eq!(tokens(ascii), ["foo", "bar", "baz9", "qux"]);
        assert_eq!(tokens(text), ["foo", "bar", "baz9", "x\u{e9}y", "qux"]);
    }

    #[test]
    fn stopwords_list_is_sorted_for_binary_search() {
        assert!(STOPWORDS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn placeholder_matches_variable_text() {
        let p = parse_message("ModuleNotFoundError: No module named '{module}'").expect("ok");
        assert!(line_matches(
            &p,
            "ModuleNotFoundError: No module named 'requests'"
        ));
        assert!(line_matches(
            &p,
            "E   ModuleNotFoundError: No module named 'a.b'"
        ));
        assert!(!line_matches(&p, "ModuleNotFoundError: No module named ''"));
        assert!(!line_matches(&p, "ImportError: No module named 'x'"));
    }

    #[test]
    fn escaped_braces_are_literal() {
        let p = parse_message("expected `{{integer}}`, found `{found}`").expect("ok");
        assert!(line_matches(&p, "expected `{integer}`, found `&str`"));
    }

    #[test]
    fn bad_placeholder_is_rejected() {
        assert!(parse_message("got {Some Thing}").is_err());
        assert!(parse_message("{a}").is_err());
        assert!(parse_message("unclosed {x").is_err());
    }

    #[test]
    fn words_glued_to_placeholders_belong_to_the_hole() {
        let p = parse_message("lease {name} expired after {secs}s").expect("ok");
        let words: Vec<Tok> = pattern_tokens(&p);
        assert_eq!(
            words,
            [
                Tok::Word("lease".into()),
                Tok::Hole,
                Tok::Word("expired".into()),
                Tok::Word("after".into()),
                Tok::Hole
            ]
        );
        let p = parse_message("error[E{code}]: x").expect("ok");
        assert_eq!(
            pattern_tokens(&p)[..2],
            [Tok::Word("error".into()), Tok::Hole]
        );
    }

    #[test]
    fn message_key_ignores_placeholder_names_and_case() {
        let a = parse_message("No module named '{module}'").expect("ok");
        let b = parse_message("no module named \"{name}\"").expect("ok");
        assert_eq!(message_key(&a), message_key(&b));
    }

    #[test]
    fn matching_handles_multibyte_text() {
        let p = parse_message("caf\u{e9} {x} fin").expect("ok");
        assert!(line_matches(&p, "\u{e9}\u{e9} caf\u{e9} \u{1f600} fin"));
    }
}
