//! `atoll:ops` exports for `node:http` that need no socket: rendering a server response head
//! (ops/http.rs `render_head`) for `ServerResponse.writeHead` (internal/http/server.js).

use super::qjs_patch::JS_NewObjectLike;
use rquickjs::{qjs, Ctx, Result, Value};

use super::bind::OpSink;
use crate::ops::http::{render_head, HeadInput};

pub const HTTP_OP_NAMES: &[&str] = &["op_http_head_fn", "op_object_like_fn"];

/// `objectLike(template, ...values)`: a new object with the template's prototype and own
/// properties (in its order), the first ones holding `values` and the rest the template's
/// values (`JS_NewObjectLike`). node:http makes every request and response this way: adding
/// their fields one at a time rebuilt the same shapes on every request. A raw C function:
/// rquickjs' argument conversion would cost more than the call itself.
unsafe extern "C" fn object_like(
    ctx: *mut qjs::JSContext,
    _this: qjs::JSValue,
    argc: std::ffi::c_int,
    argv: *mut qjs::JSValue,
) -> qjs::JSValue {
    if !(1..=65).contains(&argc) {
        return qjs::JS_ThrowTypeError(
            ctx,
            c"objectLike: a template and at most 64 values".as_ptr(),
        );
    }
    // SAFETY: QuickJS passes `argc` valid arguments; JS_NewObjectLike takes ownership of the
    // new references made here (freeing them itself on failure).
    let args = std::slice::from_raw_parts(argv, argc as usize);
    let mut values = [qjs::JSValue {
        u: qjs::JSValueUnion { int32: 0 },
        tag: 0,
    }; 64];
    for (slot, &v) in values.iter_mut().zip(&args[1..]) {
        *slot = qjs::JS_DupValue(ctx, v);
    }
    JS_NewObjectLike(ctx, args[0], argc - 1, values.as_mut_ptr())
}

/// Where the header-store kind sits in `op_http_head`'s bits (below it: ops/http.rs HEAD_*).
const HEAD_MODE_SHIFT: u32 = 16;

/// Borrowed UTF-8 of JS strings (`JS_ToCStringLen`: for an ASCII string, a pointer into the
/// string itself, no copy), released together when dropped.
struct CStrs {
    ctx: *mut qjs::JSContext,
    ptrs: Vec<*const std::ffi::c_char>,
}

impl Drop for CStrs {
    fn drop(&mut self) {
        for &p in &self.ptrs {
            // SAFETY: each pointer came from JS_ToCStringLen/JS_AtomToCStringLen in this live
            // context and is freed once.
            unsafe { qjs::JS_FreeCString(self.ctx, p) };
        }
    }
}

impl CStrs {
    /// Keep `p` (from a to-C-string call, `len` bytes) alive until drop; `None` on failure.
    ///
    /// SAFETY: `p` is null or a live QuickJS C string of `len` bytes of UTF-8.
    unsafe fn keep(&mut self, p: *const std::ffi::c_char, len: usize) -> Option<Text> {
        if p.is_null() {
            return None;
        }
        self.ptrs.push(p);
        Some(Text::Borrowed(p.cast(), len))
    }

    /// The UTF-8 of a string value.
    ///
    /// SAFETY: `v` is a string value of this live context.
    unsafe fn string(&mut self, v: qjs::JSValue) -> Option<Text> {
        let mut len = 0;
        let p = qjs::JS_ToCStringLen(self.ctx, &mut len, v);
        self.keep(p, len)
    }
}

/// A header name or value: QuickJS-owned UTF-8 kept alive by `CStrs`, or a number's text.
enum Text {
    Borrowed(*const u8, usize),
    Owned(String),
}

impl Text {
    /// SAFETY: a `Borrowed` text's `CStrs` is still alive.
    unsafe fn as_str(&self) -> &str {
        match self {
            // QuickJS wrote valid UTF-8 (lone surrogates as WTF-8, which the header checks
            // then reject as non-Latin-1, as the JS path does).
            Text::Borrowed(p, len) => {
                std::str::from_utf8(std::slice::from_raw_parts(*p, *len)).unwrap_or("\u{fffd}")
            }
            Text::Owned(s) => s,
        }
    }
}

/// A header value the Rust renderer writes as JS would (`${value}`); anything else (`None`) is
/// left to JS.
///
/// SAFETY: `v` is a value of the live context of `keep`.
unsafe fn header_text(keep: &mut CStrs, v: qjs::JSValue) -> Option<Text> {
    match qjs::JS_VALUE_GET_NORM_TAG(v) {
        qjs::JS_TAG_STRING => keep.string(v),
        qjs::JS_TAG_INT => Some(Text::Owned(qjs::JS_VALUE_GET_INT(v).to_string())),
        qjs::JS_TAG_FLOAT64 => {
            let f = qjs::JS_VALUE_GET_FLOAT64(v);
            (f.fract() == 0.0 && f.abs() < 1e15).then(|| Text::Owned(format!("{f}")))
        }
        _ => None,
    }
}

/// The `[name, value]` pairs of a plain header object (`mode` 1) or of the setHeader store
/// `{ lowercased: [name, value] }` (`mode` 2), in for-in order (own enumerable string keys);
/// `Ok(None)` for anything else, an exception from a getter as `Err`. Read through the raw API:
/// rquickjs' property iterator made a Rust String and a wrapped Value per key.
///
/// SAFETY: `headers` is a value of the live context of `keep`.
unsafe fn collect_headers(
    keep: &mut CStrs,
    headers: qjs::JSValue,
    mode: u32,
) -> Result<Option<Vec<(Text, Text)>>> {
    let mut out = Vec::new();
    if qjs::JS_VALUE_GET_NORM_TAG(headers) != qjs::JS_TAG_OBJECT {
        return Ok(Some(out));
    }
    let c = keep.ctx;
    let mut tab: *mut qjs::JSPropertyEnum = std::ptr::null_mut();
    let mut n = 0u32;
    let flags = (qjs::JS_GPN_STRING_MASK | qjs::JS_GPN_ENUM_ONLY) as std::ffi::c_int;
    if qjs::JS_GetOwnPropertyNames(c, &mut tab, &mut n, headers, flags) < 0 {
        return Err(rquickjs::Error::Exception);
    }
    /// Frees a value when it goes out of scope.
    struct Owned(*mut qjs::JSContext, qjs::JSValue);
    impl Drop for Owned {
        fn drop(&mut self) {
            // SAFETY: a new reference taken by this guard in a live context.
            unsafe { qjs::JS_FreeValue(self.0, self.1) };
        }
    }
    let props = std::slice::from_raw_parts(tab, n as usize);
    out.reserve(props.len());
    let mut result = Ok(Some(()));
    for p in props {
        let value = Owned(c, qjs::JS_GetProperty(c, headers, p.atom));
        if qjs::JS_VALUE_GET_NORM_TAG(value.1) == qjs::JS_TAG_EXCEPTION {
            result = Err(rquickjs::Error::Exception);
            break;
        }
        let pair = if mode == 2 {
            if !qjs::JS_IsArray(value.1) {
                result = Ok(None);
                break;
            }
            let name = Owned(c, qjs::JS_GetPropertyUint32(c, value.1, 0));
            let v = Owned(c, qjs::JS_GetPropertyUint32(c, value.1, 1));
            if qjs::JS_VALUE_GET_NORM_TAG(name.1) == qjs::JS_TAG_EXCEPTION
                || qjs::JS_VALUE_GET_NORM_TAG(v.1) == qjs::JS_TAG_EXCEPTION
            {
                result = Err(rquickjs::Error::Exception);
                break;
            }
            if qjs::JS_VALUE_GET_NORM_TAG(name.1) != qjs::JS_TAG_STRING {
                result = Ok(None);
                break;
            }
            keep.string(name.1).zip(header_text(keep, v.1))
        } else {
            let mut len = 0;
            let k = qjs::JS_AtomToCStringLen(c, &mut len, p.atom);
            keep.keep(k, len as usize).zip(header_text(keep, value.1))
        };
        match pair {
            Some(pair) => out.push(pair),
            None => {
                result = Ok(None);
                break;
            }
        }
    }
    qjs::JS_FreePropertyEnum(c, tab, n);
    result.map(|r| r.map(|()| out))
}

/// The message fields `http_head` may set. Their atoms travel in the function's data: the
/// atom strings (which keep the atoms alive as long as the function) and then the atom
/// numbers as ints (read back without a lookup).
const HEAD_FIELDS: [&str; 8] = [
    "_last",
    "chunkedEncoding",
    "shouldKeepAlive",
    "_defaultKeepAlive",
    "_removedConnection",
    "_removedTE",
    "_removedContLen",
    "_contentLength",
];
const F_LAST: usize = 0;
const F_CHUNKED: usize = 1;
const F_KEEP_ALIVE: usize = 2;
const F_DEFAULT_KEEP_ALIVE: usize = 3;
const F_REMOVED_CONNECTION: usize = 4;
const F_REMOVED_TE: usize = 5;
const F_REMOVED_CONT_LEN: usize = 6;
const F_CONTENT_LENGTH: usize = 7;
const N_FIELDS: usize = HEAD_FIELDS.len();

/// `httpHead(res, statusLine, headers, bits | mode << 16, keepAliveTimeout, contentLength)`:
/// the head string with the message's framing fields set on `res`, or undefined for the JS
/// renderer. A raw C function like `object_like` (rquickjs' conversion of six arguments cost
/// more than the rendering).
unsafe extern "C" fn http_head(
    ctx: *mut qjs::JSContext,
    _this: qjs::JSValue,
    argc: std::ffi::c_int,
    argv: *mut qjs::JSValue,
    _magic: std::ffi::c_int,
    data: *mut qjs::JSValue,
) -> qjs::JSValue {
    if argc < 6 {
        return qjs::JS_ThrowTypeError(ctx, c"httpHead: six arguments".as_ptr());
    }
    // SAFETY: QuickJS passes `argc` valid arguments and the function's 2 * N_FIELDS data values.
    let args = std::slice::from_raw_parts(argv, argc as usize);
    let data = std::slice::from_raw_parts(data, 2 * N_FIELDS);
    let (res, line, headers) = (args[0], args[1], args[2]);
    if qjs::JS_VALUE_GET_NORM_TAG(res) != qjs::JS_TAG_OBJECT
        || qjs::JS_VALUE_GET_NORM_TAG(line) != qjs::JS_TAG_STRING
    {
        return qjs::JS_ThrowTypeError(ctx, c"httpHead: a response and a status line".as_ptr());
    }
    let (mut bits, mut keep_alive_timeout) = (0i32, 0f64);
    if qjs::JS_ToInt32(ctx, &mut bits, args[3]) < 0
        || qjs::JS_ToFloat64(ctx, &mut keep_alive_timeout, args[4]) < 0
    {
        return qjs::JS_EXCEPTION;
    }
    let bits = bits as u32;
    let content_length = match qjs::JS_VALUE_GET_NORM_TAG(args[5]) {
        qjs::JS_TAG_INT => Some(f64::from(qjs::JS_VALUE_GET_INT(args[5]))),
        qjs::JS_TAG_FLOAT64 => Some(qjs::JS_VALUE_GET_FLOAT64(args[5])),
        _ => None,
    };
    let mut keep = CStrs {
        ctx,
        ptrs: Vec::with_capacity(4),
    };
    // The texts borrowed from `line` and `headers` live in `keep`, which outlives every use.
    let line = keep.string(line);
    let headers = match collect_headers(&mut keep, headers, bits >> HEAD_MODE_SHIFT) {
        Ok(h) => h,
        Err(_) => return qjs::JS_EXCEPTION,
    };
    let (Some(line), Some(headers)) = (line, headers) else {
        return qjs::JS_UNDEFINED;
    };
    // The usual few headers as a stack array (no allocation), more in a Vec.
    let mut few = [("", ""); 16];
    let many: Vec<(&str, &str)>;
    let pairs: &[(&str, &str)] = if headers.len() <= few.len() {
        for (slot, (k, v)) in few.iter_mut().zip(&headers) {
            *slot = (k.as_str(), v.as_str());
        }
        &few[..headers.len()]
    } else {
        many = headers
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        &many
    };
    let input = HeadInput {
        bits: bits & 0xffff,
        keep_alive_timeout,
        content_length,
    };
    let Some(out) = render_head(line.as_str(), pairs, &input) else {
        return qjs::JS_UNDEFINED;
    };
    drop(headers);
    drop(keep);
    let flag = |b: bool| if b { qjs::JS_TRUE } else { qjs::JS_FALSE };
    let mut sets: [(usize, qjs::JSValue); N_FIELDS] = [(N_FIELDS, qjs::JS_UNDEFINED); N_FIELDS];
    let mut n = 0;
    let mut set = |i: usize, v: qjs::JSValue| {
        sets[n] = (i, v);
        n += 1;
    };
    if let Some(v) = out.last {
        set(F_LAST, flag(v));
    }
    if let Some(v) = out.chunked {
        set(F_CHUNKED, flag(v));
    }
    if let Some(v) = out.keep_alive {
        set(F_KEEP_ALIVE, flag(v));
    }
    if out.custom_keep_alive {
        set(F_DEFAULT_KEEP_ALIVE, qjs::JS_FALSE);
    }
    if out.has_connection {
        set(F_REMOVED_CONNECTION, qjs::JS_FALSE);
    }
    if out.has_te {
        set(F_REMOVED_TE, qjs::JS_FALSE);
    }
    if out.has_content_length {
        set(F_REMOVED_CONT_LEN, qjs::JS_FALSE);
        // (Numbers hold no reference.)
        let n = match out.content_length {
            Some(n) => qjs::JS_NewFloat64(n),
            None => qjs::JS_UNDEFINED,
        };
        set(F_CONTENT_LENGTH, n);
    }
    for &(i, v) in &sets[..n] {
        let atom = qjs::JS_VALUE_GET_INT(data[N_FIELDS + i]) as qjs::JSAtom;
        // JS_SetProperty takes `v` (booleans, numbers and undefined hold no reference).
        if qjs::JS_SetProperty(ctx, res, atom, v) < 0 {
            return qjs::JS_EXCEPTION;
        }
    }
    qjs::JS_NewStringLen(ctx, out.head.as_ptr().cast(), out.head.len() as _)
}

pub(crate) fn register<'js>(ctx: &Ctx<'js>, o: &OpSink<'js>) -> Result<()> {
    // op_object_like_fn() -> objectLike (see `object_like`).
    o.set(
        ctx,
        "op_object_like_fn",
        |ctx: Ctx<'js>| -> Result<Value<'js>> {
            let c = ctx.as_raw().as_ptr();
            // SAFETY: a live context; the result is a new reference owned by the Value, or an
            // exception.
            unsafe {
                let f = qjs::JS_NewCFunction2(
                    c,
                    Some(object_like),
                    c"objectLike".as_ptr(),
                    1,
                    qjs::JSCFunctionEnum_JS_CFUNC_generic,
                    0,
                );
                if qjs::JS_VALUE_GET_NORM_TAG(f) == qjs::JS_TAG_EXCEPTION {
                    return Err(rquickjs::Error::Exception);
                }
                Ok(Value::from_raw(ctx.clone(), f))
            }
        },
    )?;
    // op_http_head_fn() -> httpHead (see `http_head`).
    o.set(
        ctx,
        "op_http_head_fn",
        |ctx: Ctx<'js>| -> Result<Value<'js>> {
            let c = ctx.as_raw().as_ptr();
            // SAFETY: a live context. Each atom made here is handed to its string (whose
            // reference the data array then owns) before the next can fail; the data values
            // are freed on every path, JS_NewCFunctionData having taken its own references.
            unsafe {
                let mut data = [qjs::JS_UNDEFINED; 2 * N_FIELDS];
                let mut made = 0;
                for (i, name) in HEAD_FIELDS.iter().enumerate() {
                    let atom = qjs::JS_NewAtomLen(c, name.as_ptr().cast(), name.len() as _);
                    if atom == qjs::JS_ATOM_NULL {
                        break;
                    }
                    let s = qjs::JS_AtomToString(c, atom);
                    qjs::JS_FreeAtom(c, atom);
                    if qjs::JS_VALUE_GET_NORM_TAG(s) == qjs::JS_TAG_EXCEPTION {
                        break;
                    }
                    data[i] = s;
                    data[N_FIELDS + i] = qjs::JS_MKVAL(qjs::JS_TAG_INT, atom as i32);
                    made += 1;
                }
                let f = if made == N_FIELDS {
                    qjs::JS_NewCFunctionData2(
                        c,
                        Some(http_head),
                        c"httpHead".as_ptr(),
                        6,
                        0,
                        data.len() as _,
                        data.as_mut_ptr(),
                    )
                } else {
                    qjs::JS_EXCEPTION
                };
                for v in &data[..made] {
                    qjs::JS_FreeValue(c, *v);
                }
                if qjs::JS_VALUE_GET_NORM_TAG(f) == qjs::JS_TAG_EXCEPTION {
                    return Err(rquickjs::Error::Exception);
                }
                Ok(Value::from_raw(ctx.clone(), f))
            }
        },
    )
}
