//! `atoll:ops` exports for `node:child_process`: spawn (exit delivered as a listener event that
//! holds a loop ref until it arrives), pipe reads/writes as promises, kill, and `spawnSync`; and
//! the IPC channel of `fork()` (`op_ipc_*`): complete lines arrive as listener events, a ref'd
//! channel holds a loop ref.

use std::{
    cell::RefCell,
    collections::{HashMap, HashSet},
};

use rquickjs::{Ctx, Exception, Function, Object, Persistent, Promise, Result, Value};

use super::bind::OpSink;
use super::{convert, spawn_op, state, Completion};
use crate::ops::{
    child_process::{self as cp, SpawnRequest, StdioMode, SyncOptions},
    ipc, OpError, OpValue,
};

/// Every export this module adds to `atoll:ops`.
pub const PROCESS_OP_NAMES: &[&str] = &[
    "op_cp_spawn",
    "op_cp_spawn_sync",
    "op_cp_read",
    "op_cp_write",
    "op_cp_close",
    "op_cp_kill",
    "op_cp_ref",
    "op_cp_exited",
    "op_cp_release",
    "op_ipc_take_inherited",
    "op_ipc_start",
    "op_ipc_write",
    "op_ipc_close",
    "op_ipc_ref",
];

thread_local! {
    /// Children whose exit still holds the event loop open (rid -> exit listener id).
    static REFED: RefCell<HashSet<u32>> = RefCell::default();
    /// IPC channels holding a loop ref.
    static IPC_REFED: RefCell<HashSet<u32>> = RefCell::default();
    /// IPC channel rid -> the listener its lines go to.
    static IPC_LISTENERS: RefCell<HashMap<u32, u64>> = RefCell::default();
}

/// Hold (`on`) or release the loop ref of IPC channel `rid`.
fn ipc_ref(ctx: &Ctx<'_>, rid: u32, on: bool) {
    let st = state(ctx);
    IPC_REFED.with(|r| {
        let mut r = r.borrow_mut();
        if on && IPC_LISTENERS.with(|l| l.borrow().contains_key(&rid)) && r.insert(rid) {
            st.refs.set(st.refs.get() + 1);
        } else if !on && r.remove(&rid) {
            st.refs.set(st.refs.get().saturating_sub(1));
        }
    });
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

fn stdio_mode<'js>(ctx: &Ctx<'js>, v: Value<'js>) -> Result<StdioMode> {
    if let Some(n) = v.as_number() {
        return match n as i32 {
            fd @ 0..=2 => Ok(StdioMode::Fd(fd)),
            _ => Err(Exception::throw_type(ctx, "stdio fd must be 0, 1 or 2")),
        };
    }
    let s: String = v.get()?;
    Ok(match s.as_str() {
        "pipe" | "overlapped" => StdioMode::Pipe,
        "inherit" => StdioMode::Inherit,
        _ => StdioMode::Ignore,
    })
}

/// The request object child_process.js builds after validating Node's options.
fn request<'js>(ctx: &Ctx<'js>, o: &Object<'js>) -> Result<SpawnRequest> {
    let stdio: Vec<Value> = o.get("stdio")?;
    let mut modes = [StdioMode::Pipe; 3];
    for (i, v) in stdio.into_iter().take(3).enumerate() {
        modes[i] = stdio_mode(ctx, v)?;
    }
    Ok(SpawnRequest {
        file: o.get("file")?,
        args: o.get("args")?,
        argv0: o.get("argv0")?,
        cwd: o.get("cwd")?,
        env: o.get("envPairs")?,
        stdio: modes,
        detached: o.get::<_, Option<bool>>("detached")?.unwrap_or(false),
        uid: o.get("uid")?,
        gid: o.get("gid")?,
        fork: o.get::<_, Option<bool>>("fork")?.unwrap_or(false),
        ipc: o.get("ipc")?,
    })
}

fn sys_error(errno: i32) -> OpValue {
    OpValue::Object(vec![(
        "error",
        OpValue::Object(vec![
            ("errno", OpValue::Number(errno as f64)),
            ("code", crate::ops::error::errno_code(-errno).into()),
        ]),
    )])
}

pub(crate) fn register<'js>(ctx: &Ctx<'js>, o: &OpSink<'js>) -> Result<()> {
    set(
        ctx,
        o,
        "op_cp_spawn",
        |ctx: Ctx<'js>, req: Object<'js>, on_exit: Function<'js>| -> Result<Value<'js>> {
            let req = request(&ctx, &req)?;
            let st = state(&ctx);
            let spawned = match cp::spawn(&st.op, &req) {
                Ok(s) => s,
                Err(OpError::Sys { errno, .. }) => return convert::to_js(&ctx, sys_error(errno)),
                Err(e) => return throw(&ctx, Err(e)),
            };
            let listener = st.next_id();
            st.listeners
                .borrow_mut()
                .insert(listener, Persistent::save(&ctx, on_exit));
            // The child holds the loop open until its exit is delivered (or `unref()`).
            st.refs.set(st.refs.get() + 1);
            REFED.with(|r| r.borrow_mut().insert(spawned.rid));
            let tx = st.tx.clone();
            let (child, exited) = (spawned.child, spawned.exited);
            let channel = match spawned.ipc {
                Some(fd) => Some(throw(&ctx, ipc::open(fd))?),
                None => None,
            };
            // A channel's last lines and its EOF ('disconnect') are delivered before 'exit'.
            let channel_ended = channel.map(ipc::ended);
            tokio::spawn(async move {
                let value = cp::wait(child, exited).await;
                if let Some(ended) = channel_ended {
                    ended.await;
                }
                let _ = tx.send(Completion::Event { listener, value });
            });
            let mut fields = vec![
                ("rid", OpValue::Number(spawned.rid as f64)),
                ("pid", OpValue::Number(spawned.pid as f64)),
                ("listener", OpValue::Number(listener as f64)),
            ];
            if let Some(rid) = channel {
                fields.push(("ipc", OpValue::Number(rid as f64)));
                fields.push(("ipcFd", ipc::fd(rid).map(f64::from).into()));
            }
            convert::to_js(&ctx, OpValue::Object(fields))
        },
    )?;
    set(
        ctx,
        o,
        "op_cp_spawn_sync",
        |ctx: Ctx<'js>, req: Object<'js>, opts: Object<'js>| -> Result<Value<'js>> {
            let req = request(&ctx, &req)?;
            let input = match opts.get::<_, Value>("input")? {
                v if v.is_undefined() || v.is_null() => Vec::new(),
                v => convert::bytes_from_js(&ctx, &v)?,
            };
            let sync = SyncOptions {
                input,
                timeout_ms: opts
                    .get::<_, Option<f64>>("timeout")?
                    .filter(|t| *t > 0.0)
                    .map(|t| t as u64),
                kill_signal: opts.get::<_, Option<i32>>("killSignal")?.unwrap_or(15),
                max_buffer: opts
                    .get::<_, Option<f64>>("maxBuffer")?
                    .filter(|m| m.is_finite() && *m >= 0.0)
                    .map(|m| m as usize),
            };
            let v = throw(&ctx, cp::spawn_sync(&state(&ctx).op, &req, &sync))?;
            convert::to_js(&ctx, v)
        },
    )?;
    set(
        ctx,
        o,
        "op_cp_read",
        |ctx: Ctx<'js>, rid: u32, fd: i32| -> Result<Promise<'js>> {
            spawn_op(&ctx, cp::read(rid, fd))
        },
    )?;
    set(
        ctx,
        o,
        "op_cp_write",
        |ctx: Ctx<'js>, rid: u32, data: Value<'js>| -> Result<Promise<'js>> {
            let bytes = convert::bytes_from_js(&ctx, &data)?;
            spawn_op(&ctx, cp::write(rid, bytes))
        },
    )?;
    set(ctx, o, "op_cp_close", |rid: u32, fd: i32| {
        cp::close(rid, fd)
    })?;
    set(ctx, o, "op_cp_release", |rid: u32| cp::release(rid))?;
    set(
        ctx,
        o,
        "op_cp_kill",
        |ctx: Ctx<'js>, rid: u32, signo: i32| -> Result<bool> { throw(&ctx, cp::kill(rid, signo)) },
    )?;
    set(ctx, o, "op_cp_ref", |ctx: Ctx<'js>, rid: u32, on: bool| {
        let st = state(&ctx);
        REFED.with(|r| {
            let mut r = r.borrow_mut();
            if on && r.insert(rid) {
                st.refs.set(st.refs.get() + 1);
            } else if !on && r.remove(&rid) {
                st.refs.set(st.refs.get().saturating_sub(1));
            }
        });
    })?;
    set(
        ctx,
        o,
        "op_cp_exited",
        |ctx: Ctx<'js>, rid: u32, listener: f64| {
            let st = state(&ctx);
            st.listeners.borrow_mut().remove(&(listener as u64));
            if REFED.with(|r| r.borrow_mut().remove(&rid)) {
                st.refs.set(st.refs.get().saturating_sub(1));
            }
        },
    )?;
    register_ipc(ctx, o)
}

fn register_ipc<'js>(ctx: &Ctx<'js>, o: &OpSink<'js>) -> Result<()> {
    // The channel this process was forked with: `{ rid, serialization, fd }` or null. Only the
    // main runtime has one (worker threads share the process but not its channel).
    set(
        ctx,
        o,
        "op_ipc_take_inherited",
        |ctx: Ctx<'js>| -> Result<Value<'js>> {
            if crate::ops::worker::is_worker_thread() {
                return Ok(Value::new_null(ctx));
            }
            let Some((fd, mode)) = ipc::take_inherited() else {
                return Ok(Value::new_null(ctx));
            };
            let rid = throw(&ctx, ipc::open(fd))?;
            convert::to_js(
                &ctx,
                OpValue::Object(vec![
                    ("rid", OpValue::Number(rid as f64)),
                    ("serialization", mode.into()),
                    ("fd", ipc::fd(rid).map(f64::from).into()),
                ]),
            )
        },
    )?;
    // Start reading: `on_lines(lines)` per read with an array of complete lines, once with null
    // at EOF. `refed`: whether the channel holds the loop open from the start.
    set(
        ctx,
        o,
        "op_ipc_start",
        |ctx: Ctx<'js>, rid: u32, on_lines: Function<'js>, refed: bool| {
            let st = state(&ctx);
            let listener = st.next_id();
            st.listeners
                .borrow_mut()
                .insert(listener, Persistent::save(&ctx, on_lines));
            IPC_LISTENERS.with(|l| l.borrow_mut().insert(rid, listener));
            if refed {
                ipc_ref(&ctx, rid, true);
            }
            let tx = st.tx.clone();
            ipc::start_reading(rid, move |lines| {
                let value = match lines {
                    Some(lines) => OpValue::Array(lines.into_iter().map(OpValue::String).collect()),
                    None => OpValue::Null,
                };
                tx.send(Completion::Event { listener, value }).is_ok()
            });
        },
    )?;
    // true: the kernel took the whole message; a promise: a flush of the queue started (settles
    // when it is empty); a number: queued behind that flush (the bytes now queued).
    set(
        ctx,
        o,
        "op_ipc_write",
        |ctx: Ctx<'js>, rid: u32, data: Value<'js>| -> Result<Value<'js>> {
            let written = match data.as_string() {
                // Messages are strings: encode without an intermediate copy into a Vec.
                Some(s) => ipc::write(rid, s.to_string()?.as_bytes()),
                None => ipc::write(rid, &convert::bytes_from_js(&ctx, &data)?),
            };
            match throw(&ctx, written)? {
                ipc::Write::Done => Ok(Value::new_bool(ctx, true)),
                ipc::Write::Flush(fut) => Ok(spawn_op(&ctx, fut)?.into_value()),
                ipc::Write::Queued(n) => Ok(Value::new_number(ctx, n as f64)),
            }
        },
    )?;
    set(ctx, o, "op_ipc_close", |ctx: Ctx<'js>, rid: u32| {
        ipc_ref(&ctx, rid, false);
        if let Some(listener) = IPC_LISTENERS.with(|l| l.borrow_mut().remove(&rid)) {
            state(&ctx).listeners.borrow_mut().remove(&listener);
        }
        ipc::close(rid);
    })?;
    set(ctx, o, "op_ipc_ref", |ctx: Ctx<'js>, rid: u32, on: bool| {
        ipc_ref(&ctx, rid, on)
    })?;
    Ok(())
}
