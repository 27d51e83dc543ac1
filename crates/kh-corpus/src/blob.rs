//! The byte layout of the compiled corpus, read in place.
//!
//! A blob is a magic number, a table of sections (offset and length, little-endian u32),
//! then the sections. Readers borrow each section as a slice of the embedded bytes: the
//! fst maps are used as they are, and a record is decoded only when it is shown, so
//! opening a blob costs the same for ten entries as for a hundred thousand.
//!
//! | section | content |
//! |---|---|
//! | `Ids` | fst map: lower-case ID → record number |
//! | `Terms` | fst map: search term → offset in `Postings` |
//! | `Postings` | per term: varint count, then (varint record delta, u8 weight) pairs |
//! | `Records` / `RecordOffsets` | postcard [`crate::model::Entry`] each; `n+1` u32 offsets |
//! | `Summaries` / `SummaryOffsets` | postcard [`crate::model::Summary`] each; `n+1` u32 offsets |
//! | `Messages` / `MessageOffsets` | postcard [`MessageRec`] each; `m+1` u32 offsets |
//! | `AnchorTable` | [`crate::table`]: each message's two rarest words → offset in `AnchorPostings` |
//! | `AnchorPostings` | per word: varint count, then varint deltas of `message << 1 \| single-anchor` |

use serde::{Deserialize, Serialize};
use std::borrow::Cow;

/// First bytes of every blob; bump the digit when the layout changes.
pub const MAGIC: &[u8; 8] = b"KHBLOB05";

/// The sections, in table order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(usize)]
pub enum Sec {
    /// fst: id → record.
    Ids,
    /// fst: term → postings offset.
    Terms,
    /// Search postings.
    Postings,
    /// Encoded entries.
    Records,
    /// Offsets into `Records`.
    RecordOffsets,
    /// Encoded summaries.
    Summaries,
    /// Offsets into `Summaries`.
    SummaryOffsets,
    /// Encoded error messages.
    Messages,
    /// Offsets into `Messages`.
    MessageOffsets,
    /// Word table ([`crate::table`]): anchor word → offset in `AnchorPostings`.
    AnchorTable,
    /// Per anchor word: the messages it nominates.
    AnchorPostings,
}

/// How many sections a blob has.
pub const SECTIONS: usize = 11;

/// One error message of one entry, in the form the explain matcher needs.
///
/// Its text and words borrow the blob's bytes when read (`Cow::Borrowed`): `kh explain`
/// decodes a dozen candidate messages for a line, and a string allocated per word was
/// most of that cost. The corpus compiler builds them owned.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MessageRec<'a> {
    /// Record number of the error entry.
    pub entry: u32,
    /// The message as written in the corpus.
    #[serde(borrow)]
    pub text: Cow<'a, str>,
    /// Its tokens, holes kept.
    #[serde(borrow)]
    pub tokens: Vec<crate::text::Tok<'a>>,
    /// The weight of each token (0 for a hole): its inverse document frequency over the
    /// messages of the corpus, `ln(1 + messages / messages with the word)`, worked out
    /// when the corpus is compiled.
    pub weights: Vec<f32>,
}

/// A blob split into its sections, borrowing the bytes.
#[derive(Debug, Clone, Copy)]
pub struct Blob<'a> {
    sections: [&'a [u8]; SECTIONS],
}

/// Why bytes are not a blob.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BlobError(pub &'static str);

impl std::fmt::Display for BlobError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "corrupt index: {}", self.0)
    }
}

impl std::error::Error for BlobError {}

impl<'a> Blob<'a> {
    /// Splits `bytes` into sections, checking the magic number and every bound.
    pub fn parse(bytes: &'a [u8]) -> Result<Blob<'a>, BlobError> {
        let header = MAGIC.len() + SECTIONS * 8;
        if bytes.len() < header || &bytes[..MAGIC.len()] != MAGIC {
            return Err(BlobError("bad magic number (built by another version?)"));
        }
        let mut sections = [&bytes[..0]; SECTIONS];
        for (i, s) in sections.iter_mut().enumerate() {
            let at = MAGIC.len() + i * 8;
            let off = read_u32(bytes, at) as usize;
            let len = read_u32(bytes, at + 4) as usize;
            *s = bytes
                .get(off..off.checked_add(len).ok_or(BlobError("section overflow"))?)
                .ok_or(BlobError("section out of bounds"))?;
        }
        Ok(Blob { sections })
    }

    /// The bytes of one section.
    pub fn section(&self, s: Sec) -> &'a [u8] {
        self.sections[s as usize]
    }

    /// Item `i` of a section addressed by an offset table, or `None` out of range.
    pub fn item(&self, data: Sec, offsets: Sec, i: usize) -> Option<&'a [u8]> {
        let table = self.section(offsets);
        let start = read_u32_checked(table, i * 4)? as usize;
        let end = read_u32_checked(table, (i + 1) * 4)? as usize;
        self.section(data).get(start..end)
    }

    /// How many items an offset table addresses.
    pub fn count(&self, offsets: Sec) -> usize {
        (self.section(offsets).len() / 4).saturating_sub(1)
    }
}

fn read_u32(b: &[u8], at: usize) -> u32 {
    read_u32_checked(b, at).unwrap_or(0)
}

/// The little-endian u32 at `at`, or `None` past the end (shared with [`crate::table`]).
pub(crate) fn read_u32_checked(b: &[u8], at: usize) -> Option<u32> {
    let s = b.get(at..at + 4)?;
    Some(u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
}

/// Where the sections lie in the bytes (the table stays in [`Sec`] order). Small lookup
/// tables come first, next to the header, so that the kernel's read-around of the first
/// page touched maps them all: `kh show` then touches the start of the blob and one
/// record. The bulky data that a lookup reads one item of comes last.
const LAYOUT: [Sec; SECTIONS] = [
    Sec::Ids,
    Sec::RecordOffsets,
    Sec::SummaryOffsets,
    Sec::MessageOffsets,
    Sec::AnchorTable,
    Sec::AnchorPostings,
    Sec::Terms,
    Sec::Postings,
    Sec::Messages,
    Sec::Summaries,
    Sec::Records,
];

/// Assembles sections into blob bytes.
pub fn assemble(sections: [Vec<u8>; SECTIONS]) -> Vec<u8> {
    let header = MAGIC.len() + SECTIONS * 8;
    let total: usize = header + sections.iter().map(Vec::len).sum::<usize>();
    let mut table = [(0, 0); SECTIONS];
    let mut off = header;
    for sec in LAYOUT {
        let len = sections[sec as usize].len();
        table[sec as usize] = (off, len);
        off += len;
    }
    let mut out = Vec::with_capacity(total);
    out.extend_from_slice(MAGIC);
    for (off, len) in table {
        out.extend_from_slice(&to_u32(off).to_le_bytes());
        out.extend_from_slice(&to_u32(len).to_le_bytes());
    }
    for sec in LAYOUT {
        out.extend_from_slice(&sections[sec as usize]);
    }
    out
}

/// Blob offsets are u32: a corpus over 4 GiB is out of scope by design.
pub(crate) fn to_u32(n: usize) -> u32 {
    u32::try_from(n).expect("blob sections stay under 4 GiB")
}

/// Appends `n` as an LEB128 varint.
pub fn put_varint(out: &mut Vec<u8>, mut n: u64) {
    while n >= 0x80 {
        out.push((n as u8) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

/// Reads an LEB128 varint at `*pos`, advancing it; `None` on truncated input.
pub fn get_varint(b: &[u8], pos: &mut usize) -> Option<u64> {
    let mut n = 0u64;
    let mut shift = 0;
    loop {
        let byte = *b.get(*pos)?;
        *pos += 1;
        n |= u64::from(byte & 0x7f) << shift;
        if byte & 0x80 == 0 {
            return Some(n);
        }
        shift += 7;
        if shift > 63 {
            return None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn varints_round_trip() {
        let mut b = Vec::new();
        for n in [0u64, 1, 127, 128, 300, u32::MAX as u64, u64::MAX] {
            put_varint(&mut b, n);
        }
        let mut pos = 0;
        for n in [0u64, 1, 127, 128, 300, u32::MAX as u64, u64::MAX] {
            assert_eq!(get_varint(&b, &mut pos), Some(n));
        }
        assert_eq!(get_varint(&b, &mut pos), None);
    }

    #[test]
    fn truncated_blob_is_rejected() {
        let mut sections: [Vec<u8>; SECTIONS] = Default::default();
        sections[Sec::Records as usize] = vec![1, 2, 3];
        let blob = assemble(sections);
        let parsed = Blob::parse(&blob).expect("whole blob parses");
        assert_eq!(parsed.section(Sec::Records), &[1, 2, 3]);
        assert!(Blob::parse(&blob[..blob.len() - 1]).is_err());
        assert!(Blob::parse(&blob[..10]).is_err());
        let mut bad = blob.clone();
        bad[MAGIC.len()] = 0xff;
        assert!(Blob::parse(&bad).is_err());
    }

    #[test]
    fn every_section_reads_back_and_small_tables_come_first() {
        let mut sections: [Vec<u8>; SECTIONS] = Default::default();
        for (i, s) in sections.iter_mut().enumerate() {
            *s = vec![i as u8; 10 + i];
        }
        let blob = assemble(sections.clone());
        let parsed = Blob::parse(&blob).expect("blob parses");
        let start = |sec: Sec| parsed.section(sec).as_ptr() as usize - blob.as_ptr() as usize;
        for sec in LAYOUT {
            assert_eq!(
                parsed.section(sec),
                sections[sec as usize].as_slice(),
                "{sec:?}"
            );
        }
        let mut seen: Vec<usize> = LAYOUT.iter().map(|&s| s as usize).collect();
        seen.sort_unstable();
        assert_eq!(
            seen,
            (0..SECTIONS).collect::<Vec<_>>(),
            "each section laid out once"
        );
        assert_eq!(start(Sec::Ids), MAGIC.len() + SECTIONS * 8);
        assert!(start(Sec::RecordOffsets) < start(Sec::Terms));
        assert!(LAYOUT.iter().all(|&s| start(s) <= start(Sec::Records)));
        assert_eq!(
            blob.len(),
            MAGIC.len() + SECTIONS * 8 + (0..SECTIONS).map(|i| 10 + i).sum::<usize>()
        );
    }
}
