//! kh-bench: whole-process benchmarks of `kh` against the process floor, and the scaling
//! study over synthetic corpora. See `scripts/bench` and the README's performance section.
//!
//! - `kh-bench process [KH] [FLOOR] [BARE]`: real-corpus cases, alternating kh and the
//!   two floors (a hello-world, and the same started the way kh starts).
//! - `kh-bench scale 1000 10000 100000`: build kh over synthetic corpora and measure.
//! - `kh-bench gen N DIR`: write a synthetic corpus.

mod gen;
mod measure;

use measure::{median, Run};
use std::path::{Path, PathBuf};
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("gen") if args.len() == 3 => args[1]
            .parse()
            .map_err(|e| format!("count: {e}"))
            .and_then(|n| gen::generate(n, Path::new(&args[2])).map_err(|e| e.to_string())),
        Some("process") => process(
            args.get(1).map_or("target/release/kh", String::as_str),
            &Floors {
                plain: args.get(2).map_or(FLOOR, String::as_str),
                bare: args.get(3).map_or(BARE_FLOOR, String::as_str),
            },
        ),
        Some("scale") => scale(&args[1..]),
        Some("inputs") => inputs(Path::new(INPUTS), MESSAGE).map(|_| ()),
        _ => Err("usage: kh-bench process [KH] [FLOOR] [BARE] | scale N... | gen N DIR".into()),
    };
    if let Err(e) = result {
        eprintln!("kh-bench: {e}");
        std::process::exit(2);
    }
}

/// The process floor: a hello-world built and linked like kh.
const FLOOR: &str = "target/release/kh-floor";
/// The same hello-world started the way kh starts (no std runtime start).
const BARE_FLOOR: &str = "target/release/kh-floor-bare";

/// The two floors every case is timed against.
struct Floors<'a> {
    /// The plain hello-world: the floor.
    plain: &'a str,
    /// The hello-world started like kh: what kh's own work costs beyond its start.
    bare: &'a str,
}

/// Where the explain inputs are written.
const INPUTS: &str = "target/bench-inputs";
/// A Java stack trace with a hundred frames and a cause chain, shared with the benches.
const JAVA_TRACE: &str = include_str!("../../../tests/fixtures/traces/java-100-frames.txt");
/// The error planted in the big log and explained on its own.
const MESSAGE: &str = "ModuleNotFoundError: No module named 'requests'";

/// Writes the inputs in a child process: a child's peak memory counts what its parent
/// held when it was spawned, so the measuring process must stay small.
fn prepare_inputs() -> Result<(PathBuf, PathBuf), String> {
    let me = std::env::current_exe().map_err(|e| e.to_string())?;
    let ok = std::process::Command::new(me)
        .arg("inputs")
        .status()
        .map_err(|e| e.to_string())?
        .success();
    if !ok {
        return Err("writing the inputs failed".into());
    }
    let dir = Path::new(INPUTS);
    Ok((dir.join("java-100-frames.txt"), dir.join("50mb.log")))
}

/// One benchmark case: arguments and an optional stdin file.
struct Case {
    name: String,
    /// Another program to time instead of kh (the comparison cases).
    bin: Option<String>,
    args: Vec<String>,
    stdin: Option<PathBuf>,
    runs: usize,
}

fn case(name: &str, args: &[&str], stdin: Option<PathBuf>, runs: usize) -> Case {
    let mut a = Vec::new();
    if !args.contains(&"--color") {
        a.extend(["--color".to_string(), "never".to_string()]);
    }
    a.extend(args.iter().map(|s| s.to_string()));
    Case {
        name: name.into(),
        bin: None,
        args: a,
        stdin,
        runs,
    }
}

/// Input files for the explain cases, written once into `dir`.
fn inputs(dir: &Path, message: &str) -> Result<(PathBuf, PathBuf), String> {
    std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
    let trace = dir.join("java-100-frames.txt");
    std::fs::write(&trace, JAVA_TRACE).map_err(|e| e.to_string())?;
    let log = dir.join("50mb.log");
    if std::fs::metadata(&log).map(|m| m.len()).unwrap_or(0) < 50_000_000 {
        let mut rng = gen::Rng::new(3);
        let mut s = String::with_capacity(52_000_000);
        let mut n = 0u64;
        while s.len() < 50_000_000 {
            n += 1;
            let level = ["INFO", "DEBUG", "WARN"][rng.below(3)];
            s.push_str(&format!("2026-11-25T10:{:02}:{:02}.{:03}Z {level} worker-{} request id={} path=/api/v1/items/{} took {}ms\n", n % 60, n % 59, n % 1000, rng.below(16), rng.next() % 100_000_000, rng.below(5000), rng.below(900)));
            if n.is_multiple_of(200_000) {
                s.push_str(message);
                s.push('\n');
            }
        }
        std::fs::write(&log, s).map_err(|e| e.to_string())?;
    }
    Ok((trace, log))
}

fn report(kh: &str, floors: &Floors, cases: &[Case]) -> Result<(), String> {
    println!(
        "{:<34} {:>10} {:>10} {:>7} {:>9} {:>7} {:>9}",
        "case", "kh ms", "floor ms", "ratio", "bare ms", "vs bare", "peak MB"
    );
    for c in cases {
        let mut k = Vec::new();
        let mut f = Vec::new();
        let mut b = Vec::new();
        let mut rss = 0;
        for _ in 0..c.runs {
            f.push(Run::new(floors.plain, &[], None)?.secs);
            b.push(Run::new(floors.bare, &[], None)?.secs);
            let r = Run::new(c.bin.as_deref().unwrap_or(kh), &c.args, c.stdin.as_deref())?;
            if r.code > 1 {
                return Err(format!("{}: kh exited {}", c.name, r.code));
            }
            k.push(r.secs);
            rss = rss.max(r.max_rss_kb);
        }
        let (km, fm, bm) = (median(&mut k), median(&mut f), median(&mut b));
        println!(
            "{:<34} {:>10.3} {:>10.3} {:>6.2}x {:>9.3} {:>6.2}x {:>9.1}",
            c.name,
            km * 1e3,
            fm * 1e3,
            km / fm,
            bm * 1e3,
            km / bm,
            rss as f64 / 1024.0
        );
    }
    Ok(())
}

fn process(kh: &str, floors: &Floors) -> Result<(), String> {
    let msg = MESSAGE;
    let (trace, log) = prepare_inputs()?;
    let cases = [
        case("show PY-007", &["show", "PY-007"], None, 300),
        case("show a snippet, plain", &["show", "SN-PY-001"], None, 300),
        case(
            "show a snippet, highlighted",
            &["--color", "always", "show", "SN-PY-001"],
            None,
            300,
        ),
        case(
            "search with a typo",
            &["search", "foreing", "key", "constrant"],
            None,
            300,
        ),
        case(
            "ask a paraphrase",
            &["ask", "diff between select related and prefetch"],
            None,
            300,
        ),
        case("explain one line", &["explain", msg], None, 300),
        case(
            "explain 100-frame java trace",
            &["explain"],
            Some(trace),
            300,
        ),
        case("explain 50 MB log", &["explain"], Some(log), 5),
    ];
    println!(
        "kh: {kh} ({} bytes)",
        std::fs::metadata(kh).map(|m| m.len()).unwrap_or(0)
    );
    report(kh, floors, &cases)?;
    println!("\nwhat a user would otherwise run offline:");
    report(kh, floors, &alternatives())?;
    let mut cold = Vec::new();
    let mut warm = Vec::new();
    for _ in 0..20 {
        measure::evict(Path::new(kh));
        cold.push(Run::new(kh, &cases[0].args, None)?.secs);
        warm.push(Run::new(kh, &cases[0].args, None)?.secs);
    }
    println!(
        "cold start (binary evicted from the page cache), show: {:.3} ms median vs warm {:.3} ms",
        median(&mut cold) * 1e3,
        median(&mut warm) * 1e3
    );
    Ok(())
}

/// `kh` beside the offline tools it replaces, where they are installed: ripgrep over the
/// corpus folder, and `rustc --explain` for a Rust error code.
fn alternatives() -> Vec<Case> {
    let e0382 = "error[E0382]: borrow of moved value: `v`";
    let mut cases = vec![
        case(
            "kh search foreign key",
            &["search", "foreign", "key"],
            None,
            100,
        ),
        case("kh explain E0382", &["explain", e0382], None, 100),
    ];
    let other = |name: &str, bin: &str, args: &[&str]| {
        let installed = std::process::Command::new(bin)
            .arg("--version")
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        installed.then(|| Case {
            name: name.into(),
            bin: Some(bin.into()),
            args: args.iter().map(|s| s.to_string()).collect(),
            stdin: None,
            runs: 100,
        })
    };
    cases.extend(other(
        "rg -i 'foreign key' corpus",
        "rg",
        &["-i", "foreign key", "corpus"],
    ));
    cases.extend(other(
        "rustc --explain E0382",
        "rustc",
        &["--explain", "E0382"],
    ));
    cases
}

fn scale(sizes: &[String]) -> Result<(), String> {
    let floors = Floors {
        plain: FLOOR,
        bare: BARE_FLOOR,
    };
    for size in sizes {
        let n: usize = size.parse().map_err(|e| format!("{size}: {e}"))?;
        let corpus = PathBuf::from(format!("target/bench-corpus/{n}"));
        let _ = std::fs::remove_dir_all(&corpus);
        gen::generate(n, &corpus).map_err(|e| e.to_string())?;
        let target = PathBuf::from(format!("target/bench-{n}"));
        let start = Instant::now();
        let status = std::process::Command::new("cargo")
            .args([
                "build",
                "--release",
                "--quiet",
                "--bin",
                "kh",
                "-p",
                "knowledge-hub",
            ])
            .env(
                "KH_CORPUS_DIR",
                std::fs::canonicalize(&corpus).map_err(|e| e.to_string())?,
            )
            .env("CARGO_TARGET_DIR", &target)
            .status()
            .map_err(|e| e.to_string())?;
        if !status.success() {
            return Err(format!("build of {n} entries failed"));
        }
        let build = start.elapsed().as_secs_f64();
        let kh = target.join("release/kh");
        let blob = find_blob(&target.join("release/build")).unwrap_or(0);
        println!(
            "\n== {n} entries: build {build:.1} s, blob {:.1} MB, binary {:.1} MB",
            blob as f64 / 1e6,
            std::fs::metadata(&kh).map(|m| m.len()).unwrap_or(0) as f64 / 1e6
        );
        let vocab = gen::vocabulary(5000);
        let word = &vocab[1234];
        let typo: String = word
            .chars()
            .rev()
            .collect::<String>()
            .chars()
            .rev()
            .skip(1)
            .collect();
        let one_line = first_message(&corpus).unwrap_or_default();
        let cases = [
            case("show by id", &["show", "PY-MID-000000"], None, 100),
            case("search with a typo", &["search", &typo], None, 100),
            case(
                "ask a paraphrase",
                &["ask", &format!("how does {word} {} work", vocab[77])],
                None,
                100,
            ),
            case("explain one line", &["explain", &one_line], None, 100),
        ];
        report(&kh.display().to_string(), &floors, &cases)?;
    }
    Ok(())
}

fn find_blob(dir: &Path) -> Option<u64> {
    std::fs::read_dir(dir)
        .ok()?
        .filter_map(Result::ok)
        .find_map(|e| {
            std::fs::metadata(e.path().join("out/kh.blob"))
                .ok()
                .map(|m| m.len())
        })
}

/// The example line of the first synthetic error, to explain.
fn first_message(corpus: &Path) -> Option<String> {
    let text = std::fs::read_to_string(corpus.join("error/python/GEN-000006.md")).ok()?;
    text.lines()
        .find(|l| l.contains("Error: ") && !l.starts_with("messages"))
        .map(str::to_string)
}
