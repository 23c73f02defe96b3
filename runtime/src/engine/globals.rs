//! The lazy globals (`Buffer`, `URL`, `fetch`, ...): each is an accessor on the global object
//! whose native getter loads its built-in on first access and then turns the global into a
//! plain data property (assigning to it does the same with the assigned value). Defined here
//! rather than in bootstrap.js because a runtime that touches none of them should pay next to
//! nothing: one small C function per name, no JS closures, no descriptor objects.

use std::{ffi::c_int, ptr::NonNull};

use rquickjs::{object::Property, qjs, Ctx, Object, Value};

/// (global, built-in module, export; `a.b` reads `b` of export `a`).
const LAZY: &[(&str, &str, &str)] = &[
    ("console", "node:console", "default"),
    ("Buffer", "node:buffer", "Buffer"),
    ("Blob", "node:buffer", "Blob"),
    ("File", "node:buffer", "File"),
    ("atob", "node:buffer", "atob"),
    ("btoa", "node:buffer", "btoa"),
    ("URL", "node:url", "URL"),
    ("URLSearchParams", "node:url", "URLSearchParams"),
    ("TextEncoder", "atoll:internal/web/encoding", "TextEncoder"),
    ("TextDecoder", "atoll:internal/web/encoding", "TextDecoder"),
    (
        "DOMException",
        "atoll:internal/web/dom_exception",
        "DOMException",
    ),
    ("Event", "atoll:internal/web/event_target", "Event"),
    (
        "EventTarget",
        "atoll:internal/web/event_target",
        "EventTarget",
    ),
    (
        "CustomEvent",
        "atoll:internal/web/event_target",
        "CustomEvent",
    ),
    (
        "AbortController",
        "atoll:internal/web/abort",
        "AbortController",
    ),
    ("AbortSignal", "atoll:internal/web/abort", "AbortSignal"),
    (
        "structuredClone",
        "atoll:internal/web/structured_clone",
        "structuredClone",
    ),
    ("performance", "node:perf_hooks", "performance"),
    ("crypto", "atoll:internal/web/crypto", "crypto"),
    ("Crypto", "atoll:internal/web/crypto", "Crypto"),
    ("CryptoKey", "atoll:internal/web/crypto", "CryptoKey"),
    ("SubtleCrypto", "atoll:internal/web/crypto", "SubtleCrypto"),
    (
        "WebAssembly",
        "atoll:internal/web/webassembly",
        "default.WebAssembly",
    ),
    // WHATWG streams and fetch.
    ("ReadableStream", STREAMS, "ReadableStream"),
    (
        "ReadableStreamDefaultReader",
        STREAMS,
        "ReadableStreamDefaultReader",
    ),
    (
        "ReadableStreamBYOBReader",
        STREAMS,
        "ReadableStreamBYOBReader",
    ),
    (
        "ReadableStreamBYOBRequest",
        STREAMS,
        "ReadableStreamBYOBRequest",
    ),
    (
        "ReadableByteStreamController",
        STREAMS,
        "ReadableByteStreamController",
    ),
    (
        "ReadableStreamDefaultController",
        STREAMS,
        "ReadableStreamDefaultController",
    ),
    ("TransformStream", STREAMS, "TransformStream"),
    (
        "TransformStreamDefaultController",
        STREAMS,
        "TransformStreamDefaultController",
    ),
    ("WritableStream", STREAMS, "WritableStream"),
    (
        "WritableStreamDefaultWriter",
        STREAMS,
        "WritableStreamDefaultWriter",
    ),
    (
        "WritableStreamDefaultController",
        STREAMS,
        "WritableStreamDefaultController",
    ),
    (
        "ByteLengthQueuingStrategy",
        STREAMS,
        "ByteLengthQueuingStrategy",
    ),
    ("CountQueuingStrategy", STREAMS, "CountQueuingStrategy"),
    ("TextEncoderStream", STREAMS, "TextEncoderStream"),
    ("TextDecoderStream", STREAMS, "TextDecoderStream"),
    ("CompressionStream", STREAMS, "CompressionStream"),
    ("DecompressionStream", STREAMS, "DecompressionStream"),
    ("fetch", FETCH, "fetch"),
    ("Request", FETCH, "Request"),
    ("Response", FETCH, "Response"),
    ("Headers", FETCH, "Headers"),
    ("FormData", FETCH, "FormData"),
];
const STREAMS: &str = "atoll:internal/web/streams";
const FETCH: &str = "atoll:internal/web/fetch";

/// Define every lazy global on `ctx`'s global object (configurable, not enumerable).
pub(crate) fn install(ctx: &Ctx<'_>) -> rquickjs::Result<()> {
    let c = ctx.as_raw().as_ptr();
    let global = ctx.globals();
    for (i, (name, _, _)) in LAZY.iter().enumerate() {
        // SAFETY: `c` is this context, locked by `ctx`. The function is a fresh value; the
        // getter and setter slots each own one reference (JS_DefinePropertyGetSet takes them).
        // The atom is freed after use.
        let ok = unsafe {
            // One function serves as getter and setter (it tells them apart by argc): half the
            // start-up cost of two.
            let f =
                qjs::JS_NewCFunctionData(c, Some(access), 0, i as c_int, 0, std::ptr::null_mut());
            let atom = qjs::JS_NewAtomLen(c, name.as_ptr().cast(), name.len() as _);
            let r = qjs::JS_DefinePropertyGetSet(
                c,
                global.as_raw(),
                atom,
                qjs::JS_DupValue(c, f),
                f,
                qjs::JS_PROP_CONFIGURABLE as c_int,
            );
            qjs::JS_FreeAtom(c, atom);
            r
        };
        if ok < 0 {
            return Err(rquickjs::Error::Exception);
        }
    }
    Ok(())
}

/// Getter (no argument: load the export) and setter (one: the new value) of lazy global
/// `LAZY[magic]`; either way the global becomes a writable data property holding the value.
unsafe extern "C" fn access(
    c: *mut qjs::JSContext,
    _this: qjs::JSValue,
    argc: c_int,
    argv: *mut qjs::JSValue,
    magic: c_int,
    _data: *mut qjs::JSValue,
) -> qjs::JSValue {
    let Some(c) = NonNull::new(c) else {
        return qjs::JS_EXCEPTION;
    };
    // SAFETY: QuickJS calls this with its live, locked context.
    let ctx = unsafe { Ctx::from_raw(c) };
    let Some(&(name, module, export)) = usize::try_from(magic).ok().and_then(|i| LAZY.get(i))
    else {
        return qjs::JS_UNDEFINED;
    };
    let value = if argc == 0 {
        match load(&ctx, module, export) {
            Ok(v) => v,
            Err(e) => return throw(&ctx, e),
        }
    } else {
        // SAFETY: argv holds argc (>= 1) values borrowed for this call; the dup makes one ours.
        unsafe { Value::from_raw(ctx.clone(), qjs::JS_DupValue(c.as_ptr(), *argv)) }
    };
    let prop = Property::from(value.clone()).writable().configurable();
    if let Err(e) = ctx.globals().prop(name, prop) {
        return throw(&ctx, e);
    }
    if argc == 0 {
        // SAFETY: the returned value is a new reference the caller owns.
        unsafe { qjs::JS_DupValue(c.as_ptr(), value.as_raw()) }
    } else {
        qjs::JS_UNDEFINED
    }
}

fn load<'js>(ctx: &Ctx<'js>, module: &str, export: &str) -> rquickjs::Result<Value<'js>> {
    let mut value: Value = super::require_builtin(ctx, module)?.into_value();
    for key in export.split('.') {
        let object: Object = value.get()?;
        value = object.get(key)?;
    }
    Ok(value)
}

/// Turn a failed load into a pending JS exception (a JS error from the module is already one).
fn throw(ctx: &Ctx<'_>, e: rquickjs::Error) -> qjs::JSValue {
    if !matches!(e, rquickjs::Error::Exception) {
        let _ = rquickjs::Exception::throw_internal(ctx, &e.to_string());
    }
    qjs::JS_EXCEPTION
}
