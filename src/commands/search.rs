//! `kh search`: every kind, ranked, typos tolerated.

use super::{query_text, Outcome};
use crate::cli::{Filters, SearchArgs};
use crate::error::Result;
use crate::filter::Filter;
use crate::index;
use crate::output::Output;
use crate::store::Hub;

/// Runs `kh search`.
pub fn run(hub: &Hub, a: SearchArgs, out: &mut Output) -> Result<Outcome> {
    let filter = Filter::new(a.kind.as_deref(), &Filters::default())?;
    let query = query_text(&a.query, "search")?;
    let hits = index::search(hub, &query, &|s| filter.keep(s), a.top.max(1))?;
    if hits.is_empty() {
        out.hint("kh: nothing matches; try other words or drop --kind")?;
        return Ok(Outcome::Nothing);
    }
    if a.json {
        out.hits_json(hub, &hits, None)?;
    } else {
        out.hits(hub, &hits)?;
    }
    Ok(Outcome::Found)
}
