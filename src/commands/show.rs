//! `kh show`: one entry by ID, any case; a near miss gets "did you mean".

use super::Outcome;
use crate::cli::ShowArgs;
use crate::error::{Error, Result};
use crate::output::Output;
use crate::store::Hub;

/// Runs `kh show`.
pub fn run(hub: &Hub, a: ShowArgs, out: &mut Output) -> Result<Outcome> {
    if a.id.trim().is_empty() {
        return Err(Error::Usage("give an entry ID, e.g. kh show PY-007".into()));
    }
    let Some(at) = hub.find_id(&a.id) else {
        out.did_you_mean(&a.id, &hub.did_you_mean(&a.id, 3))?;
        return Ok(Outcome::Nothing);
    };
    let entry = hub.entry(at)?;
    if a.json {
        out.entry_json(&entry, hub.store(at).local)?;
    } else {
        out.entry(&entry, hub.store(at).local)?;
    }
    Ok(Outcome::Found)
}
