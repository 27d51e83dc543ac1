//! The user's own corpora: `$XDG_CONFIG_HOME/kh/corpus` and the folders in
//! `KH_CORPUS_PATH`, indexed by the same `kh-corpus` code as the build.
//!
//! A folder's compiled blob is cached in `$XDG_CACHE_HOME/kh`, under a key made of every
//! entry file's path, size and modification time (and this build's identity), so a
//! repeated lookup costs one directory walk and one file read. Problems (a malformed file,
//! an ID that collides with a built-in one) are kept with the cache and shown on every
//! run until fixed; the valid entries are used all the same.

use super::{Hub, Store};
use crate::error::Result;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

/// The folders to look in, in order; those that do not exist are skipped.
pub fn folders() -> Vec<PathBuf> {
    let mut out = Vec::new();
    if let Some(c) = crate::dirs::config() {
        out.push(c.join("corpus"));
    }
    if let Some(paths) = std::env::var_os("KH_CORPUS_PATH") {
        out.extend(std::env::split_paths(&paths).filter(|p| !p.as_os_str().is_empty()));
    }
    out.retain(|p| p.is_dir());
    out.dedup();
    out
}

/// A compiled local corpus and its problems (`path:line: what is wrong`).
pub struct Opened {
    /// The store.
    pub store: Store,
    /// Problems found when it was indexed.
    pub problems: Vec<String>,
}

/// Opens one folder, from the cache when it is current. `hub` holds the stores opened
/// before it, whose IDs this one may not reuse.
pub fn open(dir: &Path, hub: &Hub) -> Result<Opened> {
    let files = kh_corpus::load::corpus_files(dir)
        .map_err(|e| crate::Error::io(format!("reading {}", dir.display()), e))?;
    let key = fingerprint(dir, &files, hub);
    let cache = crate::dirs::cache().map(|c| c.join(format!("local-{key:016x}.blob")));
    if let Some(path) = &cache {
        if let Ok(bytes) = std::fs::read(path) {
            let problems =
                std::fs::read_to_string(path.with_extension("problems")).unwrap_or_default();
            let bytes: &'static [u8] = Box::leak(bytes.into_boxed_slice());
            if let Ok(store) = Store::open(bytes, true) {
                return Ok(Opened {
                    store,
                    problems: problems.lines().map(str::to_string).collect(),
                });
            }
        }
    }
    let (blob, problems) = compile(dir, hub);
    if let Some(path) = &cache {
        // The cache only saves time: failing to write it is not an error.
        let _ = path.parent().map(std::fs::create_dir_all);
        if crate::write::write_new(path, &blob, true).is_ok() {
            let _ = crate::write::write_new(
                &path.with_extension("problems"),
                problems.join("\n").as_bytes(),
                true,
            );
        }
    }
    let bytes: &'static [u8] = Box::leak(blob.into_boxed_slice());
    Ok(Opened {
        store: Store::open(bytes, true)?,
        problems,
    })
}

/// Parses, validates and packs a folder; entries whose ID is already taken are dropped.
fn compile(dir: &Path, hub: &Hub) -> (Vec<u8>, Vec<String>) {
    let shown = dir.display().to_string();
    let loaded = kh_corpus::load_dir(dir, &shown, &|id| hub.find_id(id).is_some());
    let mut problems: Vec<String> = loaded.diagnostics.iter().map(ToString::to_string).collect();
    let mut entries = Vec::with_capacity(loaded.entries.len());
    for e in loaded.entries {
        if hub.find_id(&e.id).is_some() {
            problems.push(format!(
                "{}:2: id `{}` is already used by a built-in entry; choose another",
                e.source, e.id
            ));
        } else {
            entries.push(e);
        }
    }
    (kh_corpus::pack::pack(&entries), problems)
}

/// The cache key: this build, the stores before it, and each file's name, size and mtime.
fn fingerprint(dir: &Path, files: &[PathBuf], hub: &Hub) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    env!("CARGO_PKG_VERSION").hash(&mut h);
    kh_corpus::blob::MAGIC.hash(&mut h);
    for s in hub.stores() {
        s.len().hash(&mut h);
    }
    super::BUILTIN.len().hash(&mut h);
    dir.hash(&mut h);
    for f in files {
        f.hash(&mut h);
        if let Ok(m) = std::fs::metadata(f) {
            m.len().hash(&mut h);
            if let Ok(t) = m.modified() {
                t.hash(&mut h);
            }
        }
    }
    h.finish()
}
