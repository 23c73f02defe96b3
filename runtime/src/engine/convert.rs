//! Owned op values and errors to JS values.

use rquickjs::{qjs, Array, ArrayBuffer, Ctx, Exception, Object, Result, TypedArray, Value};

use super::state;
use crate::ops::{OpError, OpValue};

pub fn to_js<'js>(ctx: &Ctx<'js>, v: OpValue) -> Result<Value<'js>> {
    Ok(match v {
        OpValue::Undefined => Value::new_undefined(ctx.clone()),
        OpValue::Null => Value::new_null(ctx.clone()),
        OpValue::Bool(b) => Value::new_bool(ctx.clone(), b),
        OpValue::Number(n) => Value::new_number(ctx.clone(), n),
        OpValue::String(s) => rquickjs::String::from_str(ctx.clone(), &s)?.into_value(),
        OpValue::Bytes(b) => bytes_to_js(ctx, b)?,
        OpValue::Array(items) => array_to_js(ctx, items)?,
        OpValue::Object(fields) => {
            let obj = Object::new(ctx.clone())?;
            for (k, item) in fields {
                obj.set(k, to_js(ctx, item)?)?;
            }
            obj.into_value()
        }
    })
}

/// An array made in one step from its converted items (`JS_NewArrayFrom`): setting them one at
/// a time costs a property lookup and store each (socket events are arrays of arrays).
fn array_to_js<'js>(ctx: &Ctx<'js>, items: Vec<OpValue>) -> Result<Value<'js>> {
    if std::ffi::c_int::try_from(items.len()).is_err() {
        let arr = Array::new(ctx.clone())?;
        for (i, item) in items.into_iter().enumerate() {
            arr.set(i, to_js(ctx, item)?)?;
        }
        return Ok(arr.into_value());
    }
    let raw = array_to_raw(ctx, items)?;
    // SAFETY: `raw` is a new reference of this context, owned by the Value from here on.
    Ok(unsafe { Value::from_raw(ctx.clone(), raw) })
}

/// `to_js` for array items, as raw QuickJS values (a new reference each): an rquickjs `Value`
/// per item holds a context reference of its own, which cost as much as making the item
/// (socket and HTTP events are arrays of small strings and numbers).
fn to_raw(ctx: &Ctx<'_>, v: OpValue) -> Result<qjs::JSValue> {
    let c = ctx.as_raw().as_ptr();
    Ok(match v {
        OpValue::Undefined => qjs::JS_UNDEFINED,
        OpValue::Null => qjs::JS_NULL,
        OpValue::Bool(b) => {
            if b {
                qjs::JS_TRUE
            } else {
                qjs::JS_FALSE
            }
        }
        // An integral number as an int, as Value::new_number does.
        OpValue::Number(n) if n == f64::from(n as i32) => qjs::JS_MKVAL(qjs::JS_TAG_INT, n as i32),
        OpValue::Number(n) => qjs::JS_NewFloat64(n),
        OpValue::String(s) => {
            // SAFETY: `c` is this call's live context; the bytes are valid UTF-8 for `len`.
            unsafe {
                let raw = qjs::JS_NewStringLen(c, s.as_ptr().cast(), s.len() as _);
                if qjs::JS_VALUE_GET_NORM_TAG(raw) == qjs::JS_TAG_EXCEPTION {
                    return Err(rquickjs::Error::Exception);
                }
                raw
            }
        }
        OpValue::Array(items) if std::ffi::c_int::try_from(items.len()).is_ok() => {
            array_to_raw(ctx, items)?
        }
        other => {
            let v = to_js(ctx, other)?;
            // SAFETY: a reference of its own for the caller; the Value drops its one.
            unsafe { qjs::JS_DupValue(c, v.as_raw()) }
        }
    })
}

fn array_to_raw(ctx: &Ctx<'_>, items: Vec<OpValue>) -> Result<qjs::JSValue> {
    let c = ctx.as_raw().as_ptr();
    let count = items.len();
    let mut raws: Vec<qjs::JSValue> = Vec::with_capacity(count);
    for item in items {
        match to_raw(ctx, item) {
            Ok(v) => raws.push(v),
            Err(e) => {
                for v in raws {
                    // SAFETY: each is a reference this function owns.
                    unsafe { qjs::JS_FreeValue(c, v) };
                }
                return Err(e);
            }
        }
    }
    // SAFETY: JS_NewArrayFrom takes over the references (freeing them on failure); the result
    // is a new reference or an exception. `count` fits a c_int (checked by the callers).
    unsafe {
        let raw = qjs::JS_NewArrayFrom(c, count as _, raws.as_ptr());
        if qjs::JS_VALUE_GET_NORM_TAG(raw) == qjs::JS_TAG_EXCEPTION {
            return Err(rquickjs::Error::Exception);
        }
        Ok(raw)
    }
}

/// Bytes become a `Uint8Array` over a fresh `ArrayBuffer` (JS wraps it in a Buffer if needed).
pub fn bytes_to_js<'js>(ctx: &Ctx<'js>, bytes: Vec<u8>) -> Result<Value<'js>> {
    let buf = ArrayBuffer::new(ctx.clone(), bytes)?;
    Ok(TypedArray::<u8>::from_arraybuffer(buf)?.into_value())
}

/// The bytes a JS value stands for: a string (UTF-8), an ArrayBuffer or any view (honouring its
/// byteOffset and byteLength, never the whole backing buffer).
pub fn bytes_from_js<'js>(ctx: &Ctx<'js>, v: &Value<'js>) -> Result<Vec<u8>> {
    if let Some(s) = v.as_string() {
        return Ok(s.to_string()?.into_bytes());
    }
    if let Some(obj) = v.as_object() {
        let ab = obj.as_array_buffer();
        if ab.is_none() {
            // JS_GetArrayBuffer leaves a TypeError pending for anything that is not an
            // ArrayBuffer; clear it or it surfaces at the next unrelated call.
            let _ = ctx.catch();
        }
        if let Some(ab) = ab {
            // SAFETY: the bytes are copied out before any JS can run and detach the buffer.
            return Ok(unsafe { ab.as_bytes() }
                .map(<[u8]>::to_vec)
                .unwrap_or_default());
        }
        if let Ok(buffer) = obj.get::<_, Object>("buffer") {
            if let Some(ab) = buffer.as_array_buffer() {
                let offset: usize = obj.get("byteOffset")?;
                let len: usize = obj.get("byteLength")?;
                // SAFETY: as above; copied before JS runs again.
                if let Some(all) = unsafe { ab.as_bytes() } {
                    if let Some(slice) = all.get(offset..offset + len) {
                        return Ok(slice.to_vec());
                    }
                }
            }
        }
    }
    Err(Exception::throw_type(
        ctx,
        "expected a string, ArrayBuffer or ArrayBufferView",
    ))
}

/// Throw `err` as a Node-shaped error, built by `internal/errors.js` once bootstrap has
/// registered its factory (before that, a plain Error carrying the same fields).
pub fn throw_op_error(ctx: &Ctx<'_>, err: OpError) -> rquickjs::Error {
    match op_error_to_js(ctx, err) {
        Ok(value) => ctx.throw(value),
        Err(e) => e,
    }
}

pub fn op_error_to_js<'js>(ctx: &Ctx<'js>, err: OpError) -> Result<Value<'js>> {
    let fields = match err {
        OpError::Sys {
            errno,
            code,
            syscall,
            path,
            dest,
        } => OpValue::Object(vec![
            ("kind", "sys".into()),
            ("errno", (errno as f64).into()),
            ("code", code.into()),
            ("syscall", syscall.into()),
            ("path", path.into()),
            ("dest", dest.into()),
        ]),
        OpError::Code { code, message } => OpValue::Object(vec![
            ("kind", "code".into()),
            ("code", code.into()),
            ("message", message.into()),
        ]),
        OpError::AccessDenied {
            permission,
            resource,
            flag,
        } => OpValue::Object(vec![
            ("kind", "access".into()),
            ("permission", permission.into()),
            ("resource", resource.into()),
            ("flag", flag.into()),
        ]),
        OpError::Type(message) => {
            OpValue::Object(vec![("kind", "type".into()), ("message", message.into())])
        }
    };
    let fields = to_js(ctx, fields)?;
    let factory = state(ctx).error_factory.borrow().clone();
    match factory {
        Some(f) => f.restore(ctx)?.call((fields,)),
        None => {
            let obj = fields
                .as_object()
                .cloned()
                .unwrap_or(Object::new(ctx.clone())?);
            let msg = obj
                .get::<_, Option<String>>("message")?
                .or(obj.get::<_, Option<String>>("code")?)
                .unwrap_or_else(|| "error".into());
            let e = Exception::from_message(ctx.clone(), &msg)?;
            for key in ["code", "errno", "syscall", "path"] {
                e.as_object().set(key, obj.get::<_, Value>(key)?)?;
            }
            Ok(e.into_value())
        }
    }
}
