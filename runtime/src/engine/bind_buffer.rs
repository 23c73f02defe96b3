//! node:buffer's string codecs as ops: the JS string's bytes are read in place (QuickJS's
//! UTF-8 view of it, no copy for an ASCII string) and written straight into the target
//! Uint8Array; decoding makes the string from one Rust buffer. The codecs are in
//! `ops::buffer`.

use rquickjs::{qjs, Ctx, Result, Value};

use super::bind::OpSink;
use crate::ops::buffer::{self, Enc};

pub const BUFFER_OP_NAMES: &[&str] = &["op_buf_byte_length", "op_buf_write", "op_buf_decode"];

fn set<'js, F, P>(ctx: &Ctx<'js>, obj: &OpSink<'js>, name: &str, f: F) -> Result<()>
where
    F: rquickjs::function::IntoJsFunc<'js, P> + 'js,
{
    obj.set(ctx, name, f)
}

/// Run `f` over the string's WTF-8 bytes (`JS_ToCStringLen`: a lone surrogate is kept as its
/// own 3-byte sequence, which `ops::buffer` turns into U+FFFD). Non-strings are stringified.
fn with_wtf8<R>(ctx: &Ctx<'_>, s: &Value<'_>, f: impl FnOnce(&[u8]) -> R) -> Result<R> {
    let c = ctx.as_raw().as_ptr();
    let mut len = 0usize;
    // SAFETY: `s` is a live value of this context; the returned C string is freed below and the
    // slice does not outlive it.
    let ptr = unsafe { qjs::JS_ToCStringLen(c, &mut len as *mut usize as _, s.as_raw()) };
    if ptr.is_null() {
        return Err(rquickjs::Error::Exception);
    }
    // SAFETY: QuickJS returned `len` readable bytes at `ptr`.
    let r = f(unsafe { std::slice::from_raw_parts(ptr as *const u8, len) });
    // SAFETY: `ptr` came from JS_ToCStringLen on this context.
    unsafe { qjs::JS_FreeCString(c, ptr) };
    Ok(r)
}

fn enc(ctx: &Ctx<'_>, code: u32) -> Result<Enc> {
    Enc::from_code(code).ok_or_else(|| rquickjs::Exception::throw_range(ctx, "unknown encoding"))
}

/// Byte offset and count within a view of `len` bytes, clamped to it.
fn range(start: f64, end: f64, len: usize) -> (usize, usize) {
    let clamp = |v: f64| {
        if v.is_nan() {
            0
        } else {
            v.clamp(0.0, len as f64) as usize
        }
    };
    let s = clamp(start);
    (s, clamp(end).max(s))
}

pub fn register<'js>(ctx: &Ctx<'js>, o: &OpSink<'js>) -> Result<()> {
    set(
        ctx,
        o,
        "op_buf_byte_length",
        |ctx: Ctx<'js>, s: Value<'js>| with_wtf8(&ctx, &s, |b| buffer::utf8_len(b) as f64),
    )?;
    // (string, view, offset, max, enc) -> bytes written, or undefined when `view` is not a
    // Uint8Array or `string` not a string (the JS codec handles those).
    set(
        ctx,
        o,
        "op_buf_write",
        |ctx: Ctx<'js>,
         s: Value<'js>,
         view: Value<'js>,
         offset: f64,
         max: f64,
         code: u32|
         -> Result<Option<f64>> {
            let e = enc(&ctx, code)?;
            let Some(ta) = view.as_object().and_then(|o| o.as_typed_array::<u8>()) else {
                let _ = ctx.catch();
                return Ok(None);
            };
            let Some(raw) = ta.as_raw() else {
                return Ok(Some(0.0));
            };
            // Strings only: stringifying could run JS (toString) and detach the buffer under
            // the pointer just taken. The JS callers only pass strings.
            if !s.is_string() {
                return Ok(None);
            }
            with_wtf8(&ctx, &s, |src| {
                // SAFETY: the view's bytes stay valid while no JS runs, and none runs here.
                let all = unsafe { &mut *raw.as_ptr() };
                let (from, to) = range(offset, offset + max, all.len());
                let out = &mut all[from..to];
                let n = match e {
                    Enc::Utf8 => buffer::write_utf8(src, out),
                    Enc::Latin1 | Enc::Ascii => buffer::write_latin1(src, out),
                    Enc::Hex => buffer::write_hex(src, out),
                    Enc::Base64 | Enc::Base64Url => buffer::write_base64(src, out),
                };
                Some(n as f64)
            })
        },
    )?;
    // (view, start, end, enc) -> string, or undefined when `view` is not a Uint8Array.
    set(
        ctx,
        o,
        "op_buf_decode",
        |ctx: Ctx<'js>,
         view: Value<'js>,
         start: f64,
         end: f64,
         code: u32|
         -> Result<Option<rquickjs::String<'js>>> {
            let e = enc(&ctx, code)?;
            let Some(ta) = view.as_object().and_then(|o| o.as_typed_array::<u8>()) else {
                let _ = ctx.catch();
                return Ok(None);
            };
            // SAFETY: read before any JS can run and detach the buffer.
            let bytes: &[u8] = unsafe { ta.as_bytes() }.unwrap_or_default();
            let (from, to) = range(start, end, bytes.len());
            let text = buffer::decode(&bytes[from..to], e);
            rquickjs::String::from_str(ctx.clone(), &text).map(Some)
        },
    )?;
    Ok(())
}
