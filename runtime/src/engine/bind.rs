//! The native-ops surface: each `op_*` export of `atoll:ops` converts JS arguments, calls the
//! engine-free function in `crate::ops`, and converts the result or throws a Node-shaped error.

use super::qjs_patch::{JS_GetAsyncContext, JS_SetAsyncContext};
use std::{collections::HashMap, sync::OnceLock};

use rquickjs::{function::Opt, Array, Ctx, Function, Object, Persistent, Result, Value};

use super::{
    convert, loader, require_builtin, require_esm, run_microtasks, spawn_op, state, Completion,
};
use crate::ops::{self, module as resolve, OpError, OpValue};

/// Makes the op functions of one group that its `OpSink` asks for.
type Register = for<'js> fn(&Ctx<'js>, &OpSink<'js>) -> Result<()>;

/// The op groups: the core ones here, then each group's own list and `register`.
const GROUPS: &[(&[&str], Register)] = &[
    (OP_NAMES, register_core),
    (super::bind_fs::FS_OP_NAMES, super::bind_fs::register),
    (
        super::bind_buffer::BUFFER_OP_NAMES,
        super::bind_buffer::register,
    ),
    (
        super::bind_crypto::CRYPTO_OP_NAMES,
        super::bind_crypto::register,
    ),
    (super::bind_net::NET_OP_NAMES, super::bind_net::register),
    (super::bind_tls::TLS_OP_NAMES, super::bind_tls::register),
    (super::bind_http::HTTP_OP_NAMES, super::bind_http::register),
    (super::bind_dns::DNS_OP_NAMES, super::bind_dns::register),
    (
        super::bind_process::PROCESS_OP_NAMES,
        super::bind_process::register,
    ),
    (
        super::bind_serve::SERVE_OP_NAMES,
        super::bind_serve::register,
    ),
    (super::bind_wasm::WASM_OP_NAMES, super::bind_wasm::register),
    (
        super::bind_worker::WORKER_OP_NAMES,
        super::bind_worker::register,
    ),
];

/// Every op name `atoll:ops` can export.
pub fn op_names() -> impl Iterator<Item = &'static str> {
    GROUPS.iter().flat_map(|(names, _)| names.iter().copied())
}

/// Op `name` as the table spells it, and the index in `GROUPS` of the group that makes it.
fn lookup(name: &str) -> Option<(&'static str, usize)> {
    static INDEX: OnceLock<HashMap<&'static str, usize>> = OnceLock::new();
    INDEX
        .get_or_init(|| {
            let mut index = HashMap::new();
            for (i, (names, _)) in GROUPS.iter().enumerate() {
                for name in *names {
                    index.insert(*name, i);
                }
            }
            index
        })
        .get_key_value(name)
        .map(|(n, g)| (*n, *g))
}

fn group_of(name: &str) -> Option<usize> {
    lookup(name).map(|(_, g)| g)
}

pub(crate) fn is_op(name: &str) -> bool {
    group_of(name).is_some()
}

/// Where a group's `register` puts the op functions it makes. Only the names asked for are
/// made: a native function per op was most of what ~350 ops cost every runtime, which
/// imports a few dozen of them.
pub(crate) struct OpSink<'js> {
    obj: Object<'js>,
    wanted: Vec<&'static str>,
}

impl<'js> OpSink<'js> {
    pub(crate) fn wants(&self, name: &str) -> bool {
        self.wanted.contains(&name)
    }

    /// Make op `name` from `f`, if it is asked for.
    pub(crate) fn set<F, P>(&self, ctx: &Ctx<'js>, name: &str, f: F) -> Result<()>
    where
        F: rquickjs::function::IntoJsFunc<'js, P> + 'js,
    {
        if !self.wants(name) {
            return Ok(());
        }
        let func = Function::new(ctx.clone(), f)?.with_name(name)?;
        self.obj.set(name, func)
    }
}

/// The runtime's op functions, with at least `names` made: each op is made on first import
/// and then shared by every module that imports it.
pub(crate) fn ops<'js>(ctx: &Ctx<'js>, names: &[&'static str]) -> Result<Object<'js>> {
    let st = state(ctx);
    let cached = st.ops.borrow().clone();
    let cache = match cached {
        Some(p) => p.restore(ctx)?,
        None => {
            let o = Object::new(ctx.clone())?;
            *st.ops.borrow_mut() = Some(Persistent::save(ctx, o.clone()));
            o
        }
    };
    let mut missing = Vec::new();
    for name in names {
        if !cache.contains_key(*name)? {
            missing.push(*name);
        }
    }
    let mut groups: Vec<usize> = missing.iter().filter_map(|n| group_of(n)).collect();
    groups.sort_unstable();
    groups.dedup();
    let sink = OpSink {
        obj: cache.clone(),
        wanted: missing,
    };
    for g in groups {
        (GROUPS[g].1)(ctx, &sink)?;
    }
    Ok(cache)
}

const OP_NAMES: &[&str] = &[
    "op_stdio_write",
    "op_isatty",
    "op_tty_size",
    "op_stdin_read",
    "op_process_info",
    "op_process_exit",
    "op_cwd",
    "op_chdir",
    "op_env_get",
    "op_env_keys",
    "op_hrtime",
    "op_now",
    "op_time_origin",
    "op_memory_usage",
    "op_kill",
    "op_signal_listen",
    "op_signal_unlisten",
    "op_run_microtasks",
    "op_async_context_get",
    "op_async_context_set",
    "op_take_rejections",
    "op_module_resolve",
    "op_module_read",
    "op_compile_function",
    "op_eval_script",
    "op_require_builtin",
    "op_require_esm",
    "op_builtin_list",
    "op_source_line",
    "op_url_parse",
    "op_url_set",
    "op_url_domain_to_ascii",
    "op_set_error_factory",
    "op_lookup",
];

fn throw<T>(ctx: &Ctx<'_>, r: std::result::Result<T, OpError>) -> Result<T> {
    r.map_err(|e| convert::throw_op_error(ctx, e))
}

fn set<'js, F, P>(ctx: &Ctx<'js>, obj: &OpSink<'js>, name: &str, f: F) -> Result<()>
where
    F: rquickjs::function::IntoJsFunc<'js, P> + 'js,
{
    obj.set(ctx, name, f)
}

pub(crate) fn read_module_source(ctx: &Ctx<'_>, path: &str) -> Result<String> {
    throw(ctx, resolve::read_source(&state(ctx).op, path))
}

fn register_core<'js>(ctx: &Ctx<'js>, o: &OpSink<'js>) -> Result<()> {
    set(
        ctx,
        o,
        "op_stdio_write",
        |ctx: Ctx<'js>, fd: i32, data: Value<'js>| -> Result<()> {
            let bytes = convert::bytes_from_js(&ctx, &data)?;
            throw(&ctx, ops::process::write_stdio(fd, &bytes))
        },
    )?;
    set(ctx, o, "op_isatty", |fd: i32| ops::process::isatty(fd))?;
    set(ctx, o, "op_tty_size", |fd: i32| {
        ops::process::tty_size(fd).map(|(c, r)| vec![c as u32, r as u32])
    })?;
    set(ctx, o, "op_stdin_read", |ctx: Ctx<'js>| {
        spawn_op(&ctx, async {
            use tokio::io::AsyncReadExt;
            let mut buf = vec![0u8; 64 * 1024];
            match tokio::io::stdin().read(&mut buf).await {
                Ok(0) => Ok(OpValue::Null),
                Ok(n) => {
                    buf.truncate(n);
                    Ok(OpValue::Bytes(buf))
                }
                Err(e) => Err(OpError::io(&e, "read", None)),
            }
        })
    })?;
    set(ctx, o, "op_process_info", |ctx: Ctx<'js>| {
        convert::to_js(&ctx, ops::process::info(&state(&ctx).op))
    })?;
    set(
        ctx,
        o,
        "op_process_exit",
        |ctx: Ctx<'js>, code: i32| -> Result<()> { Err(super::exit(&ctx, code)) },
    )?;
    set(ctx, o, "op_cwd", |ctx: Ctx<'js>| {
        state(&ctx).op.cwd.borrow().to_string_lossy().into_owned()
    })?;
    set(
        ctx,
        o,
        "op_chdir",
        |ctx: Ctx<'js>, dir: String| -> Result<()> {
            throw(&ctx, ops::process::chdir(&state(&ctx).op, &dir))
        },
    )?;
    set(ctx, o, "op_env_get", |ctx: Ctx<'js>, name: String| {
        ops::process::env_get(&state(&ctx).op, &name)
    })?;
    set(ctx, o, "op_env_keys", |ctx: Ctx<'js>| {
        ops::process::env_keys(&state(&ctx).op)
    })?;
    set(ctx, o, "op_hrtime", || {
        let (s, ns) = ops::process::hrtime();
        vec![s, ns]
    })?;
    set(ctx, o, "op_now", |ctx: Ctx<'js>| {
        state(&ctx).op.start.elapsed().as_secs_f64() * 1000.0
    })?;
    set(ctx, o, "op_time_origin", |ctx: Ctx<'js>| {
        let since_start = state(&ctx).op.start.elapsed();
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap_or_default();
        (now.saturating_sub(since_start)).as_secs_f64() * 1000.0
    })?;
    set(
        ctx,
        o,
        "op_memory_usage",
        |ctx: Ctx<'js>| -> Result<Value<'js>> {
            let mut usage = std::mem::MaybeUninit::<rquickjs::qjs::JSMemoryUsage>::zeroed();
            // SAFETY: JS_ComputeMemoryUsage fills the struct for the runtime that owns `ctx`.
            let usage = unsafe {
                rquickjs::qjs::JS_ComputeMemoryUsage(
                    rquickjs::qjs::JS_GetRuntime(ctx.as_raw().as_ptr()),
                    usage.as_mut_ptr(),
                );
                usage.assume_init()
            };
            convert::to_js(
                &ctx,
                OpValue::Object(vec![
                    ("rss", ops::process::rss().into()),
                    ("heapTotal", (usage.malloc_size as f64).into()),
                    ("heapUsed", (usage.memory_used_size as f64).into()),
                    ("external", 0.0.into()),
                    ("arrayBuffers", 0.0.into()),
                ]),
            )
        },
    )?;
    set(
        ctx,
        o,
        "op_kill",
        |ctx: Ctx<'js>, pid: i32, signal: Value<'js>| -> Result<()> {
            let sig = if let Some(n) = signal.as_int() {
                n
            } else {
                let name: String = signal.get()?;
                match ops::process::signal_number(&name) {
                    Some(n) => n,
                    None => {
                        return throw(
                            &ctx,
                            Err(OpError::code(
                                "ERR_UNKNOWN_SIGNAL",
                                format!("Unknown signal: {name}"),
                            )),
                        )
                    }
                }
            };
            throw(&ctx, ops::process::kill(&state(&ctx).op, pid, sig))
        },
    )?;
    set(
        ctx,
        o,
        "op_signal_listen",
        |ctx: Ctx<'js>, name: String, f: Function<'js>| -> Result<f64> {
            let Some(signo) = ops::process::signal_number(&name) else {
                return throw(
                    &ctx,
                    Err(OpError::code(
                        "ERR_UNKNOWN_SIGNAL",
                        format!("Unknown signal: {name}"),
                    )),
                );
            };
            let st = state(&ctx);
            let id = st.next_id();
            st.listeners
                .borrow_mut()
                .insert(id, Persistent::save(&ctx, f));
            let tx = st.tx.clone();
            let mut stream =
                match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::from_raw(signo))
                {
                    Ok(s) => s,
                    Err(e) => return throw(&ctx, Err(OpError::io(&e, "signal", None))),
                };
            tokio::spawn(async move {
                while stream.recv().await.is_some() {
                    if tx
                        .send(Completion::Event {
                            listener: id,
                            value: OpValue::Undefined,
                        })
                        .is_err()
                    {
                        break;
                    }
                }
            });
            Ok(id as f64)
        },
    )?;
    set(ctx, o, "op_signal_unlisten", |ctx: Ctx<'js>, id: f64| {
        state(&ctx).listeners.borrow_mut().remove(&(id as u64));
    })?;
    // AsyncLocalStorage's current frame lives in the (patched) engine: every promise reaction
    // captures it at then()/await and runs in it (vendor/rquickjs-sys/PATCHES.md).
    set(
        ctx,
        o,
        "op_async_context_get",
        |ctx: Ctx<'js>| -> Value<'js> {
            // SAFETY: JS_GetAsyncContext returns a new reference, which the Value owns.
            unsafe { Value::from_raw(ctx.clone(), JS_GetAsyncContext(ctx.as_raw().as_ptr())) }
        },
    )?;
    set(
        ctx,
        o,
        "op_async_context_set",
        |ctx: Ctx<'js>, frame: Value<'js>| {
            // SAFETY: the engine takes ownership of the reference duplicated here; `frame` still
            // drops its own.
            unsafe {
                let raw = rquickjs::qjs::JS_DupValue(ctx.as_raw().as_ptr(), frame.as_raw());
                JS_SetAsyncContext(ctx.as_raw().as_ptr(), raw);
            }
        },
    )?;
    set(
        ctx,
        o,
        "op_run_microtasks",
        |ctx: Ctx<'js>| -> Result<bool> {
            run_microtasks(&ctx)?;
            // Whether rejections were tracked meanwhile: only then has processRejections work.
            Ok(!state(&ctx).rejections.borrow().is_empty())
        },
    )?;
    set(
        ctx,
        o,
        "op_take_rejections",
        |ctx: Ctx<'js>| -> Result<Array<'js>> {
            let st = state(&ctx);
            let taken: Vec<_> = st.rejections.borrow_mut().drain(..).collect();
            let out = Array::new(ctx.clone())?;
            for (i, (promise, reason, handled)) in taken.into_iter().enumerate() {
                let entry = Array::new(ctx.clone())?;
                entry.set(0, promise.restore(&ctx)?)?;
                entry.set(1, reason.restore(&ctx)?)?;
                entry.set(2, handled)?;
                out.set(i, entry)?;
            }
            Ok(out)
        },
    )?;
    set(
        ctx,
        o,
        "op_module_resolve",
        |ctx: Ctx<'js>,
         spec: String,
         parent: Opt<Option<String>>,
         mode: String|
         -> Result<Value<'js>> {
            let mode = if mode == "import" {
                resolve::Mode::Import
            } else {
                resolve::Mode::Require
            };
            let parent = parent.0.flatten().map(std::path::PathBuf::from);
            let parent = parent.unwrap_or_else(|| state(&ctx).op.cwd.borrow().join("[eval]"));
            let resolved = throw(
                &ctx,
                resolve::resolve(
                    &spec,
                    Some(&parent),
                    mode,
                    &loader::builtin_exists,
                    &state(&ctx).op,
                ),
            )?;
            let v = match resolved {
                resolve::Resolved::Builtin(name) => OpValue::Object(vec![("builtin", name.into())]),
                resolve::Resolved::File(path) => {
                    let format = match resolve::format_of(&state(&ctx).op, &path) {
                        resolve::Format::CommonJs => "commonjs",
                        resolve::Format::Module => "module",
                        resolve::Format::Json => "json",
                        resolve::Format::Wasm => "wasm",
                    };
                    OpValue::Object(vec![
                        ("path", path.to_string_lossy().into_owned().into()),
                        ("format", format.into()),
                    ])
                }
            };
            convert::to_js(&ctx, v)
        },
    )?;
    set(ctx, o, "op_module_read", |ctx: Ctx<'js>, path: String| {
        read_module_source(&ctx, &path)
    })?;
    set(
        ctx,
        o,
        "op_compile_function",
        |ctx: Ctx<'js>, source: String, filename: String| -> Result<Value<'js>> {
            let mut opts = rquickjs::context::EvalOptions::default();
            opts.global = true;
            opts.strict = false;
            opts.filename = Some(filename);
            ctx.eval_with_options::<Value, _>(source, opts)
        },
    )?;
    set(
        ctx,
        o,
        "op_eval_script",
        |ctx: Ctx<'js>, source: String, filename: String| -> Result<Value<'js>> {
            let mut opts = rquickjs::context::EvalOptions::default();
            opts.global = true;
            opts.strict = false;
            opts.filename = Some(filename);
            ctx.eval_with_options::<Value, _>(source, opts)
        },
    )?;
    set(
        ctx,
        o,
        "op_require_builtin",
        |ctx: Ctx<'js>, name: String| require_builtin(&ctx, &name),
    )?;
    set(ctx, o, "op_require_esm", |ctx: Ctx<'js>, path: String| {
        require_esm(&ctx, &path)
    })?;
    set(ctx, o, "op_builtin_list", || {
        loader::public_builtins()
            .map(str::to_owned)
            .collect::<Vec<_>>()
    })?;
    set(
        ctx,
        o,
        "op_source_line",
        |ctx: Ctx<'js>, path: String, line: usize| -> Option<String> {
            resolve::source_line(&state(&ctx).op, &path, line)
        },
    )?;
    set(
        ctx,
        o,
        "op_url_parse",
        |ctx: Ctx<'js>, input: String, base: Opt<Option<String>>| -> Result<Value<'js>> {
            let parsed = throw(&ctx, ops::url::parse(&input, base.0.flatten().as_deref()))?;
            convert::to_js(&ctx, parsed)
        },
    )?;
    set(
        ctx,
        o,
        "op_url_set",
        |ctx: Ctx<'js>, href: String, field: String, value: String| -> Result<Value<'js>> {
            let parsed = throw(&ctx, ops::url::set(&href, &field, &value))?;
            convert::to_js(&ctx, parsed)
        },
    )?;
    set(ctx, o, "op_url_domain_to_ascii", |d: String| {
        ops::url::domain_to_ascii(&d)
    })?;
    // The op named `name` (undefined if there is none), made now if it was not yet: for a
    // polyfill that picks ops by name at run time (internal/fs/utils.js), which a list of
    // imports cannot name up front.
    set(
        ctx,
        o,
        "op_lookup",
        |ctx: Ctx<'js>, name: String| -> Result<Value<'js>> {
            match lookup(&name) {
                Some((name, _)) => ops(&ctx, &[name])?.get(name),
                None => Ok(Value::new_undefined(ctx)),
            }
        },
    )?;
    set(
        ctx,
        o,
        "op_set_error_factory",
        |ctx: Ctx<'js>, f: Function<'js>| {
            *state(&ctx).error_factory.borrow_mut() = Some(Persistent::save(&ctx, f));
        },
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn made_by(ctx: &Ctx<'_>, register: Register, wanted: Vec<&'static str>) -> Vec<String> {
        let obj = Object::new(ctx.clone()).unwrap();
        let sink = OpSink {
            obj: obj.clone(),
            wanted,
        };
        register(ctx, &sink).unwrap();
        let mut made: Vec<String> = obj.keys::<String>().map(|k| k.unwrap()).collect();
        made.sort();
        made
    }

    /// Ops are made from their group's list: one its `register` does not make would export
    /// `undefined`, and one missing from the list could not be imported.
    #[test]
    fn each_group_makes_exactly_the_ops_it_lists() {
        let rt = rquickjs::Runtime::new().unwrap();
        let context = rquickjs::Context::full(&rt).unwrap();
        context.with(|ctx| {
            for (names, register) in GROUPS {
                let mut listed: Vec<String> = names.iter().map(|n| n.to_string()).collect();
                listed.sort();
                assert_eq!(made_by(&ctx, *register, op_names().collect()), listed);
            }
        });
    }

    #[test]
    fn a_group_makes_only_the_ops_asked_for() {
        let rt = rquickjs::Runtime::new().unwrap();
        let context = rquickjs::Context::full(&rt).unwrap();
        context.with(|ctx| {
            let fs = GROUPS[group_of("op_fs_stat_sync").unwrap()].1;
            assert_eq!(
                made_by(&ctx, fs, vec!["op_fs_stat_sync", "op_os_info", "op_cwd"]),
                ["op_fs_stat_sync", "op_os_info"]
            );
            assert!(made_by(&ctx, fs, vec![]).is_empty());
        });
    }

    #[test]
    fn op_names_are_unique() {
        let mut names: Vec<_> = op_names().collect();
        let count = names.len();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), count);
    }
}
