//! `kh ask`: interview questions by keywords or paraphrase, with filters.

use super::Outcome;
use crate::cli::AskArgs;
use crate::error::{Error, Result};
use crate::filter::Filter;
use crate::index;
use crate::output::Output;
use crate::store::Hub;

/// Runs `kh ask`.
pub fn run(hub: &Hub, a: AskArgs, out: &mut Output) -> Result<Outcome> {
    let filter = Filter::new(Some("question"), &a.filters)?;
    let query = a.query.join(" ");
    let limit = if a.first { 1 } else { a.top.max(1) };
    let hits = if kh_corpus::text::search_terms(&query).is_empty() {
        if a.filters.tech.is_none()
            && a.filters.level.is_none()
            && a.filters.topic.is_none()
            && a.filters.difficulty.is_none()
        {
            return Err(Error::Usage("give a question or keywords, e.g. kh ask \"select_related vs prefetch_related\", or a filter such as --tech django".into()));
        }
        super::list::matching(hub, &filter)?
            .into_iter()
            .take(limit)
            .map(|(at, summary)| index::Hit {
                at,
                score: 0.0,
                summary,
            })
            .collect()
    } else {
        index::search(hub, &query, &|s| filter.keep(s), limit)?
    };
    let Some(best) = hits.first() else {
        out.hint("kh: no question matches; try fewer or other words, or drop a filter")?;
        return Ok(Outcome::Nothing);
    };
    let entry = hub.entry(best.at)?;
    if a.json {
        out.hits_json(hub, &hits, Some(&entry))?;
    } else {
        out.entry(&entry, hub.store(best.at).local)?;
        out.more_hits(hub, &hits[1..])?;
    }
    Ok(Outcome::Found)
}
