//! Any bytes through the whole explain pipeline: reading (UTF-8, UTF-16, CR/LF, escapes),
//! language detection and matching. It may refuse input; it must never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

static HUB: OnceLock<kh::store::Hub> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let hub = HUB.get_or_init(|| kh::store::Hub::builtin().expect("embedded index"));
    let _ = kh::explain::explain(hub, data, "fuzz", &kh::explain::Options::default());
});
