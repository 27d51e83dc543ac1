//! kh explain on the inputs people really give it.

use super::util::{first_id, json, run, run_stdin};

#[test]
fn explains_a_message_given_as_arguments() {
    let (code, out, _) = run(&["explain", "ModuleNotFoundError: No module named 'requests'"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("PY-007"), "{out}");
    assert!(out.contains("Cause") && out.contains("Fix"), "{out}");
}

#[test]
fn explains_a_traceback_from_stdin_as_json() {
    let trace = "Traceback (most recent call last):\n  File \"/srv/app/main.py\", line 3, in <module>\n    import requests\nModuleNotFoundError: No module named 'requests'\n";
    let (code, out, _) = run_stdin(&["explain", "--json"], trace);
    assert_eq!(code, 0);
    let v = json(&out);
    assert_eq!(first_id(&v, "matches"), "PY-007");
    let m = &v["matches"][0];
    for key in [
        "id", "kind", "title", "lang", "score", "messages", "cause", "fix",
    ] {
        assert!(!m[key].is_null(), "missing {key}");
    }
    assert_eq!(m["lang"], "python");
    assert_eq!(m["matched"]["line"], 4);
}

#[test]
fn reads_a_file_with_dash_f() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = dir.path().join("build.log");
    std::fs::write(&p, "12:00:01 INFO start\nERROR 1452 (23000): Cannot add or update a child row: a foreign key constraint fails (`shop`.`orders`, CONSTRAINT `fk` FOREIGN KEY (`user_id`) REFERENCES `users` (`id`))\n").expect("write");
    let (code, out, _) = run(&["explain", "--json", "-f", p.to_str().expect("utf8 path")]);
    assert_eq!(code, 0);
    assert_eq!(first_id(&json(&out), "matches"), "SQL-019");
}

#[test]
fn missing_file_is_an_input_error() {
    let (code, out, err) = run(&["explain", "-f", "/nonexistent/build.log"]);
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert!(
        err.starts_with("kh: reading /nonexistent/build.log"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1);
}

#[test]
fn coloured_compiler_output_still_matches() {
    let input = "\x1b[1m\x1b[31mTypeError\x1b[0m: Cannot read properties of undefined (reading 'map')\n    at List (/app/src/List.jsx:7:19)\n";
    let (code, out, _) = run_stdin(&["explain", "--json"], input);
    assert_eq!(code, 0);
    assert_eq!(first_id(&json(&out), "matches"), "JS-044");
}

#[test]
fn windows_line_endings_are_handled() {
    let input = "Traceback (most recent call last):\r\n  File \"C:\\app\\run.py\", line 1, in <module>\r\nModuleNotFoundError: No module named 'flask'\r\n";
    let (code, out, _) = run_stdin(&["explain", "--json"], input);
    assert_eq!(code, 0);
    assert_eq!(first_id(&json(&out), "matches"), "PY-007");
}

#[test]
fn a_message_typed_from_memory_with_a_typo_matches() {
    let (code, out, _) = run(&[
        "explain",
        "--json",
        "cannot read propertys of undefined (reading 'map')",
    ]);
    assert_eq!(code, 0);
    assert_eq!(first_id(&json(&out), "matches"), "JS-044");
}

#[test]
fn a_poem_is_no_confident_match_and_exits_1() {
    let poem = "Shall I compare thee to a summer's day?\nThou art more lovely and more temperate.\nRough winds do shake the darling buds of May,\n";
    let (code, out, err) = run_stdin(&["explain", "--json"], poem);
    assert_eq!(code, 1);
    assert_eq!(json(&out)["matches"], serde_json::json!([]));
    assert!(err.contains("no confident match"), "{err}");
}

#[test]
fn a_clean_build_log_is_no_match() {
    let log = "   Compiling serde v1.0.210\n   Compiling kh v0.1.0 (/work/kh)\n    Finished `release` profile [optimized] target(s) in 41.20s\n";
    let (code, _, _) = run_stdin(&["explain", "--json"], log);
    assert_eq!(code, 1);
}

#[test]
fn why_shows_the_matching_input_line() {
    let input = "starting worker\nModuleNotFoundError: No module named 'numpy'\n";
    let (code, out, _) = run_stdin(&["explain", "--why"], input);
    assert_eq!(code, 0);
    assert!(
        out.contains("line 2:") && out.contains("No module named 'numpy'"),
        "{out}"
    );
}

#[test]
fn lang_narrows_and_unknown_lang_is_a_usage_error() {
    let (code, _, _) = run(&[
        "explain",
        "--lang",
        "java",
        "ModuleNotFoundError: No module named 'requests'",
    ]);
    assert_eq!(code, 1, "a Python error is not a Java entry");
    let (code, _, err) = run(&["explain", "--lang", "klingon", "x"]);
    assert_eq!(code, 2);
    assert!(err.contains("klingon") && err.contains("python"), "{err}");
}

#[test]
fn several_errors_in_one_log_are_each_reported() {
    let log = "ModuleNotFoundError: No module named 'requests'\nsome noise\nERROR 1452 (23000): Cannot add or update a child row: a foreign key constraint fails (`a`.`b`)\n";
    let (code, out, _) = run_stdin(&["explain", "--json", "--top", "5"], log);
    assert_eq!(code, 0);
    let v = json(&out);
    let ids: Vec<&str> = v["matches"]
        .as_array()
        .expect("matches")
        .iter()
        .filter_map(|m| m["id"].as_str())
        .collect();
    assert!(
        ids.contains(&"PY-007") && ids.contains(&"SQL-019"),
        "{ids:?}"
    );
}

#[test]
fn the_innermost_cause_of_a_chained_java_trace_wins() {
    let mut trace =
        String::from("java.lang.IllegalStateException: Failed to load ApplicationContext\n");
    for i in 0..40 {
        trace.push_str(&format!(
            "\tat org.springframework.test.context.Frame{i}.run(Frame{i}.java:{})\n",
            100 + i
        ));
    }
    trace.push_str("Caused by: org.springframework.beans.factory.BeanCreationException: Error creating bean with name 'orderService'\n");
    for i in 0..20 {
        trace.push_str(&format!(
            "\tat org.springframework.beans.Bean{i}.create(Bean{i}.java:{i})\n"
        ));
    }
    trace.push_str("Caused by: java.lang.NullPointerException: Cannot invoke \"String.length()\" because \"name\" is null\n");
    for i in 0..20 {
        trace.push_str(&format!(
            "\tat com.shop.OrderService{i}.init(OrderService.java:{i})\n"
        ));
    }
    trace.push_str("\t... 42 more\n");
    let (code, out, _) = run_stdin(&["explain", "--json", "--top", "3"], trace);
    assert_eq!(code, 0);
    let v = json(&out);
    assert_eq!(
        v["matches"][0]["matched"]["text"]
            .as_str()
            .map(|t| t.contains("NullPointerException")),
        Some(true),
        "{out}"
    );
    assert_eq!(v["detected"], "java");
}

#[test]
fn a_message_wrapped_over_several_lines_still_matches() {
    // MySQL through PDO, wrapped by the terminal at 70 columns.
    let input = "PDOException: SQLSTATE[42000]: Syntax error or access violation: 1055\nExpression #2 of SELECT list is not in GROUP BY clause and contains\nnonaggregated column 'o.total' which is not functionally\ndependent on columns in GROUP BY clause; this is incompatible with\nsql_mode=only_full_group_by in /var/www/report.php:41\n";
    let (code, out, _) = run_stdin(&["explain", "--json"], input);
    assert_eq!(code, 0, "{out}");
    let v = json(&out);
    assert_eq!(first_id(&v, "matches"), "SQL-009");
    assert_eq!(
        v["matches"][0]["matched"]["line"], 1,
        "credited to the first line"
    );
}

#[test]
fn errors_early_and_deep_in_a_long_log_are_both_found() {
    // Past the first thousand lines the matcher switches from fst lookups to a loaded
    // anchor table: an error on either side of the switch must be found the same way.
    let mut log = String::from("ModuleNotFoundError: No module named 'requests'\n");
    for i in 0..5000 {
        log.push_str(&format!(
            "2026-11-25T10:00:{:02}Z INFO worker-{} request id={i} took {}ms\n",
            i % 60,
            i % 8,
            i % 700
        ));
    }
    log.push_str("psycopg2.errors.UniqueViolation: duplicate key value violates unique constraint \"users_email_key\"\n");
    for i in 0..100 {
        log.push_str(&format!("2026-11-25T11:00:00Z INFO done {i}\n"));
    }
    let (code, out, _) = run_stdin(&["explain", "--json", "--top", "5"], log);
    assert_eq!(code, 0, "{out}");
    let v = json(&out);
    let lines: Vec<(String, u64)> = v["matches"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|m| {
            (
                m["id"].as_str().unwrap_or_default().to_string(),
                m["matched"]["line"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    assert!(lines.contains(&("PY-007".to_string(), 1)), "{lines:?}");
    assert!(lines.iter().any(|(_, n)| *n == 5002), "{lines:?}");
}
