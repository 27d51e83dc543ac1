//! show, search, ask, list, stats, path: the lookup commands, their formats and exit codes.

use super::util::{first_id, json, kh, run};

#[test]
fn show_finds_an_id_in_any_case() {
    let (code, out, _) = run(&["show", "py-007"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("PY-007"), "{out}");
    assert!(out.contains("Cause") && out.contains("Fix"), "{out}");
}

#[test]
fn show_near_miss_suggests_ids_and_exits_1() {
    let (code, out, err) = run(&["show", "PY-07"]);
    assert_eq!(code, 1);
    assert!(out.is_empty());
    assert!(
        err.contains("did you mean") && err.contains("PY-007"),
        "{err}"
    );
}

#[test]
fn show_json_has_the_entry_fields() {
    let (code, out, _) = run(&["show", "DJG-BEG-001", "--json"]);
    assert_eq!(code, 0);
    let v = json(&out);
    assert_eq!(v["id"], "DJG-BEG-001");
    assert_eq!(v["kind"], "question");
    assert_eq!(v["level"], "beginner");
    assert!(v["sections"]["answer"]
        .as_str()
        .is_some_and(|s| !s.is_empty()));
}

#[test]
fn search_tolerates_typos() {
    let (code, out, _) = run(&["search", "foreing", "key", "constrant", "--json"]);
    assert_eq!(code, 0);
    let v = json(&out);
    let ids: Vec<&str> = v["results"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|r| r["id"].as_str())
        .collect();
    assert!(ids.contains(&"SQL-019"), "{ids:?}");
}

#[test]
fn search_kind_narrows_results() {
    let (code, out, _) = run(&["search", "connection", "--kind", "snippet", "--json"]);
    assert_eq!(code, 0);
    let v = json(&out);
    assert!(v["results"]
        .as_array()
        .is_some_and(|r| !r.is_empty() && r.iter().all(|x| x["kind"] == "snippet")));
}

#[test]
fn search_with_nothing_to_find_exits_1() {
    let (code, out, err) = run(&["search", "qqqqzzzzxxxx"]);
    assert_eq!(code, 1);
    assert!(out.is_empty());
    assert!(err.contains("nothing matches"), "{err}");
}

#[test]
fn empty_query_is_a_usage_error() {
    let (code, _, err) = run(&["search", "  "]);
    assert_eq!(code, 2);
    assert!(err.starts_with("kh: "), "{err}");
}

#[test]
fn ask_finds_a_paraphrase_with_typos() {
    let (code, out, _) = run(&["ask", "diff between select related and prefetch", "--json"]);
    assert_eq!(code, 0);
    assert_eq!(first_id(&json(&out), "results"), "DJG-BEG-007");
}

#[test]
fn ask_filters_by_tech_and_level() {
    let (code, out, _) = run(&[
        "ask",
        "migrations",
        "--tech",
        "django",
        "--level",
        "beginner",
        "--json",
    ]);
    assert_eq!(code, 0);
    let v = json(&out);
    let results = v["results"].as_array().expect("results");
    assert!(results
        .iter()
        .all(|r| r["tech"] == "django" && r["level"] == "beginner"));
    assert_eq!(v["results"][0]["id"], "DJG-BEG-001");
}

#[test]
fn ask_difficulty_range_is_inclusive() {
    let (code, out, _) = run(&[
        "ask",
        "--tech",
        "django",
        "--difficulty",
        "3..4",
        "--top",
        "50",
        "--json",
    ]);
    assert_eq!(code, 0);
    let v = json(&out);
    let d: Vec<u64> = v["results"]
        .as_array()
        .expect("results")
        .iter()
        .filter_map(|r| r["difficulty"].as_u64())
        .collect();
    assert!(
        !d.is_empty() && d.iter().all(|d| (3..=4).contains(d)),
        "{d:?}"
    );
}

#[test]
fn upside_down_difficulty_is_a_usage_error() {
    let (code, _, err) = run(&["ask", "orm", "--difficulty", "6..3"]);
    assert_eq!(code, 2);
    assert!(err.contains("upside down"), "{err}");
}

#[test]
fn unknown_tech_names_the_valid_choices() {
    let (code, _, err) = run(&["ask", "orm", "--tech", "cobol"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("cobol") && err.contains("django") && err.contains("rust"),
        "{err}"
    );
}

#[test]
fn list_ids_prints_one_id_per_line() {
    let (code, out, _) = run(&["list", "error", "--format", "ids"]);
    assert_eq!(code, 0);
    assert!(out.lines().count() >= 40);
    assert!(
        out.lines()
            .all(|l| l.contains('-') && l == l.trim() && l.to_uppercase() == l),
        "{out}"
    );
}

#[test]
fn list_tsv_has_six_columns() {
    let (code, out, _) = run(&["list", "question", "--tech", "django", "--format", "tsv"]);
    assert_eq!(code, 0);
    for line in out.lines() {
        let cols: Vec<&str> = line.split('\t').collect();
        assert_eq!(cols.len(), 6, "{line}");
        assert_eq!(cols[1], "question");
        assert_eq!(cols[2], "django");
    }
}

#[test]
fn list_json_is_an_array_of_summaries() {
    let (code, out, _) = run(&["list", "snippet", "--json"]);
    assert_eq!(code, 0);
    let v = json(&out);
    assert!(v
        .as_array()
        .is_some_and(|a| a.len() >= 15 && a.iter().all(|e| e["kind"] == "snippet")));
}

#[test]
fn list_with_no_match_exits_1() {
    let (code, out, _) = run(&["list", "design", "--tech", "rust"]);
    assert_eq!(code, 1);
    assert!(out.is_empty());
}

#[test]
fn unknown_kind_is_a_usage_error() {
    let (code, _, err) = run(&["list", "recipes"]);
    assert_eq!(code, 2);
    assert!(err.contains("question, error, snippet"), "{err}");
}

#[test]
fn stats_json_counts_add_up() {
    let (code, out, _) = run(&["stats", "--json"]);
    assert_eq!(code, 0);
    let v = json(&out);
    let by_kind = v["by_kind"].as_object().expect("by_kind");
    for k in ["question", "error", "snippet", "design", "path", "security"] {
        assert!(by_kind.contains_key(k), "missing {k}");
    }
    let sum: u64 = by_kind.values().filter_map(|n| n.as_u64()).sum();
    assert_eq!(v["total"].as_u64(), Some(sum));
}

#[test]
fn stats_text_lists_kinds_and_technologies() {
    let (code, out, _) = run(&["stats"]);
    assert_eq!(code, 0);
    assert!(
        out.contains("error") && out.contains("By technology"),
        "{out}"
    );
}

#[test]
fn closed_pipe_ends_quietly() {
    let out = super::util::assert_quiet_into_closed_pipe("list", 1);
    assert_eq!(out.lines().count(), 1);
}

#[test]
fn colour_is_off_when_piped_and_on_when_forced() {
    let plain = kh().args(["show", "PY-007"]).output().expect("runs");
    assert!(!plain.stdout.contains(&0x1b));
    let mut cmd = assert_cmd::Command::cargo_bin("kh").expect("built");
    let coloured = cmd
        .args(["--color", "always", "show", "PY-007"])
        .output()
        .expect("runs");
    assert!(coloured.stdout.contains(&0x1b));
}

#[test]
fn help_has_examples_for_every_subcommand() {
    for sub in [
        "explain", "ask", "snippet", "show", "search", "list", "path", "stats", "lint",
    ] {
        let (code, out, _) = run(&[sub, "--help"]);
        assert_eq!(code, 0, "{sub}");
        assert!(out.contains("Examples:"), "{sub} --help has no examples");
    }
}

#[test]
fn unknown_flag_is_a_usage_error() {
    let (code, _, err) = run(&["show", "--frobnicate"]);
    assert_eq!(code, 2);
    assert!(err.contains("frobnicate"), "{err}");
}

#[test]
fn path_lists_the_learning_paths() {
    let (code, out, _) = run(&["path"]);
    assert_eq!(code, 0);
    assert!(out.lines().count() >= 4);
    assert!(
        out.contains("LP-001") && out.contains("PHP Developer: Zero to Production"),
        "{out}"
    );
}

#[test]
fn one_path_shows_its_modules_and_the_entries_they_point_to() {
    let (code, out, _) = run(&["path", "LP-001"]);
    assert_eq!(code, 0);
    assert!(out.contains(" 1. ") && !out.contains("(missing)"), "{out}");
    let (_, json_out, _) = run(&["path", "LP-001", "--json"]);
    let v = json(&json_out);
    let modules = v["modules"].as_array().expect("modules");
    assert!(modules.len() >= 8);
    // Every entry a module points to is shown by its ID with its title.
    for id in modules
        .iter()
        .flat_map(|m| m["entries"].as_array().into_iter().flatten())
        .filter_map(|e| e.as_str())
    {
        assert!(out.contains(id), "{id} not shown");
    }
}

#[test]
fn path_next_suggests_where_to_go_on() {
    let (code, out, _) = run(&["path", "LP-001", "--next", "--json"]);
    assert_eq!(code, 0);
    let v = json(&out);
    let next = v["next"].as_array().expect("next");
    assert!(!next.is_empty() && next.len() <= 3);
    assert!(next
        .iter()
        .all(|n| n["id"] != "LP-001" && n["why"].as_str().is_some_and(|w| !w.is_empty())));
}

#[test]
fn a_non_path_id_is_no_path() {
    let (code, _, err) = run(&["path", "PY-007"]);
    assert_eq!(code, 1);
    assert!(err.contains("no entry"), "{err}");
}

#[test]
fn a_long_word_with_two_typos_still_finds_its_entries() {
    // "tarnsactoin": two swaps away from "transaction"; nothing is one edit away, so the
    // search widens to two.
    let (code, out, _) = run(&["search", "tarnsactoin", "--json", "--top", "20"]);
    assert_eq!(code, 0, "{out}");
    let v = json(&out);
    let titles: Vec<String> = v["results"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|r| r["title"].as_str().map(str::to_lowercase))
        .collect();
    assert!(
        titles.iter().any(|t| t.contains("transaction")),
        "{titles:?}"
    );
}
