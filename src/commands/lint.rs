//! `kh lint`: validate a corpus folder with the same code as `build.rs`.

use super::Outcome;
use crate::cli::LintArgs;
use crate::error::{Error, Result};
use crate::output::Output;
use crate::store::Hub;

/// Runs `kh lint`.
pub fn run(hub: &Hub, a: LintArgs, out: &mut Output) -> Result<Outcome> {
    if !a.dir.is_dir() {
        return Err(Error::Usage(format!("{} is not a folder", a.dir.display())));
    }
    let shown = a.dir.display().to_string();
    // IDs in the built-in corpus resolve, so a user's entries may point into it.
    let loaded = kh_corpus::load_dir(&a.dir, &shown, &|id| hub.find_id(id).is_some());
    out.lint(&loaded)?;
    Ok(Outcome::from_found(loaded.diagnostics.is_empty()))
}
