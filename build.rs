//! Compiles `corpus/` (or the folder named by `KH_CORPUS_DIR`) into one blob in `OUT_DIR`,
//! which `src/store` embeds. Parsing, validation and packing live in `kh-corpus`, shared
//! with `kh lint` and the user's own corpora; a bad file fails the build here with
//! `path:line: what is wrong`.
//!
//! On x86-64 Linux it also asks the linker (rustc's default there, lld) to put the
//! functions listed in `scripts/hot-symbols.txt` next to each other, so that a lookup
//! faults in a few pages of code instead of all of them; `scripts/hot-symbols` makes the
//! list and explains it.

use std::path::PathBuf;

fn main() {
    println!("cargo:rerun-if-env-changed=KH_CORPUS_DIR");
    let root = std::env::var_os("KH_CORPUS_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("corpus"));
    println!("cargo:rerun-if-changed={}", root.display());
    let loaded = kh_corpus::load_dir(&root, &root.display().to_string(), &|_| false);
    if !loaded.diagnostics.is_empty() {
        for d in &loaded.diagnostics {
            eprintln!("{d}");
        }
        eprintln!(
            "kh: {} problem(s) in the corpus; see above",
            loaded.diagnostics.len()
        );
        std::process::exit(1);
    }
    let blob = kh_corpus::pack::pack(&loaded.entries);
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    std::fs::write(out.join("kh.blob"), blob).expect("OUT_DIR is writable");
    link_hot_code_together();
}

fn link_hot_code_together() {
    println!("cargo:rerun-if-env-changed=KH_LINK_MAP");
    if std::env::var("TARGET").as_deref() != Ok("x86_64-unknown-linux-gnu") {
        return;
    }
    let order = PathBuf::from("scripts/hot-symbols.txt");
    println!("cargo:rerun-if-changed={}", order.display());
    let order = std::fs::canonicalize(&order).expect("scripts/hot-symbols.txt exists");
    // A position-dependent executable needs no load-time relocation: with PIE the loader
    // wrote (and so copied) the 40 KB of pointer tables in .data.rel.ro on every run. The
    // floor in kh-bench is linked the same way. See the README's performance section.
    println!("cargo:rustc-link-arg-bin=kh=-no-pie");
    let arg = |a: String| println!("cargo:rustc-link-arg-bin=kh=-Wl,{a}");
    arg(format!("--symbol-ordering-file={}", order.display()));
    arg("--no-warn-symbol-ordering".into());
    if let Some(map) = std::env::var_os("KH_LINK_MAP") {
        arg(format!("-Map={}", PathBuf::from(map).display()));
    }
}
