//! The user's own corpus beside the built-in hub: found by every command, marked local,
//! cached, and robust to bad files; `kh new` writes templates that lint clean.

use super::util::kh;
use std::path::Path;

const ENTRY: &str = "+++\nid = \"ACME-001\"\nkind = \"error\"\ntitle = \"Billing worker lost its lease\"\nlang = \"python\"\nclass = \"RUNTIME\"\nmessages = [\"acme.billing.LeaseLost: lease {name} expired after {secs}s\"]\n+++\n\n## Cause\nThe worker paused longer than the lease TTL.\n\n## Fix\nRenew the lease from a heartbeat thread.\n\n## Example\n```text\n03:14:07 ERROR acme.billing.LeaseLost: lease invoices-7 expired after 30s\n```\n";

/// A temporary XDG home: (config dir, cache dir).
struct Home {
    dir: tempfile::TempDir,
}

impl Home {
    fn new() -> Home {
        Home {
            dir: tempfile::tempdir().expect("tempdir"),
        }
    }
    fn corpus(&self) -> std::path::PathBuf {
        self.dir.path().join("config/kh/corpus")
    }
    fn add(&self, rel: &str, text: &str) {
        let p = self.corpus().join(rel);
        std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
        std::fs::write(p, text).expect("write");
    }
    fn kh(&self, args: &[&str]) -> (i32, String, String) {
        let out = kh()
            .env("XDG_CONFIG_HOME", self.dir.path().join("config"))
            .env("XDG_CACHE_HOME", self.dir.path().join("cache"))
            .args(args)
            .output()
            .expect("runs");
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    }
    fn cache_files(&self) -> usize {
        std::fs::read_dir(self.dir.path().join("cache/kh")).map_or(0, |d| d.count())
    }
}

#[test]
fn own_entries_are_found_by_every_command_and_marked_local() {
    let home = Home::new();
    home.add("error/ACME-001.md", ENTRY);
    let (code, out, _) = home.kh(&[
        "explain",
        "--json",
        "ERROR acme.billing.LeaseLost: lease q-1 expired after 12s",
    ]);
    assert_eq!(code, 0, "{out}");
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    assert_eq!(v["matches"][0]["id"], "ACME-001");
    assert_eq!(v["matches"][0]["local"], true);
    let (code, out, _) = home.kh(&["show", "acme-001"]);
    assert_eq!(code, 0);
    assert!(
        out.lines().next().is_some_and(|l| l.contains("local")),
        "{out}"
    );
    let (code, out, _) = home.kh(&["search", "lease", "heartbeat"]);
    assert_eq!(code, 0);
    assert!(out.contains("ACME-001"), "{out}");
    let (_, out, _) = home.kh(&["stats", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    assert_eq!(v["local"], 1);
}

#[test]
fn folders_in_kh_corpus_path_are_used_too() {
    let home = Home::new();
    let extra = tempfile::tempdir().expect("tempdir");
    std::fs::write(extra.path().join("ACME-001.md"), ENTRY).expect("write");
    let out = kh()
        .env("XDG_CONFIG_HOME", home.dir.path().join("config"))
        .env("XDG_CACHE_HOME", home.dir.path().join("cache"))
        .env("KH_CORPUS_PATH", extra.path())
        .args(["show", "ACME-001"])
        .output()
        .expect("runs");
    assert!(out.status.success());
}

#[test]
fn bad_files_and_id_collisions_are_reported_and_the_rest_still_works() {
    let home = Home::new();
    home.add("error/ACME-001.md", ENTRY);
    home.add(
        "error/PY-007.md",
        &ENTRY
            .replace("ACME-001", "PY-007")
            .replace("acme.billing.LeaseLost", "acme.Other"),
    );
    home.add(
        "error/ACME-002.md",
        "+++\nid = \"ACME-002\"\nkind = nope\n+++\n",
    );
    let (code, _, err) = home.kh(&["show", "ACME-001"]);
    assert_eq!(code, 0);
    assert!(
        err.contains("PY-007.md:2: id `PY-007` is already used by a built-in entry"),
        "{err}"
    );
    assert!(err.contains("ACME-002.md:3: front matter"), "{err}");
    let (_, out, _) = home.kh(&["show", "PY-007"]);
    assert!(
        out.contains("virtualenv") || out.contains("venv"),
        "the built-in entry wins: {out}"
    );
}

#[test]
fn the_index_is_cached_and_rebuilt_when_a_file_changes() {
    let home = Home::new();
    home.add("error/ACME-001.md", ENTRY);
    home.kh(&["stats"]);
    assert_eq!(home.cache_files(), 2, "blob and problems");
    home.kh(&["stats"]);
    assert_eq!(home.cache_files(), 2, "the second run reuses the cache");
    home.add(
        "error/ACME-001.md",
        &ENTRY.replace(
            "Billing worker lost its lease",
            "Billing worker lost the lease",
        ),
    );
    let (_, out, _) = home.kh(&["show", "ACME-001"]);
    assert!(out.contains("lost the lease"), "{out}");
    assert_eq!(home.cache_files(), 4);
}

#[test]
fn new_writes_a_template_with_the_next_free_id_that_lints_clean() {
    let home = Home::new();
    for kind in ["question", "error", "snippet", "design", "path", "security"] {
        let (code, out, err) = home.kh(&["new", kind, "--tech", "python"]);
        assert_eq!(code, 0, "{kind}: {err}");
        let path = out.trim();
        assert!(Path::new(path).is_file(), "{kind}: {path}");
    }
    let (code, _, _) = home.kh(&["new", "error", "--tech", "python"]);
    assert_eq!(code, 0);
    let (code, out, err) = home.kh(&["lint", home.corpus().to_str().expect("utf8")]);
    assert_eq!(code, 0, "{out}{err}");
    // Two new errors got consecutive IDs after the built-in ones.
    let (_, ids, _) = home.kh(&["list", "error", "--tech", "python", "--format", "ids"]);
    let nums: Vec<u32> = ids
        .lines()
        .filter_map(|l| l.strip_prefix("PY-")?.parse().ok())
        .collect();
    let max = nums.iter().copied().max().unwrap_or(0);
    assert!(nums.contains(&(max - 1)), "{nums:?}");
}

#[test]
fn new_never_overwrites_an_existing_file() {
    let home = Home::new();
    let target = home.dir.path().join("mine.md");
    std::fs::write(&target, "keep").expect("write");
    let (code, _, err) = home.kh(&["new", "error", "-o", target.to_str().expect("utf8")]);
    assert_eq!(code, 2);
    assert!(err.contains("already exists"), "{err}");
    assert_eq!(std::fs::read_to_string(&target).expect("read"), "keep");
}

#[test]
fn control_sequences_in_an_own_entry_never_reach_the_terminal() {
    let home = Home::new();
    let hostile = ENTRY
        // TOML refuses raw control characters in strings but decodes its escapes into them.
        .replace(
            "Billing worker lost its lease",
            "Lease lost\\u001b]0;pwned\\u0007\\u001b[2J",
        )
        .replace("Renew the lease", "\u{1b}[31mRenew\u{1b}[0m the lease");
    home.add("error/ACME-001.md", &hostile);
    let (code, out, _) = home.kh(&["show", "ACME-001"]);
    assert_eq!(code, 0);
    assert!(
        out.contains("Lease lost") && out.contains("Renew the lease"),
        "{out}"
    );
    assert!(!out.contains('\u{1b}') && !out.contains('\u{7}'), "{out:?}");
}
