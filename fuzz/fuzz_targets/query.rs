//! Queries and filter arguments: ranked fuzzy search, ID lookups and range parsing.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

static HUB: OnceLock<kh::store::Hub> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let Ok(q) = std::str::from_utf8(data) else { return };
    let hub = HUB.get_or_init(|| kh::store::Hub::builtin().expect("embedded index"));
    let _ = kh::index::search(hub, q, &|_| true, 10);
    let _ = hub.find_id(q);
    let _ = hub.did_you_mean(q, 3);
    let _ = kh::filter::parse_range(q);
});
