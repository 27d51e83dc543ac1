//! A hash table of words, laid out in bytes and probed where it lies.
//!
//! `kh explain` asks of every word of its input whether it anchors an error message, and
//! almost every answer is no. An fst gives that answer only after walking the word through
//! its nodes (about 850 instructions for a word of a stack trace); this table gives it with
//! one hash and, mostly, one probe, and nothing is loaded or cached first. The fst maps
//! stay for what needs order or prefixes (IDs, search terms).
//!
//! Layout, little-endian: a u32 `bits`; then `1 << bits` slots of u32, each 0 (empty) or
//! 1 + the offset of an entry in the entry area that follows the slots; an entry is a u8
//! length, the word's bytes and a varint value. Linear probing, at most a quarter full
//! (most words looked up are not in the table, and a probe that meets an empty slot at
//! once costs little more than the hash). The hash is defined here, not taken from a
//! crate, so that a table compiled by one build of `kh` reads the same in another.

use crate::blob::{get_varint, put_varint, read_u32_checked, to_u32};

/// Words longer than this are left out (no input token is longer: see
/// [`crate::text::for_each_token`]).
pub const MAX_WORD: usize = 255;

/// The table's hash of a word: an Fx-style multiply-rotate over 8-byte chunks, the last
/// chunk read overlapping the one before (or, for a word under 8 bytes, as two halves),
/// so that no byte is copied. The length goes in too.
pub fn hash(word: &[u8]) -> u64 {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    let n = word.len();
    let mut h = (n as u64).wrapping_mul(K);
    let mut at = 0;
    while at + 8 < n {
        h = (h.rotate_left(5) ^ read_u64(word, at)).wrapping_mul(K);
        at += 8;
    }
    let last = match n {
        0 => 0,
        1..=3 => u64::from(word[0]) | u64::from(word[n / 2]) << 8 | u64::from(word[n - 1]) << 16,
        4..=7 => {
            let (lo, hi) = (read_u32_checked(word, 0), read_u32_checked(word, n - 4));
            u64::from(lo.unwrap_or(0)) << 32 | u64::from(hi.unwrap_or(0))
        }
        _ => read_u64(word, n - 8),
    };
    (h.rotate_left(5) ^ last).wrapping_mul(K)
}

fn read_u64(b: &[u8], at: usize) -> u64 {
    let s = &b[at..at + 8];
    u64::from_le_bytes([s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7]])
}

/// The slot a hash starts probing at: its top bits, the best mixed by the multiply.
fn home(h: u64, bits: u32) -> usize {
    (h >> (64 - bits)) as usize
}

/// Builds a table of `words` (unique) and their values.
pub fn build<'a>(words: impl IntoIterator<Item = (&'a str, u64)>) -> Vec<u8> {
    let words: Vec<(&str, u64)> = words
        .into_iter()
        .filter(|(w, _)| w.len() <= MAX_WORD)
        .collect();
    let bits = (words.len() * 4)
        .next_power_of_two()
        .max(2)
        .trailing_zeros();
    let mut slots = vec![0u32; 1 << bits];
    let mut entries = Vec::new();
    for (w, value) in words {
        let mut i = home(hash(w.as_bytes()), bits);
        while slots[i] != 0 {
            i = (i + 1) & (slots.len() - 1);
        }
        slots[i] = to_u32(entries.len() + 1);
        entries.push(w.len() as u8);
        entries.extend_from_slice(w.as_bytes());
        put_varint(&mut entries, value);
    }
    let mut out = Vec::with_capacity(4 + slots.len() * 4 + entries.len());
    out.extend_from_slice(&bits.to_le_bytes());
    for s in slots {
        out.extend_from_slice(&s.to_le_bytes());
    }
    out.extend(entries);
    out
}

/// A table read in place, its header checked once: a lookup is then a hash and a few
/// loads.
#[derive(Debug, Clone, Copy)]
pub struct Table<'a> {
    bits: u32,
    slots: &'a [u8],
    entries: &'a [u8],
}

impl<'a> Table<'a> {
    /// The table in `bytes`, or `None` if they cannot be one (a corrupt local index).
    pub fn new(bytes: &'a [u8]) -> Option<Table<'a>> {
        let bits = read_u32_checked(bytes, 0)?;
        if bits == 0 || bits > 31 {
            return None;
        }
        let end = 4 + (1usize << bits) * 4;
        Some(Table {
            bits,
            slots: bytes.get(4..end)?,
            entries: bytes.get(end..)?,
        })
    }

    /// The value of `word`, or `None` if it is not in the table. Entries that point out
    /// of bounds give `None`, never a panic.
    pub fn get(&self, word: &str) -> Option<u64> {
        let word = word.as_bytes();
        let mask = (1usize << self.bits) - 1;
        let mut i = home(hash(word), self.bits);
        for _ in 0..=mask {
            let slot = read_u32_checked(self.slots, i * 4)? as usize;
            if slot == 0 {
                return None;
            }
            let at = slot - 1;
            let len = usize::from(*self.entries.get(at)?);
            if len == word.len() && self.entries.get(at + 1..at + 1 + len)? == word {
                let mut pos = at + 1 + len;
                return get_varint(self.entries, &mut pos);
            }
            i = (i + 1) & mask;
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn get(bytes: &[u8], word: &str) -> Option<u64> {
        Table::new(bytes)?.get(word)
    }

    #[test]
    fn every_word_is_found_with_its_value_and_others_are_not() {
        let words: Vec<String> = (0..3000).map(|i| format!("w{i}x")).collect();
        let table = build(
            words
                .iter()
                .enumerate()
                .map(|(i, w)| (w.as_str(), i as u64 * 7)),
        );
        for (i, w) in words.iter().enumerate() {
            assert_eq!(get(&table, w), Some(i as u64 * 7), "{w}");
        }
        for miss in ["", "w", "w1", "w3000x", "w1x ", "W1x", "x1w"] {
            assert_eq!(get(&table, miss), None, "{miss:?}");
        }
    }

    #[test]
    fn an_empty_table_and_odd_bytes_answer_none() {
        let empty = build([]);
        assert_eq!(get(&empty, "anything"), None);
        for bytes in [
            &[][..],
            &[1, 0, 0],
            &[40, 0, 0, 0],
            &[2, 0, 0, 0, 9, 0, 0, 0],
        ] {
            assert_eq!(get(bytes, "x"), None, "{bytes:?}");
        }
        // A full table of slots that point nowhere: probing stops after one round.
        let mut full = 2u32.to_le_bytes().to_vec();
        for _ in 0..4 {
            full.extend_from_slice(&1u32.to_le_bytes());
        }
        full.extend_from_slice(&[3, b'a', b'b', b'c', 5]);
        assert_eq!(get(&full, "abc"), Some(5));
        assert_eq!(get(&full, "abd"), None);
    }

    #[test]
    fn words_too_long_for_a_length_byte_are_left_out() {
        let long = "x".repeat(MAX_WORD + 1);
        let table = build([(long.as_str(), 1), ("short", 2)]);
        assert_eq!(get(&table, &long), None);
        assert_eq!(get(&table, "short"), Some(2));
    }

    #[test]
    fn the_hash_is_fixed_by_this_crate() {
        // A table compiled into a user's cache must read the same after an upgrade: a
        // change of hash must come with a new blob magic number (see `blob::MAGIC`).
        assert_eq!(hash(b""), 0);
        assert_ne!(hash(b"ab"), hash(b"ab\0"));
        assert_ne!(hash(b"abcdefgh"), hash(b"abcdefgh\0"));
        assert_eq!(hash(b"exception"), hash(b"exception"));
        assert_eq!(hash(b"nullpointerexception"), 0xa493_02ab_c5dc_0ff8);
    }
}
