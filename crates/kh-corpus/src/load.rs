//! Reading a corpus folder: every `*.md` file below it except README files, parsed and
//! validated, in a stable (sorted) order so that builds are reproducible.

use crate::model::Entry;
use crate::parse::{parse_entry, Diagnostic};
use crate::validate;
use std::fs;
use std::path::{Path, PathBuf};

/// What a folder held: the entries that parsed, and every problem found.
#[derive(Debug, Default)]
pub struct Loaded {
    /// Valid entries, sorted by ID.
    pub entries: Vec<Entry>,
    /// Problems, in file order; corpus-wide ones last.
    pub diagnostics: Vec<Diagnostic>,
    /// Every file read, for build scripts' `rerun-if-changed`.
    pub files: Vec<PathBuf>,
}

/// Loads and validates every entry below `root`. Paths in diagnostics are shown as
/// `display_prefix` joined with the path relative to `root`. `known` answers whether an
/// ID outside this folder exists (for references).
pub fn load_dir(root: &Path, display_prefix: &str, known: &dyn Fn(&str) -> bool) -> Loaded {
    let mut out = Loaded::default();
    let files = match corpus_files(root) {
        Ok(f) => f,
        Err(e) => {
            out.diagnostics.push(Diagnostic {
                path: root.display().to_string(),
                line: 1,
                message: format!("cannot read corpus folder: {e}"),
            });
            return out;
        }
    };
    for file in files {
        let rel = file.strip_prefix(root).unwrap_or(&file);
        let shown = Path::new(display_prefix).join(rel).display().to_string();
        match fs::read(&file) {
            Err(e) => out.diagnostics.push(Diagnostic {
                path: shown,
                line: 1,
                message: format!("cannot read: {e}"),
            }),
            Ok(bytes) => match String::from_utf8(bytes) {
                Err(_) => out.diagnostics.push(Diagnostic {
                    path: shown,
                    line: 1,
                    message: "file is not valid UTF-8".into(),
                }),
                Ok(text) => match parse_entry(&shown, &text) {
                    Ok(entry) => {
                        check_folder(&entry, rel, &shown, &mut out.diagnostics);
                        out.entries.push(entry);
                    }
                    Err(d) => out.diagnostics.extend(d),
                },
            },
        }
        out.files.push(file);
    }
    out.diagnostics
        .extend(validate::corpus(&out.entries, known));
    out.entries.sort_by(|a, b| a.id.cmp(&b.id));
    out
}

/// The kind folder and the file name follow the entry, so that a person browsing
/// `corpus/` finds each entry where they expect it. A file under a folder named after one
/// kind must be of that kind; files in folders not named after a kind may be of any.
fn check_folder(entry: &Entry, rel: &Path, shown: &str, diags: &mut Vec<Diagnostic>) {
    let folders: Vec<&str> = Path::new(shown)
        .parent()
        .into_iter()
        .flat_map(|p| p.components())
        .filter_map(|c| c.as_os_str().to_str())
        .collect();
    let kind_folders: Vec<&str> = folders
        .iter()
        .copied()
        .filter(|f| crate::model::Kind::ALL.iter().any(|k| k.as_str() == *f))
        .collect();
    if !kind_folders.is_empty() && !kind_folders.contains(&entry.kind.as_str()) {
        diags.push(Diagnostic {
            path: shown.to_string(),
            line: 1,
            message: format!(
                "a {} entry belongs under a {}/ folder",
                entry.kind, entry.kind
            ),
        });
    }
    let stem = rel.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    if stem != entry.id {
        diags.push(Diagnostic {
            path: shown.to_string(),
            line: 2,
            message: format!("file name should be {}.md to match its id", entry.id),
        });
    }
}

/// Every entry file below `root` (`*.md` except README files and hidden entries), sorted.
pub fn corpus_files(root: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    walk(root, &mut files)?;
    files.sort();
    Ok(files)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for item in fs::read_dir(dir)? {
        let item = item?;
        let path = item.path();
        let ty = item.file_type()?;
        let name = item.file_name();
        let name = name.to_string_lossy();
        if name.starts_with('.') {
            continue;
        }
        if ty.is_dir() {
            walk(&path, out)?;
        } else if name.ends_with(".md") && !name.eq_ignore_ascii_case("README.md") {
            out.push(path);
        }
    }
    Ok(())
}
