//! Reading error output as it really arrives: any size, any line ending, UTF-8 or UTF-16
//! with a BOM, invalid bytes, NULs and terminal escape codes.
//!
//! Input is streamed line by line; a line longer than [`MAX_LINE`] is cut (the rest is
//! skipped without being stored), so memory stays bounded however large the input is.

use crate::error::{Error, Result};
use std::io::{BufRead, BufReader, Read};

/// Bytes of one line kept for matching; error lines are far shorter.
pub const MAX_LINE: usize = 4096;

/// What reading saw, for the caller's checks and messages.
#[derive(Debug, Default, Clone, Copy)]
pub struct InputStats {
    /// Lines read.
    pub lines: usize,
    /// Lines with something besides white space.
    pub non_blank: usize,
    /// Bytes read.
    pub bytes: u64,
}

/// Reads `input` and calls `f(line_number, cleaned_line)` for each line.
///
/// Lines end at `\n`, `\r\n` or a lone `\r`. Each line is decoded as UTF-8 (invalid bytes
/// become U+FFFD) and cleaned of escape sequences and control characters. Input that
/// starts with a UTF-16 byte-order mark is decoded as UTF-16; input with NUL bytes and no
/// BOM is refused as binary.
pub fn for_each_line(
    input: impl Read,
    what: &str,
    mut f: impl FnMut(usize, &str),
) -> Result<InputStats> {
    let mut reader = BufReader::with_capacity(64 * 1024, input);
    let head = reader
        .fill_buf()
        .map_err(|e| Error::io(format!("reading {what}"), e))?;
    let (utf16, bom) = match head {
        [0xff, 0xfe, ..] => (Some(false), 2),
        [0xfe, 0xff, ..] => (Some(true), 2),
        [0xef, 0xbb, 0xbf, ..] => (None, 3),
        _ => (None, 0),
    };
    if utf16.is_none() && looks_binary(head) {
        return Err(Error::Input(format!(
            "{what} looks binary (it holds NUL bytes); kh explain reads text output"
        )));
    }
    reader.consume(bom);
    match utf16 {
        Some(big_endian) => lines(
            BufReader::new(Utf16Reader::new(reader, big_endian)),
            what,
            &mut f,
        ),
        None => lines(reader, what, &mut f),
    }
}

/// Binary when more than 1 in 100 of the first bytes are NUL.
fn looks_binary(head: &[u8]) -> bool {
    let nul = head.iter().filter(|&&b| b == 0).count();
    nul > 0 && nul * 100 > head.len()
}

fn lines(mut r: impl BufRead, what: &str, f: &mut impl FnMut(usize, &str)) -> Result<InputStats> {
    let mut stats = InputStats::default();
    let mut line: Vec<u8> = Vec::with_capacity(256);
    let mut cleaned = String::with_capacity(256);
    let mut pending = false;
    let mut skip_lf = false;
    loop {
        let buf = match r.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(Error::io(format!("reading {what}"), e)),
        };
        if buf.is_empty() {
            break;
        }
        let n = buf.len();
        stats.bytes += n as u64;
        // The buffer's valid UTF-8 is checked once for all its lines: a check per line
        // cost five instructions a byte. (Invalid bytes, or a character cut at the end of
        // the buffer, leave the rest to the per-line path.)
        let text = match std::str::from_utf8(buf) {
            Ok(t) => t,
            Err(e) => std::str::from_utf8(&buf[..e.valid_up_to()]).unwrap_or_default(),
        };
        let mut rest = buf;
        while !rest.is_empty() {
            if skip_lf {
                skip_lf = false;
                if rest[0] == b'\n' {
                    rest = &rest[1..];
                    continue;
                }
            }
            match memchr::memchr2(b'\n', b'\r', rest) {
                Some(i) => {
                    if line.is_empty() {
                        // A whole line in the buffer: read it in place.
                        let raw = &rest[..i.min(MAX_LINE)];
                        let at = n - rest.len();
                        let checked = text.get(at..at + raw.len());
                        emit(&mut stats, raw, checked, &mut cleaned, f);
                    } else {
                        let room = MAX_LINE.saturating_sub(line.len());
                        line.extend_from_slice(&rest[..i.min(room)]);
                        emit(&mut stats, &line, None, &mut cleaned, f);
                        line.clear();
                    }
                    pending = false;
                    skip_lf = rest[i] == b'\r';
                    rest = &rest[i + 1..];
                }
                None => {
                    let room = MAX_LINE.saturating_sub(line.len());
                    line.extend_from_slice(&rest[..rest.len().min(room)]);
                    pending = true;
                    rest = &[];
                }
            }
        }
        r.consume(n);
    }
    if pending {
        emit(&mut stats, &line, None, &mut cleaned, f);
    }
    Ok(stats)
}

/// Hands one line to `f`, cleaned: `raw` is its bytes, and `checked` the same bytes as
/// text when the buffer's UTF-8 check covered them.
fn emit(
    stats: &mut InputStats,
    raw: &[u8],
    checked: Option<&str>,
    cleaned: &mut String,
    f: &mut impl FnMut(usize, &str),
) {
    stats.lines += 1;
    // Fast path: plain printable ASCII (most log lines) needs no decoding or cleaning,
    // and tabs (which indent trace frames) only become spaces.
    // (A fold with no early exit, so that the compiler checks many bytes at a time.)
    let printable = raw.iter().fold(true, |ok, &b| {
        ok & (b.wrapping_sub(0x20) < 0x5f || b == b'\t')
    });
    let line: &str = if printable {
        let ascii = match checked {
            Some(t) => t,
            None => std::str::from_utf8(raw).unwrap_or_default(),
        };
        let mut tabs = memchr::memchr_iter(b'\t', raw).peekable();
        if tabs.peek().is_some() {
            cleaned.clear();
            let mut start = 0;
            // ASCII: every byte index is a character boundary.
            for tab in tabs {
                cleaned.push_str(&ascii[start..tab]);
                cleaned.push(' ');
                start = tab + 1;
            }
            cleaned.push_str(&ascii[start..]);
            cleaned
        } else {
            ascii
        }
    } else {
        cleaned.clear();
        super::clean::clean_into(&String::from_utf8_lossy(raw), cleaned);
        cleaned
    };
    if !line.trim().is_empty() {
        stats.non_blank += 1;
    }
    f(stats.lines, line);
}

/// Decodes UTF-16 into UTF-8 bytes as a stream; unpaired surrogates become U+FFFD.
struct Utf16Reader<R> {
    inner: R,
    big_endian: bool,
    odd: Option<u8>,
    high: Option<u16>,
    out: Vec<u8>,
    out_pos: usize,
}

impl<R: Read> Utf16Reader<R> {
    fn new(inner: R, big_endian: bool) -> Self {
        Utf16Reader {
            inner,
            big_endian,
            odd: None,
            high: None,
            out: Vec::new(),
            out_pos: 0,
        }
    }

    fn push_unit(&mut self, u: u16) {
        let push = |c: char, out: &mut Vec<u8>| {
            let mut b = [0; 4];
            out.extend_from_slice(c.encode_utf8(&mut b).as_bytes());
        };
        match (self.high.take(), u) {
            (Some(h), 0xdc00..=0xdfff) => {
                let c = 0x10000 + ((u32::from(h) - 0xd800) << 10) + (u32::from(u) - 0xdc00);
                push(char::from_u32(c).unwrap_or('\u{fffd}'), &mut self.out);
            }
            (prev, 0xd800..=0xdbff) => {
                if prev.is_some() {
                    push('\u{fffd}', &mut self.out);
                }
                self.high = Some(u);
            }
            (prev, _) => {
                if prev.is_some() {
                    push('\u{fffd}', &mut self.out);
                }
                push(
                    char::from_u32(u32::from(u)).unwrap_or('\u{fffd}'),
                    &mut self.out,
                );
            }
        }
    }
}

impl<R: Read> Read for Utf16Reader<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        while self.out_pos >= self.out.len() {
            self.out.clear();
            self.out_pos = 0;
            let mut raw = [0u8; 8192];
            let n = self.inner.read(&mut raw)?;
            if n == 0 {
                if self.high.take().is_some() || self.odd.take().is_some() {
                    self.out.extend_from_slice("\u{fffd}".as_bytes());
                    continue;
                }
                return Ok(0);
            }
            let mut bytes: Vec<u8> = self.odd.take().into_iter().collect();
            bytes.extend_from_slice(&raw[..n]);
            let mut chunks = bytes.chunks_exact(2);
            for pair in chunks.by_ref() {
                let u = if self.big_endian {
                    u16::from_be_bytes([pair[0], pair[1]])
                } else {
                    u16::from_le_bytes([pair[0], pair[1]])
                };
                self.push_unit(u);
            }
            self.odd = chunks.remainder().first().copied();
        }
        let n = buf.len().min(self.out.len() - self.out_pos);
        buf[..n].copy_from_slice(&self.out[self.out_pos..self.out_pos + n]);
        self.out_pos += n;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn collect(bytes: &[u8]) -> Vec<String> {
        let mut out = Vec::new();
        for_each_line(bytes, "input", |_, l| out.push(l.to_string())).expect("reads");
        out
    }

    /// A reader that hands out at most `step` bytes a call, so that lines and characters
    /// straddle the reader's buffer.
    struct Trickle<'a> {
        bytes: &'a [u8],
        step: usize,
    }

    impl Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let n = self.step.min(buf.len()).min(self.bytes.len());
            buf[..n].copy_from_slice(&self.bytes[..n]);
            self.bytes = &self.bytes[n..];
            Ok(n)
        }
    }

    use proptest::strategy::Strategy as _;

    proptest::proptest! {
        /// Lines read in pieces of any size read the same as in one piece, whether the
        /// buffer's check or the line's own decides what is text.
        #[test]
        fn lines_read_the_same_however_the_input_is_split(
            parts in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::string::string_regex("[a-z \t]{0,12}").expect("regex").prop_map(String::into_bytes),
                    proptest::strategy::Just(b"\n".to_vec()),
                    proptest::strategy::Just(b"\r\n".to_vec()),
                    proptest::strategy::Just("\u{e9}\u{4e2d}".as_bytes().to_vec()),
                    proptest::strategy::Just(vec![0xff, b'x']),
                    proptest::strategy::Just(b"\x1b[31m".to_vec()),
                ],
                0..30,
            ),
            step in 1usize..9,
        ) {
            let bytes: Vec<u8> = parts.concat();
            let mut split = Vec::new();
            for_each_line(Trickle { bytes: &bytes, step }, "input", |_, l| split.push(l.to_string()))
                .expect("reads");
            proptest::prop_assert_eq!(split, collect(&bytes));
        }
    }

    #[test]
    fn splits_on_lf_crlf_and_lone_cr() {
        assert_eq!(collect(b"a\nb\r\nc\rd"), ["a", "b", "c", "d"]);
    }

    #[test]
    fn tabs_become_spaces_and_escapes_go_in_every_path() {
        assert_eq!(collect(b"\tat a.B(C.java:1)\n"), [" at a.B(C.java:1)"]);
        assert_eq!(collect(b"x\ty\t\x1b[31mz\x1b[0m\n"), ["x y z"]);
        assert_eq!(collect("caf\u{e9}\tok".as_bytes()), ["caf\u{e9} ok"]);
        // A line split across two reads of the buffer is joined before it is read.
        let mut r = std::io::BufReader::with_capacity(8, &b"0123456789\tabcdef\nx\n"[..]);
        let mut got = Vec::new();
        lines(&mut r, "t", &mut |_, l: &str| got.push(l.to_string())).expect("reads");
        assert_eq!(got, ["0123456789 abcdef", "x"]);
    }

    #[test]
    fn decodes_utf16_le_with_bom() {
        let mut bytes = vec![0xff, 0xfe];
        for u in "x\u{e9}\n\u{1f600}y".encode_utf16() {
            bytes.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(collect(&bytes), ["x\u{e9}", "\u{1f600}y"]);
    }

    #[test]
    fn invalid_utf8_becomes_replacement_characters() {
        assert_eq!(collect(b"ab\xffcd\n"), ["ab\u{fffd}cd"]);
    }

    #[test]
    fn binary_input_is_refused() {
        let err =
            for_each_line(&[0u8, 1, 2, 0, 0, 9][..], "stdin", |_, _| {}).expect_err("must fail");
        assert!(err.to_string().contains("binary"));
    }

    #[test]
    fn long_lines_are_cut_not_stored() {
        let long = vec![b'x'; MAX_LINE * 3];
        let lines = collect(&long);
        assert_eq!(lines.len(), 1);
        assert_eq!(lines[0].len(), MAX_LINE);
    }
}
