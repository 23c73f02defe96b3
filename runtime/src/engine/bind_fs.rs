//! `atoll:ops` exports for `node:fs` and `node:os`. Each fs op in `ops::fs::OPS` appears twice:
//! `op_fs_<name>_sync` runs it now, `op_fs_<name>` returns a promise and runs it on tokio's
//! blocking pool. Arguments are copied out of JS before anything runs off the loop thread.

use rquickjs::{function::Rest, Ctx, Function, Object, Result, TypedArray, Value};

use super::{convert, spawn_op, state};
use crate::ops::{
    self,
    fs::{Arg, Args, FsOp, StatOp},
    OpError,
};

macro_rules! fs_op_names {
    ($($name:literal),* $(,)?) => {
        /// Every export this module adds to `atoll:ops` (kept in step with `ops::fs::OPS` by a
        /// test below).
        pub const FS_OP_NAMES: &[&str] = &[
            $(concat!("op_fs_", $name), concat!("op_fs_", $name, "_sync"),)*
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

fn set<'js, F, P>(ctx: &Ctx<'js>, obj: &Object<'js>, name: &str, f: F) -> Result<()>
where
    F: rquickjs::function::IntoJsFunc<'js, P> + 'js,
{
    let func = Function::new(ctx.clone(), f)?.with_name(name)?;
    obj.set(name, func)
}

fn register_fs_op<'js>(ctx: &Ctx<'js>, o: &Object<'js>, name: &str, op: FsOp) -> Result<()> {
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
            spawn_op(&ctx, ops::fs::call_blocking(cx, op, args))
        },
    )
}

/// `op_fs_<name>_sync` for a `StatOp`, replacing the generic one: if the last argument is a
/// `Float64Array` (internal/fs/utils.js passes the one it keeps), the numbers are written into
/// it and it is returned; otherwise a new `Float64Array` is. No array of 18 values is built.
fn register_stat_sync<'js>(ctx: &Ctx<'js>, o: &Object<'js>, name: &str, op: StatOp) -> Result<()> {
    set(
        ctx,
        o,
        &format!("op_fs_{name}_sync"),
        move |ctx: Ctx<'js>, args: Rest<Value<'js>>| -> Result<Value<'js>> {
            let mut args = args.0;
            let out = args
                .last()
                .and_then(|v| v.as_object())
                .and_then(|o| o.as_typed_array::<f64>())
                .cloned();
            if out.is_some() {
                args.pop();
            }
            let a = args_from_js(&ctx, &args)?;
            let cx = state(&ctx).op.fs_ctx();
            let v = throw(&ctx, op(&cx, &a))?;
            if let Some(out) = out {
                if let Some(raw) = out.as_raw().filter(|r| r.len() >= size_of_val(&v)) {
                    // SAFETY: `raw` is the live byte range of `out` (checked long enough), and no
                    // JS has run since it was taken.
                    unsafe {
                        std::ptr::copy_nonoverlapping(
                            v.as_ptr().cast::<u8>(),
                            raw.as_ptr().cast::<u8>(),
                            size_of_val(&v),
                        );
                    }
                    return Ok(out.into_value());
                }
            }
            Ok(TypedArray::<f64>::new(ctx.clone(), v.to_vec())?.into_value())
        },
    )
}

pub(crate) fn register<'js>(ctx: &Ctx<'js>, o: &Object<'js>) -> Result<()> {
    for (name, op) in ops::fs::OPS {
        register_fs_op(ctx, o, name, *op)?;
    }
    for (name, op) in ops::fs::STAT_OPS {
        register_stat_sync(ctx, o, name, *op)?;
    }
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
