//! Cheap syntax colouring for code blocks on a terminal: comments, strings, numbers and
//! keywords, one line at a time with no allocation beyond the output. It is a lexer of a
//! few lines, not a grammar: good enough to make code readable, and free at start-up.

use owo_colors::OwoColorize;

/// How a language writes line comments.
fn comment_marker(lang: &str) -> &'static str {
    match lang {
        "python" | "py" | "bash" | "sh" | "shell" | "console" | "zsh" | "yaml" | "yml" | "toml"
        | "dockerfile" | "ruby" | "perl" | "nginx" | "conf" | "ini" | "make" | "makefile" => "#",
        "sql" | "psql" | "mysql" | "sqlite" => "--",
        "text" | "txt" | "log" | "" | "json" => "",
        _ => "//",
    }
}

/// Words shown as keywords, across the languages of the corpus (sorted for binary search).
const KEYWORDS: &[&str] = &[
    "AND",
    "AS",
    "BY",
    "CREATE",
    "DELETE",
    "FROM",
    "GROUP",
    "INSERT",
    "INTO",
    "JOIN",
    "LEFT",
    "LIMIT",
    "NOT",
    "NULL",
    "ON",
    "OR",
    "ORDER",
    "RECURSIVE",
    "SELECT",
    "SET",
    "TABLE",
    "UNION",
    "UPDATE",
    "VALUES",
    "WHERE",
    "WITH",
    "abstract",
    "async",
    "await",
    "break",
    "case",
    "catch",
    "class",
    "const",
    "continue",
    "def",
    "defer",
    "do",
    "elif",
    "else",
    "enum",
    "except",
    "export",
    "extends",
    "false",
    "final",
    "finally",
    "fn",
    "for",
    "from",
    "func",
    "function",
    "go",
    "if",
    "impl",
    "import",
    "in",
    "interface",
    "let",
    "match",
    "mut",
    "new",
    "nil",
    "null",
    "package",
    "private",
    "protected",
    "pub",
    "public",
    "raise",
    "return",
    "self",
    "static",
    "struct",
    "switch",
    "this",
    "throw",
    "trait",
    "true",
    "try",
    "type",
    "use",
    "var",
    "void",
    "while",
    "with",
    "yield",
];

/// Colours one line of code in `lang` (a fence info string such as `python`).
pub fn line(code: &str, lang: &str) -> String {
    let marker = comment_marker(lang);
    if lang == "text" || lang == "log" || lang == "txt" {
        return code.to_string();
    }
    let mut out = String::with_capacity(code.len() + 32);
    let mut rest = code;
    while !rest.is_empty() {
        if !marker.is_empty() && rest.starts_with(marker) {
            out.push_str(&rest.dimmed().to_string());
            break;
        }
        let c = rest.chars().next().unwrap_or(' ');
        if c == '"' || c == '\'' || c == '`' {
            let end = string_end(rest, c);
            out.push_str(&(&rest[..end]).green().to_string());
            rest = &rest[end..];
        } else if c.is_ascii_digit() {
            let end = rest
                .find(|ch: char| !ch.is_ascii_alphanumeric() && ch != '.' && ch != '_')
                .unwrap_or(rest.len());
            out.push_str(&(&rest[..end]).cyan().to_string());
            rest = &rest[end..];
        } else if c.is_alphabetic() || c == '_' {
            let end = rest
                .find(|ch: char| !ch.is_alphanumeric() && ch != '_')
                .unwrap_or(rest.len());
            let word = &rest[..end];
            if KEYWORDS.binary_search(&word).is_ok() {
                out.push_str(&word.magenta().bold().to_string());
            } else {
                out.push_str(word);
            }
            rest = &rest[end..];
        } else {
            out.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    out
}

/// A whole line shown as string text (inside a multi-line string).
pub fn string(code: &str) -> String {
    code.green().to_string()
}

/// The byte just past a string literal opened by `quote` (or the end of the line).
fn string_end(s: &str, quote: char) -> usize {
    let mut escaped = false;
    for (i, ch) in s.char_indices().skip(1) {
        if escaped {
            escaped = false;
        } else if ch == '\\' {
            escaped = true;
        } else if ch == quote {
            return i + ch.len_utf8();
        }
    }
    s.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keywords_are_sorted_for_binary_search() {
        assert!(KEYWORDS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn colours_keywords_strings_and_comments_but_keeps_the_text() {
        let src = "def f(x): return \"a#b\"  # note";
        let out = line(src, "python");
        assert!(out.contains("\u{1b}["));
        let plain = crate::explain::clean::clean(&out);
        assert_eq!(plain, src);
    }

    #[test]
    fn unterminated_string_does_not_panic() {
        let out = line("x = 'abc", "python");
        assert_eq!(crate::explain::clean::clean(&out), "x = 'abc");
    }
}
