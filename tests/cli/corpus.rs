//! The corpus as a product: every error's examples explain back to it, published IDs
//! never disappear, and the linter reports bad files with path and line.

use super::util::run;
use kh::explain::{explain, Options};
use kh::store::Hub;
use kh_corpus::model::Kind;
use kh_corpus::parse::code_blocks;

#[test]
fn every_error_example_explains_back_to_its_entry() {
    let hub = Hub::builtin().expect("built-in index");
    let mut failures = Vec::new();
    let mut examples = 0;
    for at in hub.all() {
        let entry = hub.entry(at).expect("decodes");
        if entry.kind != Kind::Error {
            continue;
        }
        for s in entry.sections.iter().filter(|s| s.heading == "Example") {
            for (_, code) in code_blocks(&s.body) {
                examples += 1;
                let got = explain(&hub, code.as_bytes(), "example", &Options::default())
                    .expect("explains");
                let first = got
                    .confident
                    .first()
                    .map(|m| hub.entry(m.at).expect("decodes").id);
                if first.as_deref() != Some(entry.id.as_str()) {
                    failures.push(format!("{}: got {:?}", entry.id, first));
                }
            }
        }
    }
    assert!(examples >= 40, "only {examples} examples");
    assert!(
        failures.is_empty(),
        "{} of {examples} examples explain to another entry:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn published_ids_never_disappear() {
    let hub = Hub::builtin().expect("built-in index");
    let list = include_str!("../published_ids.txt");
    let missing: Vec<&str> = list
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .filter(|id| hub.find_id(id).is_none())
        .collect();
    assert!(missing.is_empty(), "published IDs are gone: {missing:?}");
}

#[test]
fn every_entry_is_in_the_published_list() {
    let hub = Hub::builtin().expect("built-in index");
    let list: std::collections::HashSet<&str> = include_str!("../published_ids.txt")
        .lines()
        .map(str::trim)
        .collect();
    let unlisted: Vec<String> = hub
        .all()
        .map(|at| hub.summary(at).expect("decodes").id)
        .filter(|id| !list.contains(id.as_str()))
        .collect();
    assert!(
        unlisted.is_empty(),
        "add these to tests/published_ids.txt (scripts/publish-ids does it): {unlisted:?}"
    );
}

#[test]
fn the_real_corpus_lints_clean() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/corpus");
    let (code, out, err) = run(&["lint", dir]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(err.contains("no problems"), "{err}");
}

#[test]
fn lint_reports_each_bad_file_with_path_and_line() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/lint-bad");
    let (code, out, _) = run(&["lint", dir]);
    assert_eq!(code, 1);
    let expected = [
        ("error/python/PY-901.md:4:", "unknown lang `cobol`"),
        (
            "error/python/PY-902.md:16:",
            "contains none of the entry's messages",
        ),
        ("error/python/PY-903.md:3:", "front matter"),
        ("error/python/PY-904.md:1:", "duplicate id `PY-900`"),
        (
            "error/python/PY-905.md:6:",
            "`{Bad Name}` is not a placeholder",
        ),
    ];
    for (at, what) in expected {
        assert!(
            out.lines().any(|l| l.contains(at) && l.contains(what)),
            "want `{at} ... {what}` in:\n{out}"
        );
    }
}

#[test]
fn lint_accepts_a_good_user_corpus() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/lint-good");
    let (code, out, err) = run(&["lint", dir]);
    assert_eq!(code, 0, "{out}{err}");
}

#[test]
fn lint_of_a_missing_folder_is_a_usage_error() {
    let (code, _, err) = run(&["lint", "/nonexistent/corpus"]);
    assert_eq!(code, 2);
    assert!(err.contains("not a folder"), "{err}");
}
