//! node:buffer's string codecs (engine-free). A JS string arrives as QuickJS's WTF-8 (UTF-8 in
//! which a lone surrogate is its own 3-byte sequence `ED A0..BF xx`); a pair is already one
//! 4-byte character. The byte encodings work on UTF-16 code units as Node's do (latin1, hex
//! and base64 take each unit's low byte).

/// An encoding of bytes as text, as the JS side numbers them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Enc {
    Utf8,
    Latin1,
    Ascii,
    Hex,
    Base64,
    Base64Url,
}

impl Enc {
    pub fn from_code(code: u32) -> Option<Enc> {
        Some(match code {
            0 => Enc::Utf8,
            1 => Enc::Latin1,
            2 => Enc::Ascii,
            3 => Enc::Hex,
            4 => Enc::Base64,
            5 => Enc::Base64Url,
            _ => return None,
        })
    }
}

/// A lone surrogate's WTF-8 sequence starts `ED A0..=BF`; well-formed UTF-8 never has it.
fn lone_surrogate_at(s: &[u8], i: usize) -> bool {
    s[i] == 0xED && s.get(i + 1).is_some_and(|b| (0xA0..=0xBF).contains(b))
}

/// UTF-8 length of the string: a lone surrogate becomes U+FFFD, also 3 bytes, so it is the
/// WTF-8 length.
pub fn utf8_len(wtf8: &[u8]) -> usize {
    wtf8.len()
}

/// Write the string as UTF-8 into `out`, whole characters only (as Node's `buf.write`), lone
/// surrogates as U+FFFD. Returns the bytes written.
pub fn write_utf8(wtf8: &[u8], out: &mut [u8]) -> usize {
    let mut n = wtf8.len().min(out.len());
    if n < wtf8.len() {
        // Back up to the start of the character that does not fit.
        while n > 0 && wtf8[n] & 0xC0 == 0x80 {
            n -= 1;
        }
    }
    out[..n].copy_from_slice(&wtf8[..n]);
    let mut i = 0;
    // Whole characters only, so a lone surrogate's 3 bytes are all inside `out[..n]`.
    while let Some(at) = memchr_ed(&out[i..n]) {
        let j = i + at;
        if lone_surrogate_at(&out[..n], j) {
            out[j..j + 3].copy_from_slice(&[0xEF, 0xBF, 0xBD]);
            i = j + 3;
        } else {
            i = j + 1;
        }
    }
    n
}

fn memchr_ed(s: &[u8]) -> Option<usize> {
    s.iter().position(|&b| b == 0xED)
}

/// The string's UTF-16 code units, decoded from WTF-8 (which QuickJS produced, so it is
/// well formed).
fn code_units(wtf8: &[u8]) -> impl Iterator<Item = u16> + '_ {
    let mut i = 0;
    let mut low: Option<u16> = None;
    std::iter::from_fn(move || {
        if let Some(l) = low.take() {
            return Some(l);
        }
        let b = *wtf8.get(i)?;
        let (cp, len) = match b {
            0..=0x7F => (b as u32, 1),
            0xC0..=0xDF => (
                (b as u32 & 0x1F) << 6 | (wtf8.get(i + 1).copied().unwrap_or(0) as u32 & 0x3F),
                2,
            ),
            0xE0..=0xEF => (
                (b as u32 & 0x0F) << 12
                    | (wtf8.get(i + 1).copied().unwrap_or(0) as u32 & 0x3F) << 6
                    | (wtf8.get(i + 2).copied().unwrap_or(0) as u32 & 0x3F),
                3,
            ),
            _ => (
                (b as u32 & 0x07) << 18
                    | (wtf8.get(i + 1).copied().unwrap_or(0) as u32 & 0x3F) << 12
                    | (wtf8.get(i + 2).copied().unwrap_or(0) as u32 & 0x3F) << 6
                    | (wtf8.get(i + 3).copied().unwrap_or(0) as u32 & 0x3F),
                4,
            ),
        };
        i += len;
        if cp >= 0x10000 {
            let c = cp - 0x10000;
            low = Some(0xDC00 | (c & 0x3FF) as u16);
            return Some(0xD800 | (c >> 10) as u16);
        }
        Some(cp as u16)
    })
}

/// Latin-1 (and 'ascii', which Node writes the same way): each code unit's low byte.
pub fn write_latin1(wtf8: &[u8], out: &mut [u8]) -> usize {
    if wtf8.is_ascii() {
        let n = wtf8.len().min(out.len());
        out[..n].copy_from_slice(&wtf8[..n]);
        return n;
    }
    let mut n = 0;
    let mut i = 0;
    // Latin-1 text is ASCII and two-byte sequences of U+0080..U+00FF (lead C2/C3); anything
    // else goes through the general code-unit decoder.
    while n < out.len() && i < wtf8.len() {
        let b = wtf8[i];
        if b < 0x80 {
            out[n] = b;
            i += 1;
        } else if (b == 0xC2 || b == 0xC3) && i + 1 < wtf8.len() {
            out[n] = (b & 0x03) << 6 | (wtf8[i + 1] & 0x3F);
            i += 2;
        } else {
            for (slot, u) in out[n..].iter_mut().zip(code_units(&wtf8[i..])) {
                *slot = u as u8;
                n += 1;
            }
            return n;
        }
        n += 1;
    }
    n
}

fn unhex(c: u16) -> Option<u8> {
    match c {
        0x30..=0x39 => Some((c - 0x30) as u8),
        0x61..=0x66 => Some((c - 0x61 + 10) as u8),
        0x41..=0x46 => Some((c - 0x41 + 10) as u8),
        _ => None,
    }
}

/// Hex pairs into `out`; stops at the first pair that is not two hex digits (Node).
pub fn write_hex(wtf8: &[u8], out: &mut [u8]) -> usize {
    let mut units = code_units(wtf8);
    let mut n = 0;
    while n < out.len() {
        let (Some(a), Some(b)) = (units.next(), units.next()) else {
            break;
        };
        let (Some(a), Some(b)) = (unhex(a), unhex(b)) else {
            break;
        };
        out[n] = a << 4 | b;
        n += 1;
    }
    n
}

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const B64URL: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

const UNB64: [u8; 256] = {
    let mut t = [255u8; 256];
    let mut i = 0;
    while i < 64 {
        t[B64[i] as usize] = i as u8;
        t[B64URL[i] as usize] = i as u8;
        i += 1;
    }
    t
};

/// Node's lenient base64/base64url decoder: both alphabets; characters outside them
/// (whitespace included) are skipped; '=' ends the input; missing padding is fine. Each
/// code unit is looked up by its low byte, as Node does.
pub fn write_base64(wtf8: &[u8], out: &mut [u8]) -> usize {
    let mut p = 0;
    let mut acc = 0u32;
    let mut k = 0;
    let mut put = |byte: u32, p: &mut usize| -> bool {
        if *p >= out.len() {
            return false;
        }
        out[*p] = byte as u8;
        *p += 1;
        true
    };
    let mut step = |c: u8, p: &mut usize| -> Option<()> {
        let v = UNB64[c as usize];
        if v == 255 {
            return if c == b'=' { None } else { Some(()) };
        }
        acc = acc << 6 | v as u32;
        k += 1;
        let ok = match k {
            2 => put((acc >> 4) & 0xFF, p),
            3 => put((acc >> 2) & 0xFF, p),
            4 => {
                k = 0;
                put(acc & 0xFF, p)
            }
            _ => true,
        };
        ok.then_some(())
    };
    if wtf8.is_ascii() {
        for &c in wtf8 {
            if step(c, &mut p).is_none() {
                break;
            }
        }
    } else {
        for u in code_units(wtf8) {
            if step(u as u8, &mut p).is_none() {
                break;
            }
        }
    }
    p
}

/// Bytes as text. The result is UTF-8 for the engine to make a string of.
pub fn decode(bytes: &[u8], enc: Enc) -> std::borrow::Cow<'_, str> {
    use std::borrow::Cow;
    match enc {
        // WHATWG decoding: each maximal invalid subpart becomes one U+FFFD (what Rust does).
        Enc::Utf8 => String::from_utf8_lossy(bytes),
        Enc::Latin1 | Enc::Ascii => {
            if bytes.is_ascii() {
                return Cow::Borrowed(std::str::from_utf8(bytes).unwrap_or_default());
            }
            if enc == Enc::Ascii {
                let ascii: Vec<u8> = bytes.iter().map(|&b| b & 0x7F).collect();
                return Cow::Owned(String::from_utf8(ascii).unwrap_or_default());
            }
            // U+0080..U+00FF as UTF-8 (C2/C3 xx), byte by byte: much faster than collecting
            // chars.
            let mut s = Vec::with_capacity(bytes.len() * 2);
            for &b in bytes {
                if b < 0x80 {
                    s.push(b);
                } else {
                    s.extend_from_slice(&[0xC0 | b >> 6, 0x80 | (b & 0x3F)]);
                }
            }
            Cow::Owned(String::from_utf8(s).unwrap_or_default())
        }
        Enc::Hex => {
            const DIGITS: &[u8; 16] = b"0123456789abcdef";
            let mut s = Vec::with_capacity(bytes.len() * 2);
            for &b in bytes {
                s.push(DIGITS[(b >> 4) as usize]);
                s.push(DIGITS[(b & 15) as usize]);
            }
            Cow::Owned(String::from_utf8(s).unwrap_or_default())
        }
        Enc::Base64 | Enc::Base64Url => {
            let url = enc == Enc::Base64Url;
            let codes = if url { B64URL } else { B64 };
            let mut s = Vec::with_capacity(bytes.len().div_ceil(3) * 4);
            let mut chunks = bytes.chunks_exact(3);
            for c in &mut chunks {
                let v = (c[0] as u32) << 16 | (c[1] as u32) << 8 | c[2] as u32;
                s.extend_from_slice(&[
                    codes[(v >> 18) as usize],
                    codes[(v >> 12 & 63) as usize],
                    codes[(v >> 6 & 63) as usize],
                    codes[(v & 63) as usize],
                ]);
            }
            match *chunks.remainder() {
                [a] => {
                    s.extend_from_slice(&[
                        codes[(a >> 2) as usize],
                        codes[((a & 3) << 4) as usize],
                    ]);
                    if !url {
                        s.extend_from_slice(b"==");
                    }
                }
                [a, b] => {
                    let v = (a as u32) << 8 | b as u32;
                    s.extend_from_slice(&[
                        codes[(v >> 10) as usize],
                        codes[(v >> 4 & 63) as usize],
                        codes[((v & 15) << 2) as usize],
                    ]);
                    if !url {
                        s.push(b'=');
                    }
                }
                _ => {}
            }
            Cow::Owned(String::from_utf8(s).unwrap_or_default())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_write_replaces_lone_surrogates_and_never_splits_a_character() {
        // "a", lone high surrogate U+D800 (WTF-8), "€"
        let s = [b'a', 0xED, 0xA0, 0x80, 0xE2, 0x82, 0xAC];
        let mut out = [0u8; 7];
        assert_eq!(write_utf8(&s, &mut out), 7);
        assert_eq!(out, [b'a', 0xEF, 0xBF, 0xBD, 0xE2, 0x82, 0xAC]);
        let mut short = [0u8; 6];
        assert_eq!(write_utf8(&s, &mut short), 4);
    }

    #[test]
    fn latin1_hex_base64_take_code_units() {
        // U+1D11E is the pair D834 DD1E: latin1 takes 0x34, 0x1E.
        let mut out = [0u8; 4];
        assert_eq!(write_latin1("aé\u{FF}b".as_bytes(), &mut out), 4);
        assert_eq!(out, [b'a', 0xE9, 0xFF, b'b']);
        let s = "x\u{1D11E}".as_bytes();
        let mut out = [0u8; 3];
        assert_eq!(write_latin1(s, &mut out), 3);
        assert_eq!(out, [b'x', 0x34, 0x1E]);
        let mut out = [0u8; 4];
        assert_eq!(write_hex(b"0aFfzz11", &mut out), 2);
        assert_eq!(&out[..2], &[0x0A, 0xFF]);
        let mut out = [0u8; 8];
        assert_eq!(write_base64(b"aG V_s-bw", &mut out), 6);
        assert_eq!(&out[..6], &[0x68, 0x65, 0x7f, 0xb3, 0xe6, 0xf0]);
        assert_eq!(write_base64(b"aGk=aGk=", &mut out), 2);
        assert_eq!(decode(b"hi!", Enc::Base64), "aGkh");
        assert_eq!(decode(b"h", Enc::Base64), "aA==");
        assert_eq!(decode(b"h", Enc::Base64Url), "aA");
        assert_eq!(decode(&[0xF0, 0x9F, 0x41], Enc::Utf8), "\u{FFFD}A");
        assert_eq!(decode(&[0x61, 0xE9, 0xFF], Enc::Latin1), "a\u{E9}\u{FF}");
        assert_eq!(decode(&[0x61, 0xE9, 0xFF], Enc::Ascii), "ai\u{7F}");
    }
}
