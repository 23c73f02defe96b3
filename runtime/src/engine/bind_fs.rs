//! `atoll:ops` exports for `node:fs` and `node:os`. Each fs op in `ops::fs::OPS` appears twice:
//! `op_fs_<name>_sync` runs it now, `op_fs_<name>` returns a promise and runs it on tokio's
//! blocking pool. Arguments are copied out of JS before anything runs off the loop thread.

use super::qjs_patch::JS_NewObjectLike;
use rquickjs::{
    function::{Opt, Rest},
    qjs, Array, CString, Ctx, Object, Result, TypedArray, Value,
};

use super::bind::OpSink;
use super::{convert, spawn_blocking_op, state};
use crate::ops::{
    self,
    fs::{Arg, Args, FsOp, StatOp, StatValues},
    OpError,
};

macro_rules! fs_op_names {
    ($($name:literal),* $(,)?) => {
        /// Every export this module adds to `atoll:ops` (kept in step with `ops::fs::OPS` by a
        /// test below).
        pub const FS_OP_NAMES: &[&str] = &[
            $(concat!("op_fs_", $name), concat!("op_fs_", $name, "_sync"),)*
            "op_make_stats",
            "op_os_info",
            "op_os_host",
            "op_os_loadavg",
            "op_os_uptime",
            "op_os_freemem",
            "op_os_cpus",
            "op_os_network_interfaces",
            "op_os_set_priority",
            "op_os_get_priority",
        ];
    };
}

fs_op_names!(
    "read_file",
    "read_fd_all",
    "write_file",
    "open",
    "close",
    "read",
    "write",
    "writev",
    "fsync",
    "fdatasync",
    "ftruncate",
    "fstat",
    "futimes",
    "fchmod",
    "fchown",
    "stat",
    "read_dir",
    "mkdir",
    "mkdtemp",
    "rm",
    "rmdir",
    "unlink",
    "rename",
    "copy_file",
    "link",
    "symlink",
    "read_link",
    "realpath",
    "access",
    "chmod",
    "chown",
    "utimes",
    "truncate",
);

fn arg_from_js<'js>(ctx: &Ctx<'js>, v: &Value<'js>) -> Result<Arg> {
    if v.is_undefined() || v.is_null() {
        return Ok(Arg::Undefined);
    }
    if let Some(b) = v.as_bool() {
        return Ok(Arg::Bool(b));
    }
    if let Some(n) = v.as_number() {
        return Ok(Arg::Num(n));
    }
    if let Some(s) = v.as_string() {
        return Ok(Arg::Str(s.to_string()?));
    }
    if let Some(b) = v.as_big_int() {
        return Ok(Arg::Num(b.clone().to_i64()? as f64));
    }
    if let Some(arr) = v.as_array() {
        let mut items = Vec::with_capacity(arr.len());
        for item in arr.iter::<Value>() {
            items.push(arg_from_js(ctx, &item?)?);
        }
        return Ok(Arg::List(items));
    }
    if let Some(ta) = v.as_object().and_then(|o| o.as_typed_array::<u8>()) {
        // A Uint8Array or Buffer (what the polyfills pass): its viewed bytes, without the
        // property lookups of the general path. SAFETY: copied before any JS runs again.
        if let Some(b) = unsafe { ta.as_bytes() } {
            return Ok(Arg::Bytes(b.to_vec()));
        }
    }
    convert::bytes_from_js(ctx, v).map(Arg::Bytes)
}

fn args_from_js<'js>(ctx: &Ctx<'js>, args: &[Value<'js>]) -> Result<Args> {
    args.iter()
        .map(|v| arg_from_js(ctx, v))
        .collect::<Result<Vec<_>>>()
        .map(Args)
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

fn register_fs_op<'js>(ctx: &Ctx<'js>, o: &OpSink<'js>, name: &str, op: FsOp) -> Result<()> {
    set(
        ctx,
        o,
        &format!("op_fs_{name}_sync"),
        move |ctx: Ctx<'js>, args: Rest<Value<'js>>| -> Result<Value<'js>> {
            let args = args_from_js(&ctx, &args.0)?;
            let cx = state(&ctx).op.fs_ctx();
            let v = throw(&ctx, op(&cx, &args))?;
            convert::to_js(&ctx, v)
        },
    )?;
    set(
        ctx,
        o,
        &format!("op_fs_{name}"),
        move |ctx: Ctx<'js>, args: Rest<Value<'js>>| {
            let args = args_from_js(&ctx, &args.0)?;
            let cx = state(&ctx).op.fs_ctx();
            spawn_blocking_op(&ctx, move || op(&cx, &args))
        },
    )
}

/// `fs.Stats` own properties, in the order `new Stats(...)` assigns them.
const STATS_FIELDS: [&str; 14] = [
    "dev",
    "mode",
    "nlink",
    "uid",
    "gid",
    "rdev",
    "blksize",
    "ino",
    "size",
    "blocks",
    "atimeMs",
    "mtimeMs",
    "ctimeMs",
    "birthtimeMs",
];

/// Builds `fs.Stats` objects: what `new Stats(...)` in internal/fs/utils.js makes (that
/// prototype; the 14 fields as writable, enumerable, configurable data properties, in the same
/// order, with the same numbers), without running a JS constructor.
///
/// JS passes `[Stats.prototype]`, an array it keeps. The first call builds one Stats field by
/// field and appends it to that array as a template; every later one is made in one step with
/// the template's layout (`JS_NewObjectLike`, a patch in vendor/rquickjs-sys): adding 14 fields
/// one at a time costs QuickJS a layout lookup per field that compares all earlier fields, most
/// of a statSync. (The array is JS's, so the GC sees the template; Rust keeps no JS object.)
///
/// The template is built with the QuickJS API directly. The field-name atoms are made once per
/// registration and kept as plain atom numbers (an rquickjs `Atom` holds its context, which a
/// closure would keep alive past teardown); they are released through the runtime when the op
/// function is finalized.
struct StatsMaker {
    rt: *mut qjs::JSRuntime,
    atoms: [qjs::JSAtom; 14],
}

impl Drop for StatsMaker {
    fn drop(&mut self) {
        for &a in &self.atoms {
            // SAFETY: each atom was made by `new` in this runtime, which outlives the functions
            // it finalizes; atoms are released exactly once.
            unsafe { qjs::JS_FreeAtomRT(self.rt, a) };
        }
    }
}

impl StatsMaker {
    fn new(ctx: &Ctx<'_>) -> Result<StatsMaker> {
        let c = ctx.as_raw().as_ptr();
        // SAFETY: a live context. On failure the atoms made so far are released by `Drop`
        // (freeing JS_ATOM_NULL, a constant atom, does nothing).
        unsafe {
            let mut m = StatsMaker {
                rt: qjs::JS_GetRuntime(c),
                atoms: [qjs::JS_ATOM_NULL; 14],
            };
            for (slot, field) in m.atoms.iter_mut().zip(STATS_FIELDS) {
                *slot = qjs::JS_NewAtomLen(c, field.as_ptr().cast(), field.len() as _);
                if *slot == qjs::JS_ATOM_NULL {
                    return Err(rquickjs::Error::Exception);
                }
            }
            Ok(m)
        }
    }

    fn build<'js>(&self, ctx: &Ctx<'js>, proto: &Object<'js>, nums: &[f64]) -> Result<Object<'js>> {
        let c = ctx.as_raw().as_ptr();
        // SAFETY: `c` is the live context of this call (same runtime as the atoms); `proto`
        // belongs to it. The new object is owned by `obj` (freed on every path) and the values
        // passed to JS_DefinePropertyValue are consumed by it.
        unsafe {
            let raw = qjs::JS_NewObjectProto(c, proto.as_raw());
            if qjs::JS_VALUE_GET_NORM_TAG(raw) == qjs::JS_TAG_EXCEPTION {
                return Err(rquickjs::Error::Exception);
            }
            let obj = Value::from_raw(ctx.clone(), raw);
            for (&atom, &n) in self.atoms.iter().zip(nums) {
                let r = qjs::JS_DefinePropertyValue(
                    c,
                    raw,
                    atom,
                    qjs::JS_NewFloat64(n),
                    qjs::JS_PROP_C_W_E as _,
                );
                if r < 0 {
                    return Err(rquickjs::Error::Exception);
                }
            }
            obj.into_object()
                .ok_or(rquickjs::Error::new_from_js("value", "object"))
        }
    }

    /// A `Stats` from the op's numbers (`*Ms` = sec * 1000 + nsec / 1e6, the same f64
    /// arithmetic as JS); `holder` is `[Stats.prototype, template]`.
    fn make<'js>(
        &self,
        ctx: &Ctx<'js>,
        holder: &Array<'js>,
        v: &StatValues,
    ) -> Result<Object<'js>> {
        let mut nums = [0.0; 14];
        nums[..10].copy_from_slice(&v[..10]);
        for i in 0..4 {
            nums[10 + i] = v[10 + 2 * i] * 1000.0 + v[11 + 2 * i] / 1e6;
        }
        if holder.len() < 2 {
            let proto: Object<'js> = holder.get(0)?;
            holder.set(1, self.build(ctx, &proto, &[0.0; 14])?)?;
        }
        let template: Object<'js> = holder.get(1)?;
        let c = ctx.as_raw().as_ptr();
        // SAFETY: `c` is the live context of this call and `template` belongs to it;
        // JS_NewObjectLike takes ownership of the 14 number values (which hold no references)
        // and returns a new reference, owned by the Value, or an exception.
        unsafe {
            let mut values = nums.map(qjs::JS_NewFloat64);
            let raw = JS_NewObjectLike(c, template.as_raw(), 14, values.as_mut_ptr());
            if qjs::JS_VALUE_GET_NORM_TAG(raw) == qjs::JS_TAG_EXCEPTION {
                return Err(rquickjs::Error::Exception);
            }
            Value::from_raw(ctx.clone(), raw)
                .into_object()
                .ok_or(rquickjs::Error::new_from_js("value", "object"))
        }
    }
}

/// `op_fs_<name>_sync` for a `StatOp`, replacing the generic one. Called with
/// `[Stats.prototype]` as an extra last argument, it returns the `Stats` object itself (see
/// `StatsMaker`); without, a `Float64Array` of the op's numbers (as the async op's bytes, for
/// `makeStats`).
fn register_stat_sync<'js>(ctx: &Ctx<'js>, o: &OpSink<'js>, name: &str, op: StatOp) -> Result<()> {
    let name = format!("op_fs_{name}_sync");
    if !o.wants(&name) {
        return Ok(());
    }
    let maker = StatsMaker::new(ctx)?;
    set(
        ctx,
        o,
        &name,
        move |ctx: Ctx<'js>, args: Rest<Value<'js>>| -> Result<Value<'js>> {
            let mut args = args.0;
            let holder = args.last().and_then(|v| v.as_array()).cloned();
            if holder.is_some() {
                args.pop();
            }
            let a = args_from_js(&ctx, &args)?;
            let cx = state(&ctx).op.fs_ctx();
            let v = throw(&ctx, op(&cx, &a))?;
            match holder {
                Some(holder) => Ok(maker.make(&ctx, &holder, &v)?.into_value()),
                None => Ok(TypedArray::<f64>::new(ctx.clone(), v.to_vec())?.into_value()),
            }
        },
    )
}

/// A path argument, borrowed from the JS string (QuickJS hands out an ASCII string's own bytes,
/// no copy). `None` when it holds a NUL byte: the caller then answers `null` and JS takes its
/// general path, which throws Node's ERR_INVALID_ARG_VALUE.
fn path_arg<'js>(path: rquickjs::String<'js>) -> Result<Option<CString<'js>>> {
    let c = path.to_cstring()?;
    Ok((!c.as_bytes().contains(&0)).then_some(c))
}

fn num_arg(v: &Opt<Value<'_>>) -> Option<f64> {
    v.0.as_ref().and_then(Value::as_number)
}

/// The hot *Sync ops (readFileSync, writeFileSync, statSync) with typed arguments instead of
/// the generic `Rest<Value>` -> `Args` conversion: the path and the data are borrowed from JS
/// rather than copied (no JS runs while the op does), an absolute path is not copied either,
/// and no `FsCtx` snapshot is made. Same arguments, results and errors as the generic ones
/// they replace.
fn register_hot_sync<'js>(ctx: &Ctx<'js>, o: &OpSink<'js>) -> Result<()> {
    set(
        ctx,
        o,
        "op_fs_read_file_sync",
        |ctx: Ctx<'js>,
         path: rquickjs::String<'js>,
         flags: Opt<Value<'js>>|
         -> Result<Value<'js>> {
            let Some(path) = path_arg(path)? else {
                return Ok(Value::new_null(ctx));
            };
            let st = state(&ctx);
            let abs = ops::fs::abs_path(&st.op.cwd.borrow(), path.as_str());
            let flags = num_arg(&flags).unwrap_or(0.0) as i32;
            let bytes = throw(&ctx, ops::fs::read_file_at(&st.op.fs, &abs, &path, flags))?;
            convert::bytes_to_js(&ctx, bytes)
        },
    )?;
    set(
        ctx,
        o,
        "op_fs_write_file_sync",
        |ctx: Ctx<'js>,
         path: rquickjs::String<'js>,
         data: Value<'js>,
         flags: Opt<Value<'js>>,
         mode: Opt<Value<'js>>|
         -> Result<Value<'js>> {
            let Some(path) = path_arg(path)? else {
                return Ok(Value::new_null(ctx));
            };
            let st = state(&ctx);
            let abs = ops::fs::abs_path(&st.op.cwd.borrow(), path.as_str());
            let flags = num_arg(&flags)
                .map_or(libc::O_WRONLY | libc::O_CREAT | libc::O_TRUNC, |f| f as i32);
            let mode = num_arg(&mode).map_or(0o666, |m| m as u32);
            let view = data.as_object().and_then(|o| o.as_typed_array::<u8>());
            // SAFETY: the viewed bytes are only read, and no JS runs before the op returns.
            let r = match view.as_ref().and_then(|ta| unsafe { ta.as_bytes() }) {
                Some(b) => ops::fs::write_file_at(&st.op.fs, &abs, &path, b, flags, mode),
                None => {
                    let b = convert::bytes_from_js(&ctx, &data)?;
                    ops::fs::write_file_at(&st.op.fs, &abs, &path, &b, flags, mode)
                }
            };
            throw(&ctx, r)?;
            Ok(Value::new_undefined(ctx))
        },
    )?;
    // (path, follow, [holder]): as `register_stat_sync`.
    let maker = StatsMaker::new(ctx)?;
    set(
        ctx,
        o,
        "op_fs_stat_sync",
        move |ctx: Ctx<'js>,
              path: rquickjs::String<'js>,
              follow: Opt<Value<'js>>,
              holder: Opt<Value<'js>>|
              -> Result<Value<'js>> {
            let Some(path) = path_arg(path)? else {
                return Ok(Value::new_null(ctx));
            };
            let st = state(&ctx);
            let abs = ops::fs::abs_path(&st.op.cwd.borrow(), path.as_str());
            let follow = follow.0.as_ref().and_then(Value::as_bool).unwrap_or(false);
            let v = throw(&ctx, ops::fs::stat_at(&st.op.fs, &abs, &path, follow))?;
            match holder.0.as_ref().and_then(Value::as_array) {
                Some(holder) => Ok(maker.make(&ctx, holder, &v)?.into_value()),
                None => Ok(TypedArray::<f64>::new(ctx.clone(), v.to_vec())?.into_value()),
            }
        },
    )
}

pub(crate) fn register<'js>(ctx: &Ctx<'js>, o: &OpSink<'js>) -> Result<()> {
    for (name, op) in ops::fs::OPS {
        register_fs_op(ctx, o, name, *op)?;
    }
    // `stat` gets its typed binding below.
    for (name, op) in ops::fs::STAT_OPS.iter().filter(|(n, _)| *n != "stat") {
        register_stat_sync(ctx, o, name, *op)?;
    }
    register_hot_sync(ctx, o)?;
    // (bytes of an async stat/fstat result, [Stats.prototype]) -> the `Stats`, as the *Sync
    // ops build it (see `StatsMaker`).
    let maker = StatsMaker::new(ctx)?;
    set(
        ctx,
        o,
        "op_make_stats",
        move |ctx: Ctx<'js>,
              bytes: TypedArray<'js, u8>,
              holder: Array<'js>|
              -> Result<Object<'js>> {
            let mut v: StatValues = [0.0; 18];
            // SAFETY: the bytes are copied out before any JS runs again.
            let b = unsafe { bytes.as_bytes() }.unwrap_or_default();
            if b.len() != v.len() * 8 {
                return Err(rquickjs::Error::new_from_js("bytes", "stat values"));
            }
            for (n, c) in v.iter_mut().zip(b.chunks_exact(8)) {
                *n = f64::from_ne_bytes(c.try_into().unwrap_or_default());
            }
            maker.make(&ctx, &holder, &v)
        },
    )?;
    set(ctx, o, "op_os_info", |ctx: Ctx<'js>| {
        convert::to_js(&ctx, ops::os::info())
    })?;
    set(
        ctx,
        o,
        "op_os_host",
        |ctx: Ctx<'js>, what: String| -> Result<Value<'js>> {
            let v = throw(&ctx, ops::os::host(&state(&ctx).op, &what))?;
            convert::to_js(&ctx, v)
        },
    )?;
    set(ctx, o, "op_os_loadavg", ops::os::loadavg)?;
    set(ctx, o, "op_os_uptime", ops::os::uptime)?;
    set(ctx, o, "op_os_freemem", ops::os::freemem)?;
    set(
        ctx,
        o,
        "op_os_cpus",
        |ctx: Ctx<'js>| -> Result<Value<'js>> {
            let v = throw(&ctx, ops::os::cpus(&state(&ctx).op))?;
            convert::to_js(&ctx, v)
        },
    )?;
    set(
        ctx,
        o,
        "op_os_network_interfaces",
        |ctx: Ctx<'js>| -> Result<Value<'js>> {
            let v = throw(&ctx, ops::os::network_interfaces(&state(&ctx).op))?;
            convert::to_js(&ctx, v)
        },
    )?;
    set(
        ctx,
        o,
        "op_os_get_priority",
        |ctx: Ctx<'js>, pid: i32| -> Result<i32> { throw(&ctx, ops::os::get_priority(pid)) },
    )?;
    set(
        ctx,
        o,
        "op_os_set_priority",
        |ctx: Ctx<'js>, pid: i32, prio: i32| -> Result<()> {
            throw(&ctx, ops::os::set_priority(&state(&ctx).op, pid, prio))
        },
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_match_the_op_table() {
        for (name, _) in crate::ops::fs::OPS {
            assert!(FS_OP_NAMES.contains(&format!("op_fs_{name}").as_str()));
            assert!(FS_OP_NAMES.contains(&format!("op_fs_{name}_sync").as_str()));
        }
        let fs_names = FS_OP_NAMES
            .iter()
            .filter(|n| n.starts_with("op_fs_"))
            .count();
        assert_eq!(fs_names, crate::ops::fs::OPS.len() * 2);
    }
}
