//! In-process timings of the lookups on the real (embedded) corpus: explain on short and
//! long traces, search, ask, show by ID, and decoding one record.
//! Run: `cargo bench --bench lookup`.

// criterion_group! and criterion_main! generate public items without docs.
#![allow(missing_docs)]

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use kh::explain::{explain, Options};
use kh::filter::Filter;
use kh::index::search;
use kh::store::Hub;
use kh_corpus::model::Kind;

/// A Java stack trace with a hundred frames and a cause chain (also used by kh-bench).
const JAVA_TRACE: &str = include_str!("../tests/fixtures/traces/java-100-frames.txt");

fn benches(c: &mut Criterion) {
    let hub = Hub::builtin().expect("embedded index");
    let opts = Options::default();
    let short = "ModuleNotFoundError: No module named 'requests'";
    let long = JAVA_TRACE;
    c.bench_function("open hub", |b| b.iter(|| Hub::builtin().expect("opens")));
    c.bench_function("explain one line", |b| {
        b.iter(|| explain(&hub, black_box(short.as_bytes()), "bench", &opts).expect("ok"))
    });
    c.bench_function("explain 100-frame java trace", |b| {
        b.iter(|| explain(&hub, black_box(long.as_bytes()), "bench", &opts).expect("ok"))
    });
    let all = Filter::default();
    c.bench_function("search with a typo", |b| {
        b.iter(|| {
            search(
                &hub,
                black_box("foreing key constrant"),
                &|s| all.keep(s),
                10,
            )
            .expect("ok")
        })
    });
    let questions = Filter {
        kind: Some(Kind::Question),
        ..Filter::default()
    };
    c.bench_function("ask a paraphrase", |b| {
        b.iter(|| {
            search(
                &hub,
                black_box("diff between select related and prefetch"),
                &|s| questions.keep(s),
                5,
            )
            .expect("ok")
        })
    });
    c.bench_function("show by id", |b| {
        b.iter(|| {
            hub.entry(hub.find_id(black_box("py-007")).expect("exists"))
                .expect("decodes")
        })
    });
    let at = hub.find_id("PY-007").expect("exists");
    c.bench_function("decode one record", |b| {
        b.iter(|| hub.entry(black_box(at)).expect("decodes"))
    });
}

criterion_group! {
    name = lookup;
    config = Criterion::default().sample_size(30).measurement_time(std::time::Duration::from_secs(3));
    targets = benches
}
criterion_main!(lookup);
