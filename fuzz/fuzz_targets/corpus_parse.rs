//! Any text as a corpus file: front matter, sections, validation. Errors are expected;
//! panics are bugs.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else { return };
    if let Ok(entry) = kh_corpus::parse::parse_entry("fuzz.md", s) {
        // A valid entry must also pack and read back.
        let blob = kh_corpus::pack::pack(std::slice::from_ref(&entry));
        assert!(kh_corpus::blob::Blob::parse(&blob).is_ok());
    }
});
