//! Where `kh` keeps the user's files, following the XDG base directory rules: config
//! (the user's own corpus), cache (its compiled index) and data (quiz progress).

use std::path::PathBuf;

fn base(var: &str, fallback: &str) -> Option<PathBuf> {
    match std::env::var_os(var) {
        Some(v) if !v.is_empty() && PathBuf::from(&v).is_absolute() => Some(PathBuf::from(v)),
        _ => std::env::var_os("HOME")
            .filter(|h| !h.is_empty())
            .map(|h| PathBuf::from(h).join(fallback)),
    }
}

/// `$XDG_CONFIG_HOME/kh` (default `~/.config/kh`).
pub fn config() -> Option<PathBuf> {
    base("XDG_CONFIG_HOME", ".config").map(|p| p.join("kh"))
}

/// `$XDG_CACHE_HOME/kh` (default `~/.cache/kh`).
pub fn cache() -> Option<PathBuf> {
    base("XDG_CACHE_HOME", ".cache").map(|p| p.join("kh"))
}

/// `$XDG_DATA_HOME/kh` (default `~/.local/share/kh`).
pub fn data() -> Option<PathBuf> {
    base("XDG_DATA_HOME", ".local/share").map(|p| p.join("kh"))
}
