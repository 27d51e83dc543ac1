//! The read side of compiled corpora: the embedded blob, and any others opened at run time.
//!
//! A [`Store`] borrows its bytes for the life of the process and decodes one record only
//! when asked, so opening one costs a header check, whatever the corpus size. A [`Hub`] is
//! the ordered list of stores every command looks in (the built-in one first).

pub mod local;

use crate::error::{Error, Result};
use fst::{IntoStreamer, Streamer};
use kh_corpus::blob::{Blob, MessageRec, Sec};
use kh_corpus::model::{Entry, Summary};
use kh_corpus::table::Table;
use std::sync::OnceLock;

/// The built-in corpus, compiled by `build.rs`.
static BUILTIN: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/kh.blob"));

/// An fst map over a section of the blob.
pub type Map = fst::Map<&'static [u8]>;

/// The fst map in section `sec`, read in place.
fn open_map(blob: &Blob<'static>, sec: Sec) -> Result<Map> {
    fst::Map::new(blob.section(sec)).map_err(|e| Error::Index(format!("{sec:?}: {e}")))
}

/// One compiled corpus. The ID map (first in the blob, next to the header) is opened at
/// once; the search-term map on first use: opening a map reads its last bytes, and every page of
/// the binary touched is time that each run pays (`kh show` needs only the ID map).
pub struct Store {
    blob: Blob<'static>,
    ids: Map,
    terms: OnceLock<Map>,
    /// True for a user's own corpus, shown as "local" in output.
    pub local: bool,
}

impl Store {
    /// Opens a blob in place.
    pub fn open(bytes: &'static [u8], local: bool) -> Result<Store> {
        let blob = Blob::parse(bytes).map_err(|e| Error::Index(e.to_string()))?;
        Ok(Store {
            ids: open_map(&blob, Sec::Ids)?,
            blob,
            terms: OnceLock::new(),
            local,
        })
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.blob.count(Sec::RecordOffsets)
    }

    /// Whether the store has no entries.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Decodes record `rec` in full.
    pub fn entry(&self, rec: u32) -> Result<Entry> {
        self.decode(Sec::Records, Sec::RecordOffsets, rec)
    }

    /// Decodes the listing summary of record `rec`.
    pub fn summary(&self, rec: u32) -> Result<Summary> {
        self.decode(Sec::Summaries, Sec::SummaryOffsets, rec)
    }

    /// Decodes error message `i`.
    pub fn message(&self, i: u32) -> Result<MessageRec<'_>> {
        self.decode(Sec::Messages, Sec::MessageOffsets, i)
    }

    /// Number of error messages.
    pub fn message_count(&self) -> usize {
        self.blob.count(Sec::MessageOffsets)
    }

    fn decode<'a, T: serde::Deserialize<'a>>(&'a self, data: Sec, offs: Sec, i: u32) -> Result<T> {
        let bytes = self
            .blob
            .item(data, offs, i as usize)
            .ok_or_else(|| Error::Index(format!("record {i} out of range")))?;
        postcard::from_bytes(bytes).map_err(|e| Error::Index(format!("record {i}: {e}")))
    }

    /// The record of an ID, any case.
    pub fn find_id(&self, id: &str) -> Option<u32> {
        self.ids
            .get(id.trim().to_ascii_lowercase())
            .and_then(|v| u32::try_from(v).ok())
    }

    /// Every ID (lower-cased) within edit distance `dist` of `id`.
    pub fn ids_near(&self, id: &str, dist: u32) -> Vec<(String, u32)> {
        let key = id.trim().to_ascii_lowercase();
        let Ok(aut) = fst::automaton::Levenshtein::new(&key, dist) else {
            return Vec::new();
        };
        let mut stream = self.ids.search(aut).into_stream();
        let mut out = Vec::new();
        while let Some((k, v)) = stream.next() {
            out.push((String::from_utf8_lossy(k).into_owned(), v as u32));
        }
        out
    }

    /// The search-term map (term → postings offset).
    pub fn terms(&self) -> Result<&Map> {
        if let Some(map) = self.terms.get() {
            return Ok(map);
        }
        let map = open_map(&self.blob, Sec::Terms)?;
        Ok(self.terms.get_or_init(|| map))
    }

    /// The raw postings bytes of the search index.
    pub fn postings(&self) -> &'static [u8] {
        self.blob.section(Sec::Postings)
    }

    /// The anchor table: word → where the list of messages it nominates starts in
    /// [`Store::anchor_postings`] (a hash table probed in place).
    pub fn anchors(&self) -> Result<Table<'static>> {
        Table::new(self.blob.section(Sec::AnchorTable))
            .ok_or_else(|| Error::Index("AnchorTable: not a word table".into()))
    }

    /// The raw postings bytes of the anchor index.
    pub fn anchor_postings(&self) -> &'static [u8] {
        self.blob.section(Sec::AnchorPostings)
    }
}

/// Where an entry lives: which store, which record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EntryRef {
    /// Index into [`Hub::stores`].
    pub store: u16,
    /// Record number within that store.
    pub rec: u32,
}

// The fuzzers (and anyone embedding kh) keep a Hub in a static, so it must stay shareable
// between threads; this fails to compile if it ever is not.
const _: fn() = || {
    fn shared<T: Send + Sync>() {}
    shared::<Hub>();
};

/// All the corpora a command looks in, built-in first.
pub struct Hub {
    stores: Vec<Store>,
}

impl Hub {
    /// The built-in corpus alone.
    pub fn builtin() -> Result<Hub> {
        Ok(Hub {
            stores: vec![Store::open(BUILTIN, false)?],
        })
    }

    /// The built-in corpus and the user's own folders (see [`local`]); `warn` receives
    /// each problem found in a local folder, which never stops the others from loading.
    pub fn load(warn: &mut dyn FnMut(&str)) -> Result<Hub> {
        let mut hub = Hub::builtin()?;
        for dir in local::folders() {
            match local::open(&dir, &hub) {
                Ok(opened) => {
                    for p in &opened.problems {
                        warn(p);
                    }
                    hub.stores.push(opened.store);
                }
                Err(e) => warn(&format!("{}: {e}", dir.display())),
            }
        }
        Ok(hub)
    }

    /// The stores, in lookup order.
    pub fn stores(&self) -> &[Store] {
        &self.stores
    }

    /// The store an entry is in.
    pub fn store(&self, r: EntryRef) -> &Store {
        &self.stores[usize::from(r.store)]
    }

    /// Decodes an entry in full.
    pub fn entry(&self, r: EntryRef) -> Result<Entry> {
        self.store(r).entry(r.rec)
    }

    /// Decodes an entry's summary.
    pub fn summary(&self, r: EntryRef) -> Result<Summary> {
        self.store(r).summary(r.rec)
    }

    /// Finds an ID in any store (first store wins).
    pub fn find_id(&self, id: &str) -> Option<EntryRef> {
        self.stores.iter().enumerate().find_map(|(s, st)| {
            st.find_id(id).map(|rec| EntryRef {
                store: s as u16,
                rec,
            })
        })
    }

    /// Every entry, store by store, in ID order.
    pub fn all(&self) -> impl Iterator<Item = EntryRef> + '_ {
        self.stores.iter().enumerate().flat_map(|(s, st)| {
            (0..st.len() as u32).map(move |rec| EntryRef {
                store: s as u16,
                rec,
            })
        })
    }

    /// Up to `n` IDs that look like `id`, nearest first, upper-cased.
    pub fn did_you_mean(&self, id: &str, n: usize) -> Vec<String> {
        let want = id.trim().to_ascii_lowercase();
        let mut near: Vec<(f64, String)> = Vec::new();
        for st in &self.stores {
            for (k, _) in st.ids_near(&want, 2) {
                near.push((strsim::normalized_damerau_levenshtein(&want, &k), k));
            }
        }
        near.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
        near.dedup_by(|a, b| a.1 == b.1);
        near.into_iter()
            .take(n)
            .map(|(_, k)| k.to_ascii_uppercase())
            .collect()
    }
}
