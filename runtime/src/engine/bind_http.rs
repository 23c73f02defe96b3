//! `atoll:ops` exports for `node:http` that need no socket: rendering a server response head
//! (ops/http.rs `render_head`) for `ServerResponse.writeHead` (internal/http/server.js).

use rquickjs::{qjs, Ctx, Object, Result, Value};

use super::bind::OpSink;
use crate::ops::http::{render_head, HeadInput};

pub const HTTP_OP_NAMES: &[&str] = &["op_http_head", "op_object_like_fn"];

// The object-layout patch in vendor/rquickjs-sys (not in the generated bindings).
extern "C" {
    fn JS_NewObjectLike(
        ctx: *mut qjs::JSContext,
        template: qjs::JSValue,
        count: std::ffi::c_int,
        values: *mut qjs::JSValue,
    ) -> qjs::JSValue;
}

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

/// Header values the Rust renderer writes as JS would (`${value}`); anything else is left to JS.
fn header_text(v: &Value<'_>) -> Option<String> {
    if let Some(s) = v.as_string() {
        return s.to_string().ok();
    }
    if let Some(n) = v.as_int() {
        return Some(n.to_string());
    }
    match v.as_float() {
        Some(f) if f.fract() == 0.0 && f.abs() < 1e15 => Some(format!("{f}")),
        _ => None,
    }
}

/// The `[name, value]` pairs of a plain header object (`mode` 1) or of the setHeader store
/// `{ lowercased: [name, value] }` (`mode` 2), in for-in order; `None` for anything else.
fn collect_headers<'js>(headers: &Value<'js>, mode: u32) -> Option<Vec<(String, String)>> {
    let Some(obj) = headers.as_object() else {
        return Some(Vec::new());
    };
    let mut out = Vec::new();
    for prop in obj.props::<String, Value>() {
        let (key, value) = prop.ok()?;
        if mode == 2 {
            let pair = value.as_array()?;
            let name: Value = pair.get(0).ok()?;
            let value: Value = pair.get(1).ok()?;
            out.push((name.as_string()?.to_string().ok()?, header_text(&value)?));
        } else {
            out.push((key, header_text(&value)?));
        }
    }
    Some(out)
}

/// The message fields `op_http_head` may set, as atoms made once (an rquickjs `set` with a
/// `&str` key makes the atom on every call), released through the runtime when the op
/// function is finalized.
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

struct HeadFields {
    rt: *mut qjs::JSRuntime,
    atoms: [qjs::JSAtom; 8],
}

impl Drop for HeadFields {
    fn drop(&mut self) {
        for &a in &self.atoms {
            // SAFETY: each atom was made by `new` in this runtime, which outlives the function
            // it finalizes; atoms are released exactly once.
            unsafe { qjs::JS_FreeAtomRT(self.rt, a) };
        }
    }
}

impl HeadFields {
    fn new(ctx: &Ctx<'_>) -> Result<HeadFields> {
        let c = ctx.as_raw().as_ptr();
        // SAFETY: a live context. On failure the atoms made so far are released by `Drop`
        // (freeing JS_ATOM_NULL, a constant atom, does nothing).
        unsafe {
            let mut f = HeadFields {
                rt: qjs::JS_GetRuntime(c),
                atoms: [qjs::JS_ATOM_NULL; 8],
            };
            for (slot, name) in f.atoms.iter_mut().zip(HEAD_FIELDS) {
                *slot = qjs::JS_NewAtomLen(c, name.as_ptr().cast(), name.len() as _);
                if *slot == qjs::JS_ATOM_NULL {
                    return Err(rquickjs::Error::Exception);
                }
            }
            Ok(f)
        }
    }

    /// `obj[HEAD_FIELDS[i]] = value` (the value's reference is taken).
    fn set<'js>(
        &self,
        ctx: &Ctx<'js>,
        obj: &Object<'js>,
        i: usize,
        value: qjs::JSValue,
    ) -> Result<()> {
        // SAFETY: `obj` belongs to this live context; JS_SetProperty takes ownership of `value`.
        let r = unsafe {
            qjs::JS_SetProperty(ctx.as_raw().as_ptr(), obj.as_raw(), self.atoms[i], value)
        };
        if r < 0 {
            return Err(rquickjs::Error::Exception);
        }
        Ok(())
    }
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
    // op_http_head(res, statusLine, headers, bits | mode << 16, keepAliveTimeout, contentLength):
    // the head string with the message's framing fields set on `res`, or undefined for
    // the JS renderer.
    let fields = HeadFields::new(ctx)?;
    o.set(
        ctx,
        "op_http_head",
        move |ctx: Ctx<'js>,
              res: Object<'js>,
              line: String,
              headers: Value<'js>,
              bits: u32,
              keep_alive_timeout: f64,
              content_length: Value<'js>|
              -> Result<Value<'js>> {
            let undefined = Value::new_undefined(ctx.clone());
            let Some(headers) = collect_headers(&headers, bits >> HEAD_MODE_SHIFT) else {
                return Ok(undefined);
            };
            let input = HeadInput {
                bits: bits & 0xffff,
                keep_alive_timeout,
                content_length: content_length.as_number(),
            };
            let Some(out) = render_head(&line, &headers, &input) else {
                return Ok(undefined);
            };
            let flag = |b: bool| if b { qjs::JS_TRUE } else { qjs::JS_FALSE };
            if let Some(v) = out.last {
                fields.set(&ctx, &res, F_LAST, flag(v))?;
            }
            if let Some(v) = out.chunked {
                fields.set(&ctx, &res, F_CHUNKED, flag(v))?;
            }
            if let Some(v) = out.keep_alive {
                fields.set(&ctx, &res, F_KEEP_ALIVE, flag(v))?;
            }
            if out.custom_keep_alive {
                fields.set(&ctx, &res, F_DEFAULT_KEEP_ALIVE, qjs::JS_FALSE)?;
            }
            if out.has_connection {
                fields.set(&ctx, &res, F_REMOVED_CONNECTION, qjs::JS_FALSE)?;
            }
            if out.has_te {
                fields.set(&ctx, &res, F_REMOVED_TE, qjs::JS_FALSE)?;
            }
            if out.has_content_length {
                fields.set(&ctx, &res, F_REMOVED_CONT_LEN, qjs::JS_FALSE)?;
                // (Numbers hold no reference.)
                let n = match out.content_length {
                    Some(n) => Value::new_number(ctx.clone(), n).as_raw(),
                    None => qjs::JS_UNDEFINED,
                };
                fields.set(&ctx, &res, F_CONTENT_LENGTH, n)?;
            }
            let head = rquickjs::String::from_str(ctx.clone(), &out.head)?;
            Ok(head.into_value())
        },
    )
}
