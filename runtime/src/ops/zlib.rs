//! `node:zlib`: deflate/inflate (zlib, gzip, raw) through flate2's zlib-rs backend, and brotli.
//! One [`ZStream`] serves both the one-shot calls (`gzipSync`, `gunzip`) and the stream classes
//! (`createGzip`), which the engine glue keeps in a handle table.

use std::io::Write;

use flate2::{Compress, Compression, Decompress, FlushCompress, FlushDecompress, Status};

use super::OpError;

/// Which transform a stream performs (Node's `zlib` mode numbers, 1..=9 then brotli 10/11).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Deflate,
    Inflate,
    Gzip,
    Gunzip,
    DeflateRaw,
    InflateRaw,
    Unzip,
    BrotliEncode,
    BrotliDecode,
}

impl Kind {
    pub fn from_name(name: &str) -> Option<Kind> {
        Some(match name {
            "deflate" => Kind::Deflate,
            "inflate" => Kind::Inflate,
            "gzip" => Kind::Gzip,
            "gunzip" => Kind::Gunzip,
            "deflateRaw" => Kind::DeflateRaw,
            "inflateRaw" => Kind::InflateRaw,
            "unzip" => Kind::Unzip,
            "brotliCompress" => Kind::BrotliEncode,
            "brotliDecompress" => Kind::BrotliDecode,
            _ => return None,
        })
    }
}

/// Tuning a caller may pass (`{ level, windowBits, params }`), already validated in JS.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// zlib level -1..=9 (-1 = default 6).
    pub level: i32,
    /// 8..=15.
    pub window_bits: u8,
    /// Brotli quality 0..=11 and window 10..=24.
    pub quality: u32,
    pub lgwin: u32,
    /// The flush the one-shot forms end with (`finishFlush`; `None` = finish).
    pub finish_flush: Option<i32>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            level: -1,
            window_bits: 15,
            quality: 11,
            lgwin: 22,
            finish_flush: None,
        }
    }
}

/// Node's flush values (`Z_NO_FLUSH` .. `Z_FINISH`; brotli's PROCESS/FLUSH/FINISH map onto them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flush {
    None,
    Sync,
    Full,
    Finish,
}

impl Flush {
    /// From a zlib constant (`Z_SYNC_FLUSH` = 2, ...).
    pub fn from_zlib(n: i32) -> Flush {
        match n {
            1..=2 | 5 => Flush::Sync,
            3 => Flush::Full,
            4 => Flush::Finish,
            _ => Flush::None,
        }
    }
    /// From a brotli operation (`BROTLI_OPERATION_FLUSH` = 1, `FINISH` = 2).
    pub fn from_brotli(n: i32) -> Flush {
        match n {
            1 => Flush::Sync,
            2 => Flush::Finish,
            _ => Flush::None,
        }
    }
}

enum Inner {
    Deflate(Box<Compress>),
    Inflate {
        d: Box<Decompress>,
        gzip: bool,
        done: bool,
    },
    /// `unzip` before its first two bytes: gzip or zlib is decided by the magic number.
    Sniffing(Vec<u8>),
    BrotliEnc(Box<brotli::CompressorWriter<Vec<u8>>>),
    BrotliDec {
        w: Box<brotli::DecompressorWriter<Vec<u8>>>,
        done: bool,
    },
    Closed,
}

/// A compression or decompression stream.
pub struct ZStream {
    kind: Kind,
    opts: Options,
    inner: Inner,
}

fn zerr(code: &str, message: &str) -> OpError {
    OpError::code(code, message)
}

fn data_error(msg: Option<&str>) -> OpError {
    zerr("Z_DATA_ERROR", msg.unwrap_or("invalid data"))
}

fn eof_error() -> OpError {
    zerr("Z_BUF_ERROR", "unexpected end of file")
}

fn level(opts: &Options) -> Compression {
    if opts.level < 0 {
        Compression::new(6)
    } else {
        Compression::new(opts.level.clamp(0, 9) as u32)
    }
}

impl ZStream {
    pub fn new(kind: Kind, opts: Options) -> ZStream {
        let wb = opts.window_bits.clamp(9, 15);
        let inner = match kind {
            Kind::Deflate => Inner::Deflate(Box::new(Compress::new_with_window_bits(
                level(&opts),
                true,
                wb,
            ))),
            Kind::Gzip => Inner::Deflate(Box::new(Compress::new_gzip(level(&opts), wb))),
            Kind::DeflateRaw => Inner::Deflate(Box::new(Compress::new_with_window_bits(
                level(&opts),
                false,
                wb,
            ))),
            Kind::Inflate => Inner::Inflate {
                d: Box::new(Decompress::new_with_window_bits(true, 15)),
                gzip: false,
                done: false,
            },
            Kind::Gunzip => Inner::Inflate {
                d: Box::new(Decompress::new_gzip(15)),
                gzip: true,
                done: false,
            },
            Kind::InflateRaw => Inner::Inflate {
                d: Box::new(Decompress::new_with_window_bits(false, 15)),
                gzip: false,
                done: false,
            },
            Kind::Unzip => Inner::Sniffing(Vec::new()),
            Kind::BrotliEncode => Inner::BrotliEnc(Box::new(brotli::CompressorWriter::new(
                Vec::new(),
                64 * 1024,
                opts.quality.min(11),
                opts.lgwin.clamp(10, 24),
            ))),
            Kind::BrotliDecode => Inner::BrotliDec {
                w: Box::new(brotli::DecompressorWriter::new(Vec::new(), 64 * 1024)),
                done: false,
            },
        };
        ZStream { kind, opts, inner }
    }

    pub fn kind(&self) -> Kind {
        self.kind
    }

    /// Feed `input`; returns the output it produced. `Flush::Finish` ends the stream (and for a
    /// decompressor checks that the input was complete).
    pub fn write(&mut self, input: &[u8], flush: Flush) -> Result<Vec<u8>, OpError> {
        let mut out = Vec::new();
        self.write_into(input, flush, &mut out)?;
        Ok(out)
    }

    pub fn write_into(
        &mut self,
        input: &[u8],
        flush: Flush,
        out: &mut Vec<u8>,
    ) -> Result<(), OpError> {
        if let Inner::Sniffing(buf) = &mut self.inner {
            buf.extend_from_slice(input);
            if buf.len() < 2 && flush != Flush::Finish {
                return Ok(());
            }
            let buf = std::mem::take(buf);
            let gzip = buf.len() >= 2 && buf[0] == 0x1f && buf[1] == 0x8b;
            self.inner = Inner::Inflate {
                d: Box::new(if gzip {
                    Decompress::new_gzip(15)
                } else {
                    Decompress::new_with_window_bits(true, 15)
                }),
                gzip,
                done: false,
            };
            return self.write_into(&buf, flush, out);
        }
        match &mut self.inner {
            Inner::Deflate(c) => deflate(c, input, flush, out),
            Inner::Inflate { d, gzip, done } => {
                inflate(d, *gzip, done, input, out)?;
                if flush == Flush::Finish && !*done {
                    return Err(eof_error());
                }
                Ok(())
            }
            Inner::BrotliEnc(w) => {
                w.write_all(input)
                    .map_err(|_| zerr("ERR_BROTLI_COMPRESSION_FAILED", "Compression failed"))?;
                match flush {
                    Flush::Finish => {
                        let Inner::BrotliEnc(w) = std::mem::replace(&mut self.inner, Inner::Closed)
                        else {
                            unreachable!()
                        };
                        out.append(&mut w.into_inner());
                        return Ok(());
                    }
                    Flush::Sync | Flush::Full => {
                        w.flush().map_err(|_| {
                            zerr("ERR_BROTLI_COMPRESSION_FAILED", "Compression failed")
                        })?;
                    }
                    Flush::None => {}
                }
                out.append(w.get_mut());
                Ok(())
            }
            Inner::BrotliDec { w, done } => {
                if !*done && !input.is_empty() {
                    w.write_all(input).map_err(|_| brotli_failed())?;
                }
                out.append(w.get_mut());
                if flush == Flush::Finish && !*done {
                    *done = true;
                    let Inner::BrotliDec { w, .. } =
                        std::mem::replace(&mut self.inner, Inner::Closed)
                    else {
                        unreachable!()
                    };
                    match w.into_inner() {
                        Ok(mut v) => out.append(&mut v),
                        Err(_) => return Err(eof_error()),
                    }
                }
                Ok(())
            }
            Inner::Sniffing(_) => Ok(()),
            Inner::Closed => Ok(()),
        }
    }

    /// `zlib.params()`/`reset()`: start over with the same settings.
    pub fn reset(&mut self) {
        *self = ZStream::new(self.kind, self.opts);
    }
}

fn brotli_failed() -> OpError {
    zerr("ERR__ERROR_FORMAT_PADDING_1", "Decompression failed")
}

fn spare(out: &mut Vec<u8>, hint: usize) {
    if out.capacity() - out.len() < 16 * 1024 {
        out.reserve(hint.max(out.len()).clamp(32 * 1024, 64 * 1024 * 1024));
    }
}

fn deflate(
    c: &mut Compress,
    mut input: &[u8],
    flush: Flush,
    out: &mut Vec<u8>,
) -> Result<(), OpError> {
    let f = match flush {
        Flush::None => FlushCompress::None,
        Flush::Sync => FlushCompress::Sync,
        Flush::Full => FlushCompress::Full,
        Flush::Finish => FlushCompress::Finish,
    };
    loop {
        spare(out, input.len() / 2);
        let (in0, out0) = (c.total_in(), c.total_out());
        let status = c
            .compress_vec(input, out, f)
            .map_err(|e| zerr("Z_STREAM_ERROR", e.message().unwrap_or("stream error")))?;
        let consumed = (c.total_in() - in0) as usize;
        let produced = c.total_out() - out0;
        input = &input[consumed..];
        if status == Status::StreamEnd {
            return Ok(());
        }
        let room_left = out.len() < out.capacity();
        if flush != Flush::Finish && input.is_empty() && room_left {
            return Ok(());
        }
        if consumed == 0 && produced == 0 && room_left {
            // BufError: nothing more to do with this input.
            return Ok(());
        }
    }
}

fn inflate(
    d: &mut Box<Decompress>,
    gzip: bool,
    done: &mut bool,
    mut input: &[u8],
    out: &mut Vec<u8>,
) -> Result<(), OpError> {
    while !*done {
        spare(out, input.len().saturating_mul(3));
        let (in0, out0) = (d.total_in(), d.total_out());
        let status = d
            .decompress_vec(input, out, FlushDecompress::None)
            .map_err(|e| data_error(e.message()))?;
        let consumed = (d.total_in() - in0) as usize;
        let produced = d.total_out() - out0;
        input = &input[consumed..];
        if status == Status::StreamEnd {
            // gunzip reads concatenated members, as Node does; other trailing bytes are ignored.
            if gzip && input.len() >= 2 && input[0] == 0x1f && input[1] == 0x8b {
                **d = Decompress::new_gzip(15);
                continue;
            }
            *done = true;
            break;
        }
        let room_left = out.len() < out.capacity();
        if input.is_empty() && room_left {
            break;
        }
        if consumed == 0 && produced == 0 && room_left {
            break;
        }
    }
    Ok(())
}

/// A whole buffer through a fresh stream (`zlib.gzipSync(buf)`).
pub fn process(kind: Kind, opts: Options, input: &[u8]) -> Result<Vec<u8>, OpError> {
    let mut s = ZStream::new(kind, opts);
    let mut out = Vec::new();
    if matches!(
        kind,
        Kind::Inflate | Kind::Gunzip | Kind::InflateRaw | Kind::Unzip
    ) {
        out.reserve(input.len().saturating_mul(3).clamp(1024, 256 * 1024 * 1024));
    }
    let brotli = matches!(kind, Kind::BrotliEncode | Kind::BrotliDecode);
    let flush = match opts.finish_flush {
        None => Flush::Finish,
        Some(n) if brotli => Flush::from_brotli(n),
        Some(n) => Flush::from_zlib(n),
    };
    s.write_into(input, flush, &mut out)?;
    Ok(out)
}

/// `zlib.crc32(data, value)`: CRC-32 (the gzip polynomial), continuing from `value`.
pub fn crc32(data: &[u8], value: u32) -> u32 {
    static TABLE: std::sync::OnceLock<[[u32; 256]; 8]> = std::sync::OnceLock::new();
    let t = TABLE.get_or_init(|| {
        let mut t = [[0u32; 256]; 8];
        for (i, slot) in t[0].iter_mut().enumerate() {
            let mut c = i as u32;
            for _ in 0..8 {
                c = if c & 1 != 0 {
                    0xedb8_8320 ^ (c >> 1)
                } else {
                    c >> 1
                };
            }
            *slot = c;
        }
        for k in 1..8 {
            let (done, rest) = t.split_at_mut(k);
            let (prev, base) = (&done[k - 1], &done[0]);
            for (slot, &p) in rest[0].iter_mut().zip(prev.iter()) {
                *slot = (p >> 8) ^ base[(p & 0xff) as usize];
            }
        }
        t
    });
    let mut c = !value;
    let mut chunks = data.chunks_exact(8);
    for ch in &mut chunks {
        let lo = c ^ u32::from_le_bytes([ch[0], ch[1], ch[2], ch[3]]);
        let hi = u32::from_le_bytes([ch[4], ch[5], ch[6], ch[7]]);
        c = t[7][(lo & 0xff) as usize]
            ^ t[6][((lo >> 8) & 0xff) as usize]
            ^ t[5][((lo >> 16) & 0xff) as usize]
            ^ t[4][(lo >> 24) as usize]
            ^ t[3][(hi & 0xff) as usize]
            ^ t[2][((hi >> 8) & 0xff) as usize]
            ^ t[1][((hi >> 16) & 0xff) as usize]
            ^ t[0][(hi >> 24) as usize];
    }
    for &b in chunks.remainder() {
        c = t[0][((c ^ b as u32) & 0xff) as usize] ^ (c >> 8);
    }
    !c
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gzip_round_trips() {
        let data: Vec<u8> = (0..100_000u32).map(|i| (i % 251) as u8).collect();
        for (c, d) in [
            (Kind::Gzip, Kind::Gunzip),
            (Kind::Deflate, Kind::Inflate),
            (Kind::DeflateRaw, Kind::InflateRaw),
            (Kind::Gzip, Kind::Unzip),
            (Kind::Deflate, Kind::Unzip),
            (Kind::BrotliEncode, Kind::BrotliDecode),
        ] {
            let z = process(c, Options::default(), &data).unwrap();
            assert!(z.len() < data.len());
            assert_eq!(process(d, Options::default(), &z).unwrap(), data, "{c:?}");
        }
    }

    #[test]
    fn crc32_check_value() {
        assert_eq!(crc32(b"123456789", 0), 0xcbf4_3926);
        assert_eq!(crc32(b"56789", crc32(b"1234", 0)), 0xcbf4_3926);
    }

    #[test]
    fn bad_header_is_a_data_error() {
        let e = process(Kind::Gunzip, Options::default(), b"hello world").unwrap_err();
        assert_eq!(e, OpError::code("Z_DATA_ERROR", "incorrect header check"));
    }

    #[test]
    fn truncated_input_is_unexpected_eof() {
        let z = process(Kind::Gzip, Options::default(), b"hello hello hello").unwrap();
        let e = process(Kind::Gunzip, Options::default(), &z[..z.len() - 4]).unwrap_err();
        assert_eq!(e, OpError::code("Z_BUF_ERROR", "unexpected end of file"));
    }
}
