//! `kh list`: browse entries with filters, in formats for people and scripts.

use super::Outcome;
use crate::cli::{ListArgs, ListFormat};
use crate::error::Result;
use crate::filter::Filter;
use crate::output::Output;
use crate::store::{EntryRef, Hub};
use kh_corpus::model::Summary;

/// Every entry that passes `filter`, in store then ID order.
pub fn matching(hub: &Hub, filter: &Filter) -> Result<Vec<(EntryRef, Summary)>> {
    let mut out = Vec::new();
    for at in hub.all() {
        let s = hub.summary(at)?;
        if filter.keep(&s) {
            out.push((at, s));
        }
    }
    Ok(out)
}

/// Runs `kh list`.
pub fn run(hub: &Hub, a: ListArgs, out: &mut Output) -> Result<Outcome> {
    let filter = Filter::new(a.kind.as_deref(), &a.filters)?;
    let rows = matching(hub, &filter)?;
    if rows.is_empty() {
        out.hint("kh: no entries match these filters")?;
        return Ok(Outcome::Nothing);
    }
    let format = if a.json { ListFormat::Json } else { a.format };
    out.list(hub, &rows, format)?;
    Ok(Outcome::Found)
}
