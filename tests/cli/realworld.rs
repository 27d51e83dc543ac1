//! The real-world development set: error output copied verbatim from public issue threads
//! (tests/fixtures/real-world/*.jsonl, in the format of the shared explain-eval script),
//! scored the same way, with the targets the project committed to.

use kh::explain::{explain, Options};
use kh::store::Hub;
use serde_json::Value;

const MIN_TOP1: f64 = 0.90;
const MIN_TOP3: f64 = 0.97;

struct Case {
    id: String,
    input: String,
    expect: Vec<String>,
}

fn cases() -> Vec<Case> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/real-world");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("fixtures")
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .collect();
    files.sort();
    let mut out = Vec::new();
    for f in files
        .iter()
        .filter(|f| f.extension().is_some_and(|e| e == "jsonl"))
    {
        let text = std::fs::read_to_string(f).expect("readable");
        for (n, line) in text
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
        {
            let v: Value = serde_json::from_str(line)
                .unwrap_or_else(|e| panic!("{}:{}: {e}", f.display(), n + 1));
            out.push(Case {
                id: v["id"].as_str().unwrap_or("?").to_string(),
                input: v["input"].as_str().unwrap_or("").to_string(),
                expect: v["expect"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|e| e.as_str())
                    .map(str::to_lowercase)
                    .collect(),
            });
        }
    }
    out
}

/// What the eval script compares: id, title and messages, lower-cased.
fn haystack(hub: &Hub, m: &kh::explain::Match) -> String {
    let e = hub.entry(m.at).expect("decodes");
    let mut s = format!("{}\n{}\n", e.id, e.title);
    for msg in e.messages() {
        s.push_str(msg);
        s.push('\n');
    }
    s.to_lowercase()
}

#[test]
fn real_world_error_outputs_meet_the_targets() {
    let hub = Hub::builtin().expect("index");
    let (mut pos, mut top1, mut top3, mut neg, mut neg_ok) = (0, 0, 0, 0, 0);
    let mut misses = Vec::new();
    for case in cases() {
        let got = explain(&hub, case.input.as_bytes(), "case", &Options::default());
        let matches: Vec<_> = match &got {
            Ok(r) if !r.confident.is_empty() => {
                r.confident.iter().chain(&r.plausible).take(3).collect()
            }
            _ => Vec::new(),
        };
        if case.expect.is_empty() {
            neg += 1;
            if matches.is_empty() {
                neg_ok += 1;
            } else {
                misses.push(format!("FALSE MATCH {}", case.id));
            }
            continue;
        }
        pos += 1;
        let hit: Vec<bool> = matches
            .iter()
            .map(|m| {
                let h = haystack(&hub, m);
                case.expect.iter().any(|e| h.contains(e.as_str()))
            })
            .collect();
        if hit.first() == Some(&true) {
            top1 += 1;
        } else {
            misses.push(format!("MISS {} want {:?}", case.id, case.expect));
        }
        if hit.iter().any(|h| *h) {
            top3 += 1;
        }
    }
    let r1 = top1 as f64 / pos.max(1) as f64;
    let r3 = top3 as f64 / pos.max(1) as f64;
    println!("cases={pos} negatives={neg} top1={r1:.3} top3={r3:.3} negatives_ok={neg_ok}/{neg}");
    assert!(pos >= 40, "the development set is too small: {pos}");
    assert!(
        r1 >= MIN_TOP1 && r3 >= MIN_TOP3 && neg_ok == neg,
        "top1={r1:.3} (min {MIN_TOP1}) top3={r3:.3} (min {MIN_TOP3}) negatives {neg_ok}/{neg}\n{}",
        misses.join("\n")
    );
}
