//! `atoll:ops` exports for `node:crypto`, WebCrypto and `node:zlib`. Hashes, HMACs, ciphers
//! and zlib streams live in per-runtime handle tables (context userdata); JS holds their ids.
//! Bytes are read straight out of a `Uint8Array` without a copy where the op allows it; heavy
//! async forms (pbkdf2, scrypt, zlib callbacks) copy their input and run on the blocking pool.

use std::{cell::RefCell, rc::Rc};

use rquickjs::{function::Opt, Array, Ctx, JsLifetime, Result, Value};

use super::bind::OpSink;
use super::{convert, spawn_op};
use crate::ops::{
    crypto::{self, CipherState, CryptoState, Handles, HashAlg, Hasher, HmacState},
    zlib::{self, Flush, Kind, ZStream},
    OpError, OpValue,
};

/// Every export this module adds to `atoll:ops`.
pub const CRYPTO_OP_NAMES: &[&str] = &[
    "op_crypto_random_fill",
    "op_crypto_random_bytes",
    "op_crypto_hash_new",
    "op_crypto_hash_update",
    "op_crypto_hash_digest",
    "op_crypto_hash_copy",
    "op_crypto_hash_free",
    "op_crypto_hash_oneshot",
    "op_crypto_hash_list",
    "op_crypto_hmac_new",
    "op_crypto_hmac_update",
    "op_crypto_hmac_digest",
    "op_crypto_hmac_free",
    "op_crypto_hmac_oneshot",
    "op_crypto_pbkdf2",
    "op_crypto_pbkdf2_sync",
    "op_crypto_scrypt",
    "op_crypto_scrypt_sync",
    "op_crypto_hkdf",
    "op_crypto_hkdf_sync",
    "op_crypto_timing_safe_equal",
    "op_crypto_cipher_info",
    "op_crypto_cipher_list",
    "op_crypto_cipher_new",
    "op_crypto_cipher_update",
    "op_crypto_cipher_final",
    "op_crypto_cipher_set_aad",
    "op_crypto_cipher_set_auth_tag",
    "op_crypto_cipher_set_auto_padding",
    "op_crypto_cipher_auth_tag",
    "op_crypto_cipher_free",
    "op_crypto_aes_gcm",
    "op_crypto_ed25519_generate",
    "op_crypto_ed25519_public",
    "op_crypto_ed25519_sign",
    "op_crypto_ed25519_verify",
    "op_crypto_p256_generate",
    "op_crypto_p256_public",
    "op_crypto_p256_sign",
    "op_crypto_p256_verify",
    "op_zlib_process",
    "op_zlib_process_sync",
    "op_zlib_new",
    "op_zlib_write",
    "op_zlib_reset",
    "op_zlib_free",
    "op_zlib_crc32",
];

/// The per-runtime tables.
#[derive(Default)]
struct Tables {
    crypto: CryptoState,
    zlib: Handles<ZStream>,
}

#[derive(Clone)]
struct TablesHandle(Rc<RefCell<Tables>>);

// SAFETY: holds no JS values, so nothing borrows the context's lifetime.
unsafe impl<'js> JsLifetime<'js> for TablesHandle {
    type Changed<'to> = TablesHandle;
}

/// This runtime's hash/cipher/zlib handles, made on first use (ops are made lazily, so no one
/// `register` call may own them).
fn tables(ctx: &Ctx<'_>) -> Rc<RefCell<Tables>> {
    if let Some(h) = ctx.userdata::<TablesHandle>() {
        return h.0.clone();
    }
    let h = TablesHandle(Rc::default());
    let _ = ctx.store_userdata(h.clone());
    h.0
}

/// A handle id from JS (see `Handles`).
fn hid(id: f64) -> u64 {
    id as u64
}

fn throw<T>(ctx: &Ctx<'_>, r: std::result::Result<T, OpError>) -> Result<T> {
    r.map_err(|e| convert::throw_op_error(ctx, e))
}

fn set<'js, F, P>(ctx: &Ctx<'js>, obj: &OpSink<'js>, name: &str, f: F) -> Result<()>
where
    F: rquickjs::function::IntoJsFunc<'js, P> + 'js,
{
    obj.set(ctx, name, f)
}

/// Run `f` over the bytes `v` stands for, borrowing a `Uint8Array`'s or `ArrayBuffer`'s memory
/// in place (honouring byteOffset/byteLength); other views and strings are copied first.
fn with_bytes<'js, R>(ctx: &Ctx<'js>, v: &Value<'js>, f: impl FnOnce(&[u8]) -> R) -> Result<R> {
    if let Some(obj) = v.as_object() {
        if let Some(ta) = obj.as_typed_array::<u8>() {
            // SAFETY: `f` is plain Rust: no JS runs (and so nothing can detach or resize the
            // buffer) while the slice is borrowed.
            if let Some(b) = unsafe { ta.as_bytes() } {
                return Ok(f(b));
            }
        } else if let Some(ab) = obj.as_array_buffer() {
            // SAFETY: as above.
            if let Some(b) = unsafe { ab.as_bytes() } {
                return Ok(f(b));
            }
        }
    }
    if v.is_undefined() || v.is_null() {
        return Ok(f(&[]));
    }
    if let Some(s) = v.as_string() {
        let s = s.to_string()?;
        return Ok(f(s.as_bytes()));
    }
    let owned = convert::bytes_from_js(ctx, v)?;
    Ok(f(&owned))
}

fn bytes<'js>(ctx: &Ctx<'js>, v: &Value<'js>) -> Result<Vec<u8>> {
    with_bytes(ctx, v, <[u8]>::to_vec)
}

fn out<'js>(ctx: &Ctx<'js>, b: Vec<u8>) -> Result<Value<'js>> {
    convert::bytes_to_js(ctx, b)
}

/// A digest as bytes, or (for `digest('hex')`) as a hex string made here.
fn digest_out<'js>(ctx: &Ctx<'js>, d: Vec<u8>, hex: bool) -> Result<Value<'js>> {
    if !hex {
        return out(ctx, d);
    }
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let s: String = d
        .iter()
        .flat_map(|b| {
            [
                DIGITS[(b >> 4) as usize] as char,
                DIGITS[(b & 15) as usize] as char,
            ]
        })
        .collect();
    Ok(rquickjs::String::from_str(ctx.clone(), &s)?.into_value())
}

fn hash_alg(ctx: &Ctx<'_>, name: &str) -> Result<HashAlg> {
    HashAlg::from_name(name).ok_or_else(|| {
        convert::throw_op_error(
            ctx,
            OpError::code(
                "ERR_CRYPTO_INVALID_DIGEST",
                format!("Invalid digest: {name}"),
            ),
        )
    })
}

fn gone(what: &str) -> OpError {
    OpError::code(
        "ERR_CRYPTO_INVALID_STATE",
        format!("{what} is no longer usable"),
    )
}

/// Run `work` on tokio's blocking pool; the promise resolves with its bytes.
fn blocking<'js, F>(ctx: &Ctx<'js>, work: F) -> Result<rquickjs::Promise<'js>>
where
    F: FnOnce() -> std::result::Result<Vec<u8>, OpError> + Send + 'static,
{
    spawn_op(ctx, async move {
        match tokio::task::spawn_blocking(work).await {
            Ok(r) => r.map(OpValue::Bytes),
            Err(e) => Err(OpError::code("ERR_OPERATION_FAILED", e.to_string())),
        }
    })
}

fn zlib_opts(o: &[f64]) -> zlib::Options {
    let d = zlib::Options::default();
    let get = |i: usize| o.get(i).copied().filter(|v| v.is_finite());
    zlib::Options {
        level: get(0).map_or(d.level, |v| v as i32),
        window_bits: get(1).map_or(d.window_bits, |v| v as u8),
        quality: get(2).map_or(d.quality, |v| v as u32),
        lgwin: get(3).map_or(d.lgwin, |v| v as u32),
        finish_flush: get(4).map(|v| v as i32),
    }
}

fn zlib_kind(ctx: &Ctx<'_>, name: &str) -> Result<Kind> {
    Kind::from_name(name).ok_or_else(|| {
        convert::throw_op_error(
            ctx,
            OpError::code("ERR_INVALID_ARG_VALUE", format!("unknown zlib mode {name}")),
        )
    })
}

pub(crate) fn register<'js>(ctx: &Ctx<'js>, o: &OpSink<'js>) -> Result<()> {
    register_random_and_hashes(ctx, o)?;
    register_kdfs(ctx, o)?;
    register_ciphers(ctx, o)?;
    register_signatures(ctx, o)?;
    register_zlib(ctx, o)?;
    Ok(())
}

fn register_random_and_hashes<'js>(ctx: &Ctx<'js>, o: &OpSink<'js>) -> Result<()> {
    // randomFillSync / getRandomValues: fills a Uint8Array in place.
    set(
        ctx,
        o,
        "op_crypto_random_fill",
        |ctx: Ctx<'js>, view: Value<'js>| -> Result<()> {
            let Some(ta) = view.as_object().and_then(|o| o.as_typed_array::<u8>()) else {
                return Err(rquickjs::Exception::throw_type(
                    &ctx,
                    "expected a Uint8Array",
                ));
            };
            if let Some(raw) = ta.as_raw() {
                // SAFETY: the pointer is valid for the view's length until JS runs again, and no
                // JS runs while it is filled.
                let slice = unsafe { &mut *raw.as_ptr() };
                throw(&ctx, crypto::random_fill(slice))?;
            }
            Ok(())
        },
    )?;
    set(ctx, o, "op_crypto_random_bytes", |ctx: Ctx<'js>, n: f64| {
        let n = n.max(0.0) as usize;
        blocking(&ctx, move || crypto::random_bytes(n))
    })?;
    set(
        ctx,
        o,
        "op_crypto_hash_new",
        |ctx: Ctx<'js>, name: String| -> f64 {
            match HashAlg::from_name(&name) {
                Some(alg) => tables(&ctx)
                    .borrow_mut()
                    .crypto
                    .hashes
                    .insert(Hasher::new(alg)) as f64,
                None => 0.0,
            }
        },
    )?;
    set(
        ctx,
        o,
        "op_crypto_hash_update",
        |ctx: Ctx<'js>, id: f64, data: Value<'js>| -> Result<()> {
            let t = tables(&ctx);
            let mut t = t.borrow_mut();
            let Some(h) = t.crypto.hashes.get_mut(hid(id)) else {
                return throw(&ctx, Err(gone("Hash")));
            };
            with_bytes(&ctx, &data, |b| h.update(b))
        },
    )?;
    set(
        ctx,
        o,
        "op_crypto_hash_digest",
        |ctx: Ctx<'js>, id: f64, hex: Opt<bool>| -> Result<Value<'js>> {
            let h = tables(&ctx).borrow_mut().crypto.hashes.remove(hid(id));
            match h {
                Some(h) => digest_out(&ctx, h.finish(), hex.0.unwrap_or(false)),
                None => throw(&ctx, Err(gone("Hash"))),
            }
        },
    )?;
    set(
        ctx,
        o,
        "op_crypto_hash_copy",
        |ctx: Ctx<'js>, id: f64| -> Result<f64> {
            let t = tables(&ctx);
            let mut t = t.borrow_mut();
            let Some(h) = t.crypto.hashes.get(hid(id)).cloned() else {
                return throw(&ctx, Err(gone("Hash")));
            };
            Ok(t.crypto.hashes.insert(h) as f64)
        },
    )?;
    set(ctx, o, "op_crypto_hash_free", |ctx: Ctx<'js>, id: f64| {
        tables(&ctx).borrow_mut().crypto.hashes.remove(hid(id));
    })?;
    set(
        ctx,
        o,
        "op_crypto_hash_oneshot",
        |ctx: Ctx<'js>, name: String, data: Value<'js>| -> Result<Value<'js>> {
            let alg = hash_alg(&ctx, &name)?;
            let d = with_bytes(&ctx, &data, |b| crypto::digest(alg, b))?;
            out(&ctx, d)
        },
    )?;
    set(ctx, o, "op_crypto_hash_list", || {
        crypto::HASH_NAMES
            .iter()
            .map(|s| s.to_string())
            .collect::<Vec<_>>()
    })?;
    set(
        ctx,
        o,
        "op_crypto_hmac_new",
        |ctx: Ctx<'js>, name: String, key: Value<'js>| -> Result<f64> {
            let Some(alg) = HashAlg::from_name(&name) else {
                return Ok(0.0);
            };
            let h = with_bytes(&ctx, &key, |k| HmacState::new(alg, k))?;
            Ok(tables(&ctx).borrow_mut().crypto.hmacs.insert(h) as f64)
        },
    )?;
    set(
        ctx,
        o,
        "op_crypto_hmac_update",
        |ctx: Ctx<'js>, id: f64, data: Value<'js>| -> Result<()> {
            let t = tables(&ctx);
            let mut t = t.borrow_mut();
            let Some(h) = t.crypto.hmacs.get_mut(hid(id)) else {
                return throw(&ctx, Err(gone("Hmac")));
            };
            with_bytes(&ctx, &data, |b| h.update(b))
        },
    )?;
    set(
        ctx,
        o,
        "op_crypto_hmac_digest",
        |ctx: Ctx<'js>, id: f64, hex: Opt<bool>| -> Result<Value<'js>> {
            let h = tables(&ctx).borrow_mut().crypto.hmacs.remove(hid(id));
            match h {
                Some(h) => digest_out(&ctx, h.finish(), hex.0.unwrap_or(false)),
                None => throw(&ctx, Err(gone("Hmac"))),
            }
        },
    )?;
    set(ctx, o, "op_crypto_hmac_free", |ctx: Ctx<'js>, id: f64| {
        tables(&ctx).borrow_mut().crypto.hmacs.remove(hid(id));
    })?;
    set(
        ctx,
        o,
        "op_crypto_hmac_oneshot",
        |ctx: Ctx<'js>, name: String, key: Value<'js>, data: Value<'js>| -> Result<Value<'js>> {
            let alg = hash_alg(&ctx, &name)?;
            let key = bytes(&ctx, &key)?;
            let mac = with_bytes(&ctx, &data, |d| crypto::hmac(alg, &key, d))?;
            out(&ctx, mac)
        },
    )?;
    set(
        ctx,
        o,
        "op_crypto_timing_safe_equal",
        |ctx: Ctx<'js>, a: Value<'js>, b: Value<'js>| -> Result<bool> {
            let a = bytes(&ctx, &a)?;
            with_bytes(&ctx, &b, |b| crypto::timing_safe_equal(&a, b))
        },
    )?;
    Ok(())
}

fn register_kdfs<'js>(ctx: &Ctx<'js>, o: &OpSink<'js>) -> Result<()> {
    set(
        ctx,
        o,
        "op_crypto_pbkdf2_sync",
        |ctx: Ctx<'js>,
         name: String,
         pw: Value<'js>,
         salt: Value<'js>,
         iter: f64,
         keylen: f64|
         -> Result<Value<'js>> {
            let alg = hash_alg(&ctx, &name)?;
            let salt = bytes(&ctx, &salt)?;
            let key = with_bytes(&ctx, &pw, |p| {
                crypto::pbkdf2(alg, p, &salt, iter as u32, keylen as usize)
            })?;
            out(&ctx, key)
        },
    )?;
    set(
        ctx,
        o,
        "op_crypto_pbkdf2",
        |ctx: Ctx<'js>, name: String, pw: Value<'js>, salt: Value<'js>, iter: f64, keylen: f64| {
            let alg = hash_alg(&ctx, &name)?;
            let (pw, salt) = (bytes(&ctx, &pw)?, bytes(&ctx, &salt)?);
            blocking(&ctx, move || {
                Ok(crypto::pbkdf2(
                    alg,
                    &pw,
                    &salt,
                    iter as u32,
                    keylen as usize,
                ))
            })
        },
    )?;
    // params: [N, r, p, maxmem]
    set(
        ctx,
        o,
        "op_crypto_scrypt_sync",
        |ctx: Ctx<'js>,
         pw: Value<'js>,
         salt: Value<'js>,
         keylen: f64,
         params: Vec<f64>|
         -> Result<Value<'js>> {
            let (pw, salt) = (bytes(&ctx, &pw)?, bytes(&ctx, &salt)?);
            let key = throw(&ctx, scrypt_with(&pw, &salt, keylen, &params))?;
            out(&ctx, key)
        },
    )?;
    set(
        ctx,
        o,
        "op_crypto_scrypt",
        |ctx: Ctx<'js>, pw: Value<'js>, salt: Value<'js>, keylen: f64, params: Vec<f64>| {
            let (pw, salt) = (bytes(&ctx, &pw)?, bytes(&ctx, &salt)?);
            blocking(&ctx, move || scrypt_with(&pw, &salt, keylen, &params))
        },
    )?;
    set(
        ctx,
        o,
        "op_crypto_hkdf_sync",
        |ctx: Ctx<'js>,
         name: String,
         ikm: Value<'js>,
         salt: Value<'js>,
         info: Value<'js>,
         keylen: f64|
         -> Result<Value<'js>> {
            let alg = hash_alg(&ctx, &name)?;
            let (ikm, salt, info) = (bytes(&ctx, &ikm)?, bytes(&ctx, &salt)?, bytes(&ctx, &info)?);
            let key = throw(&ctx, crypto::hkdf(alg, &ikm, &salt, &info, keylen as usize))?;
            out(&ctx, key)
        },
    )?;
    set(
        ctx,
        o,
        "op_crypto_hkdf",
        |ctx: Ctx<'js>,
         name: String,
         ikm: Value<'js>,
         salt: Value<'js>,
         info: Value<'js>,
         keylen: f64| {
            let alg = hash_alg(&ctx, &name)?;
            let (ikm, salt, info) = (bytes(&ctx, &ikm)?, bytes(&ctx, &salt)?, bytes(&ctx, &info)?);
            blocking(&ctx, move || {
                crypto::hkdf(alg, &ikm, &salt, &info, keylen as usize)
            })
        },
    )?;
    Ok(())
}

fn scrypt_with(
    pw: &[u8],
    salt: &[u8],
    keylen: f64,
    params: &[f64],
) -> std::result::Result<Vec<u8>, OpError> {
    let p = |i: usize, d: f64| params.get(i).copied().unwrap_or(d);
    crypto::scrypt(
        pw,
        salt,
        p(0, 16384.0) as u64,
        p(1, 8.0) as u32,
        p(2, 1.0) as u32,
        p(3, 32.0 * 1024.0 * 1024.0) as u64,
        keylen as usize,
    )
}

fn register_ciphers<'js>(ctx: &Ctx<'js>, o: &OpSink<'js>) -> Result<()> {
    set(
        ctx,
        o,
        "op_crypto_cipher_info",
        |ctx: Ctx<'js>, name: String| -> Result<Value<'js>> {
            let Some(info) = crypto::cipher_info(&name) else {
                return Ok(Value::new_undefined(ctx.clone()));
            };
            let mode = match info.mode {
                crypto::Mode::Cbc => "cbc",
                crypto::Mode::Ctr => "ctr",
                crypto::Mode::Gcm => "gcm",
                crypto::Mode::Ecb => "ecb",
            };
            let mut fields = vec![
                ("name", info.name.into()),
                ("nid", (info.nid as f64).into()),
                ("blockSize", (info.block_size as f64).into()),
                ("keyLength", (info.key_len as f64).into()),
                ("mode", mode.into()),
            ];
            if info.iv_len > 0 {
                fields.push(("ivLength", (info.iv_len as f64).into()));
            }
            convert::to_js(&ctx, OpValue::Object(fields))
        },
    )?;
    set(ctx, o, "op_crypto_cipher_list", || {
        crypto::CIPHERS
            .iter()
            .map(|c| c.name.to_string())
            .collect::<Vec<_>>()
    })?;
    set(
        ctx,
        o,
        "op_crypto_cipher_new",
        |ctx: Ctx<'js>,
         name: String,
         key: Value<'js>,
         iv: Value<'js>,
         encrypt: bool,
         tag_len: f64|
         -> Result<f64> {
            let Some(info) = crypto::cipher_info(&name) else {
                return throw(
                    &ctx,
                    Err(OpError::code("ERR_CRYPTO_UNKNOWN_CIPHER", "Unknown cipher")),
                );
            };
            let key = bytes(&ctx, &key)?;
            let iv = bytes(&ctx, &iv)?;
            let st = throw(
                &ctx,
                CipherState::new(&info, &key, &iv, encrypt, tag_len as usize),
            )?;
            Ok(tables(&ctx).borrow_mut().crypto.ciphers.insert(st) as f64)
        },
    )?;
    set(
        ctx,
        o,
        "op_crypto_cipher_update",
        |ctx: Ctx<'js>, id: f64, data: Value<'js>| -> Result<Value<'js>> {
            let t = tables(&ctx);
            let r = {
                let mut t = t.borrow_mut();
                let Some(c) = t.crypto.ciphers.get_mut(hid(id)) else {
                    return throw(&ctx, Err(gone("Cipher")));
                };
                with_bytes(&ctx, &data, |b| c.update(b))?
            };
            out(&ctx, r)
        },
    )?;
    set(
        ctx,
        o,
        "op_crypto_cipher_final",
        |ctx: Ctx<'js>, id: f64| -> Result<Value<'js>> {
            let t = tables(&ctx);
            let r = match t.borrow_mut().crypto.ciphers.get_mut(hid(id)) {
                Some(c) => c.finish(),
                None => Err(gone("Cipher")),
            };
            let r = throw(&ctx, r)?;
            out(&ctx, r)
        },
    )?;
    set(
        ctx,
        o,
        "op_crypto_cipher_set_aad",
        |ctx: Ctx<'js>, id: f64, aad: Value<'js>| -> Result<()> {
            let aad = bytes(&ctx, &aad)?;
            let r = match tables(&ctx).borrow_mut().crypto.ciphers.get_mut(hid(id)) {
                Some(c) => c.set_aad(&aad),
                None => Err(gone("Cipher")),
            };
            throw(&ctx, r)
        },
    )?;
    set(
        ctx,
        o,
        "op_crypto_cipher_set_auth_tag",
        |ctx: Ctx<'js>, id: f64, tag: Value<'js>| -> Result<()> {
            let tag = bytes(&ctx, &tag)?;
            let r = match tables(&ctx).borrow_mut().crypto.ciphers.get_mut(hid(id)) {
                Some(c) => c.set_auth_tag(&tag),
                None => Err(gone("Cipher")),
            };
            throw(&ctx, r)
        },
    )?;
    set(
        ctx,
        o,
        "op_crypto_cipher_set_auto_padding",
        |ctx: Ctx<'js>, id: f64, on: bool| {
            if let Some(c) = tables(&ctx).borrow_mut().crypto.ciphers.get_mut(hid(id)) {
                c.set_auto_padding(on);
            }
        },
    )?;
    set(
        ctx,
        o,
        "op_crypto_cipher_auth_tag",
        |ctx: Ctx<'js>, id: f64| -> Result<Value<'js>> {
            let tag = tables(&ctx)
                .borrow()
                .crypto
                .ciphers
                .get(hid(id))
                .and_then(CipherState::auth_tag);
            match tag {
                Some(t) => out(&ctx, t),
                None => Ok(Value::new_undefined(ctx.clone())),
            }
        },
    )?;
    set(ctx, o, "op_crypto_cipher_free", |ctx: Ctx<'js>, id: f64| {
        tables(&ctx).borrow_mut().crypto.ciphers.remove(hid(id));
    })?;
    // WebCrypto AES-GCM: (encrypt, key, iv, aad, data, tagLength in bytes).
    set(
        ctx,
        o,
        "op_crypto_aes_gcm",
        |ctx: Ctx<'js>,
         encrypt: bool,
         key: Value<'js>,
         iv: Value<'js>,
         aad: Value<'js>,
         data: Value<'js>,
         tag_len: f64|
         -> Result<Value<'js>> {
            let (key, iv, aad) = (bytes(&ctx, &key)?, bytes(&ctx, &iv)?, bytes(&ctx, &aad)?);
            let r = with_bytes(&ctx, &data, |d| {
                if encrypt {
                    crypto::aes_gcm_seal(&key, &iv, &aad, d, tag_len as usize)
                } else {
                    crypto::aes_gcm_open(&key, &iv, &aad, d, tag_len as usize)
                }
            })?;
            let r = throw(&ctx, r)?;
            out(&ctx, r)
        },
    )?;
    Ok(())
}

fn pair<'js>(
    ctx: &Ctx<'js>,
    r: std::result::Result<(Vec<u8>, Vec<u8>), OpError>,
) -> Result<Array<'js>> {
    let (a, b) = throw(ctx, r)?;
    let arr = Array::new(ctx.clone())?;
    arr.set(0, out(ctx, a)?)?;
    arr.set(1, out(ctx, b)?)?;
    Ok(arr)
}

fn register_signatures<'js>(ctx: &Ctx<'js>, o: &OpSink<'js>) -> Result<()> {
    set(ctx, o, "op_crypto_ed25519_generate", |ctx: Ctx<'js>| {
        pair(&ctx, crypto::ed25519_generate())
    })?;
    set(
        ctx,
        o,
        "op_crypto_ed25519_public",
        |ctx: Ctx<'js>, seed: Value<'js>| -> Result<Value<'js>> {
            let seed = bytes(&ctx, &seed)?;
            let pk = throw(&ctx, crypto::ed25519_public(&seed))?;
            out(&ctx, pk)
        },
    )?;
    set(
        ctx,
        o,
        "op_crypto_ed25519_sign",
        |ctx: Ctx<'js>, seed: Value<'js>, data: Value<'js>| -> Result<Value<'js>> {
            let seed = bytes(&ctx, &seed)?;
            let sig = with_bytes(&ctx, &data, |d| crypto::ed25519_sign(&seed, d))?;
            let sig = throw(&ctx, sig)?;
            out(&ctx, sig)
        },
    )?;
    set(
        ctx,
        o,
        "op_crypto_ed25519_verify",
        |ctx: Ctx<'js>, public: Value<'js>, sig: Value<'js>, data: Value<'js>| -> Result<bool> {
            let (public, sig) = (bytes(&ctx, &public)?, bytes(&ctx, &sig)?);
            let ok = with_bytes(&ctx, &data, |d| crypto::ed25519_verify(&public, &sig, d))?;
            throw(&ctx, ok)
        },
    )?;
    set(ctx, o, "op_crypto_p256_generate", |ctx: Ctx<'js>| {
        pair(&ctx, crypto::p256_generate())
    })?;
    set(
        ctx,
        o,
        "op_crypto_p256_public",
        |ctx: Ctx<'js>, d: Value<'js>| -> Result<Value<'js>> {
            let d = bytes(&ctx, &d)?;
            let pk = throw(&ctx, crypto::p256_public(&d))?;
            out(&ctx, pk)
        },
    )?;
    set(
        ctx,
        o,
        "op_crypto_p256_sign",
        |ctx: Ctx<'js>, d: Value<'js>, hash: String, data: Value<'js>| -> Result<Value<'js>> {
            let alg = hash_alg(&ctx, &hash)?;
            let d = bytes(&ctx, &d)?;
            let sig = with_bytes(&ctx, &data, |m| crypto::p256_sign(&d, alg, m))?;
            let sig = throw(&ctx, sig)?;
            out(&ctx, sig)
        },
    )?;
    set(
        ctx,
        o,
        "op_crypto_p256_verify",
        |ctx: Ctx<'js>,
         public: Value<'js>,
         hash: String,
         sig: Value<'js>,
         data: Value<'js>|
         -> Result<bool> {
            let alg = hash_alg(&ctx, &hash)?;
            let (public, sig) = (bytes(&ctx, &public)?, bytes(&ctx, &sig)?);
            let ok = with_bytes(&ctx, &data, |m| crypto::p256_verify(&public, alg, &sig, m))?;
            throw(&ctx, ok)
        },
    )?;
    Ok(())
}

fn register_zlib<'js>(ctx: &Ctx<'js>, o: &OpSink<'js>) -> Result<()> {
    // (mode name, [level, windowBits, quality, lgwin, finishFlush], data)
    set(
        ctx,
        o,
        "op_zlib_process_sync",
        |ctx: Ctx<'js>, kind: String, opts: Vec<f64>, data: Value<'js>| -> Result<Value<'js>> {
            let kind = zlib_kind(&ctx, &kind)?;
            let r = with_bytes(&ctx, &data, |d| zlib::process(kind, zlib_opts(&opts), d))?;
            let r = throw(&ctx, r)?;
            out(&ctx, r)
        },
    )?;
    set(
        ctx,
        o,
        "op_zlib_process",
        |ctx: Ctx<'js>, kind: String, opts: Vec<f64>, data: Value<'js>| {
            let kind = zlib_kind(&ctx, &kind)?;
            let data = bytes(&ctx, &data)?;
            blocking(&ctx, move || zlib::process(kind, zlib_opts(&opts), &data))
        },
    )?;
    set(
        ctx,
        o,
        "op_zlib_new",
        |ctx: Ctx<'js>, kind: String, opts: Vec<f64>| -> Result<f64> {
            let kind = zlib_kind(&ctx, &kind)?;
            Ok(tables(&ctx)
                .borrow_mut()
                .zlib
                .insert(ZStream::new(kind, zlib_opts(&opts))) as f64)
        },
    )?;
    // (id, chunk, flush constant): the output so far.
    set(
        ctx,
        o,
        "op_zlib_write",
        |ctx: Ctx<'js>, id: f64, data: Value<'js>, flush: Opt<i32>| -> Result<Value<'js>> {
            let t = tables(&ctx);
            let r = {
                let mut t = t.borrow_mut();
                let Some(z) = t.zlib.get_mut(hid(id)) else {
                    return throw(
                        &ctx,
                        Err(OpError::code("ERR_ZLIB_CLOSED", "zlib binding closed")),
                    );
                };
                let n = flush.0.unwrap_or(0);
                let flush = if matches!(z.kind(), Kind::BrotliEncode | Kind::BrotliDecode) {
                    Flush::from_brotli(n)
                } else {
                    Flush::from_zlib(n)
                };
                with_bytes(&ctx, &data, |d| z.write(d, flush))?
            };
            let r = throw(&ctx, r)?;
            out(&ctx, r)
        },
    )?;
    set(ctx, o, "op_zlib_reset", |ctx: Ctx<'js>, id: f64| {
        if let Some(z) = tables(&ctx).borrow_mut().zlib.get_mut(hid(id)) {
            z.reset();
        }
    })?;
    set(
        ctx,
        o,
        "op_zlib_crc32",
        |ctx: Ctx<'js>, data: Value<'js>, value: f64| -> Result<f64> {
            with_bytes(&ctx, &data, |d| zlib::crc32(d, value as u32) as f64)
        },
    )?;
    set(ctx, o, "op_zlib_free", |ctx: Ctx<'js>, id: f64| {
        tables(&ctx).borrow_mut().zlib.remove(hid(id));
    })?;
    Ok(())
}
