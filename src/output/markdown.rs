//! A small Markdown renderer for the terminal: fenced code stands out, headings are
//! styled, everything else is printed as written. Control sequences from the corpus are
//! removed first, so that no entry can drive the terminal.

use super::paint::Paint;
use crate::explain::clean::clean_into;
use kh_corpus::parse::fence_marker;

/// Renders one section body to lines of terminal text.
pub fn render(body: &str, paint: Paint) -> String {
    let mut out = String::with_capacity(body.len() + 64);
    let mut fence: Option<String> = None;
    let mut lang = String::new();
    let mut in_triple = false;
    let mut line = String::new();
    for raw in body.lines() {
        line.clear();
        clean_into(raw, &mut line);
        let trimmed = line.trim_start();
        match &fence {
            Some(f) if trimmed.starts_with(f.as_str()) && trimmed[f.len()..].trim().is_empty() => {
                fence = None;
                continue;
            }
            Some(_) if !paint.on => {
                out.push_str("    ");
                out.push_str(&line);
            }
            Some(_) => {
                out.push_str("    ");
                // Triple-quoted strings span lines; the line lexer alone would colour
                // the prose inside them as code.
                let quotes = line.matches("\"\"\"").count() + line.matches("\'\'\'").count();
                if in_triple || quotes % 2 == 1 {
                    out.push_str(&super::highlight::string(&line));
                } else {
                    out.push_str(&super::highlight::line(&line, &lang));
                }
                if quotes % 2 == 1 {
                    in_triple = !in_triple;
                }
            }
            None => {
                in_triple = false;
                if let Some(f) = fence_marker(trimmed) {
                    lang = trimmed[f.len()..].trim().to_ascii_lowercase();
                    fence = Some(f);
                    continue;
                }
                if let Some(h) = trimmed.strip_prefix("### ") {
                    out.push_str(&paint.title(h));
                } else {
                    out.push_str(&line);
                }
            }
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_is_indented_and_fences_dropped() {
        let text = render(
            "Run:\n```bash\npip install x\n```\nDone.",
            Paint { on: false },
        );
        assert_eq!(text, "Run:\n    pip install x\nDone.\n");
    }

    #[test]
    fn escape_sequences_in_corpus_text_are_removed() {
        let text = render("a\u{1b}]0;title\u{7}b", Paint { on: false });
        assert_eq!(text, "ab\n");
    }
}
