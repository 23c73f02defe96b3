//! The only code that knows the JS engine (QuickJS-ng via rquickjs). Everything else talks to it
//! through `run` and the ops table, so another engine could replace this module alone.

mod bind;
mod bind_buffer;
mod bind_crypto;
mod bind_dns;
mod bind_fs;
mod bind_http;
mod bind_net;
mod bind_process;
mod bind_serve;
mod bind_tls;
mod bind_wasm;
mod bind_worker;
mod convert;
mod globals;
mod loader;
mod qjs_patch;

use qjs_patch::{JS_GetMallocSize, JS_ImportModuleNow};
use std::{
    cell::{Cell, RefCell},
    collections::{HashMap, HashSet},
    rc::Rc,
    sync::{
        atomic::{AtomicBool, Ordering},
        Arc,
    },
    time::{Duration, Instant},
};

use rquickjs::{
    context::intrinsic, CatchResultExt, CaughtError, Context, Ctx, Function, JsLifetime, Object,
    Persistent, Promise, Runtime, Value,
};
use tokio::sync::mpsc;

use crate::ops::{OpError, OpState, OpValue};

/// What to run.
pub enum Main {
    /// A file, by absolute path.
    File(std::path::PathBuf),
    /// `-e` / `-p` / stdin source, evaluated as a CommonJS-like script in the cwd.
    Eval { source: String, print: bool },
    /// An expression whose value (awaited if a promise) the host gets back as JSON or bytes.
    Expression(String),
    /// `atoll serve`: the file's default export `{ fetch }` answers HTTP on `host:port`.
    Serve {
        path: std::path::PathBuf,
        host: String,
        port: u16,
    },
}

/// What an embedded run produced.
#[derive(Debug, Clone, PartialEq)]
pub enum ResultValue {
    /// `JSON.stringify` of the value.
    Json(String),
    /// A `Uint8Array`/`Buffer` value, as bytes.
    Bytes(Vec<u8>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    pub exit_code: i32,
    /// For `Main::Expression`: the value, or the error it threw/rejected with (as printed text).
    pub result: Option<Result<ResultValue, String>>,
    /// Bytes QuickJS had allocated when the program ended.
    pub heap_bytes: usize,
}

/// Stops a running program from another thread: wakes the loop if it is idle and interrupts JS
/// if it is running.
#[derive(Debug, Default)]
pub struct TerminateHandle {
    flag: AtomicBool,
    notify: tokio::sync::Notify,
}

impl TerminateHandle {
    pub fn terminate(&self) {
        self.flag.store(true, Ordering::SeqCst);
        self.notify.notify_one();
    }

    pub fn is_terminated(&self) -> bool {
        self.flag.load(Ordering::SeqCst)
    }
}

pub struct Options {
    pub op_state: OpState,
    pub main: Main,
    /// Native stack the runtime's thread has; QuickJS gets a limit below it.
    pub stack_size: usize,
    pub limits: crate::cli::Limits,
    /// Set from any thread to stop the program (the embedding API's terminate).
    pub terminate: Option<Arc<TerminateHandle>>,
}

/// Why the runtime stopped a program from outside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Termination {
    CpuTime(u64),
    Timeout(u64),
    HeapExhausted,
    Requested,
    /// `process.exit(code)`.
    Exit(i32),
    /// An error the runtime could not report through JS (already printed).
    Fatal,
}

impl Termination {
    pub fn exit_code(self) -> i32 {
        match self {
            Termination::CpuTime(_) | Termination::Timeout(_) => 124,
            Termination::HeapExhausted => 134,
            Termination::Requested => 143,
            Termination::Exit(code) => code,
            Termination::Fatal => 70,
        }
    }

    pub fn message(self) -> String {
        match self {
            Termination::CpuTime(ms) => {
                format!("atoll: script exceeded --max-cpu-time={ms} (CPU time limit); stopped")
            }
            Termination::Timeout(ms) => {
                format!("atoll: script exceeded --timeout={ms} (wall-clock limit); stopped")
            }
            Termination::HeapExhausted => {
                "atoll: JavaScript heap out of memory (--max-heap limit reached); stopped".into()
            }
            Termination::Requested => "atoll: terminated by the host".into(),
            Termination::Exit(_) | Termination::Fatal => String::new(),
        }
    }

    /// Print why the program stopped (nothing for a plain exit).
    fn report(self) -> i32 {
        let message = self.message();
        // Whoever called terminate() (the embedding host, or a worker's parent as in Node)
        // already knows why: printing it would only clutter the host's stderr.
        let quiet = self == Termination::Requested;
        if !message.is_empty() && !quiet {
            eprintln!("{message}");
        }
        self.exit_code()
    }
}

/// An async op's completion, delivered on the loop thread.
pub(crate) enum Completion {
    Op {
        id: u64,
        result: Result<OpValue, OpError>,
    },
    /// A repeating event source (signals, stdin data) calling a stored JS function.
    Event { listener: u64, value: OpValue },
}

type Pf = Persistent<Function<'static>>;
/// (promise, reason, handled) as QuickJS's rejection tracker reported it.
type TrackedRejection = (Persistent<Value<'static>>, Persistent<Value<'static>>, bool);

/// Per-runtime engine state, reachable from any `Ctx` through userdata.
pub(crate) struct EngineState {
    pub op: OpState,
    next_id: Cell<u64>,
    pending: RefCell<HashMap<u64, (Pf, Pf)>>,
    /// Pending ops that keep the loop alive (all async ops; listeners do not).
    refs: Cell<usize>,
    listeners: RefCell<HashMap<u64, Pf>>,
    tx: mpsc::UnboundedSender<Completion>,
    rejections: RefCell<Vec<TrackedRejection>>,
    builtin_ns: RefCell<HashMap<String, Persistent<Object<'static>>>>,
    pub error_factory: RefCell<Option<Pf>>,
    /// Module names of generated ESM facades over CommonJS files (they may import `atoll:`).
    facades: RefCell<HashSet<String>>,
    /// The op functions made so far (`bind::ops`), by name.
    ops: RefCell<Option<Persistent<Object<'static>>>>,
    terminated: Rc<Cell<Option<Termination>>>,
    /// Wall-clock deadline from `--timeout`.
    deadline: Option<(Instant, u64)>,
    /// The limits' check (also records the `Termination`); `None` when there are no limits.
    pub should_stop: Option<Rc<dyn Fn() -> bool>>,
}

#[derive(Clone)]
pub(crate) struct StateHandle(pub Rc<EngineState>);

// SAFETY: StateHandle holds no JS values with a lifetime; Persistent values are 'static.
unsafe impl<'js> JsLifetime<'js> for StateHandle {
    type Changed<'to> = StateHandle;
}

pub(crate) fn state(ctx: &Ctx<'_>) -> Rc<EngineState> {
    ctx.userdata::<StateHandle>()
        .expect("engine state installed at start-up")
        .0
        .clone()
}

impl EngineState {
    fn next_id(&self) -> u64 {
        let id = self.next_id.get() + 1;
        self.next_id.set(id);
        id
    }
}

/// Run a program to completion; returns the process exit code.
/// Run a program to completion; returns the process exit code.
pub fn run(opts: Options) -> i32 {
    run_to_outcome(opts).exit_code
}

/// Heap size at which the first automatic GC runs.
const START_GC_THRESHOLD: usize = 2 << 20;

/// Run a program to completion on this thread, reporting its exit code and result.
pub fn run_to_outcome(opts: Options) -> Outcome {
    let fail = |code| Outcome {
        exit_code: code,
        result: None,
        heap_bytes: 0,
    };
    let tokio_rt = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("atoll: cannot start the event loop: {e}");
            return fail(70);
        }
    };
    let rt = match Runtime::new() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("atoll: cannot create a JS runtime: {e}");
            return fail(70);
        }
    };
    // QuickJS measures stack from this thread. Only an eighth of it goes to JS: past ~16 MiB of
    // JS frames, unwinding the RangeError itself overflowed a 64 MiB (or 256 MiB) native stack.
    rt.set_max_stack_size(opts.stack_size / 8);
    // QuickJS's first automatic GC comes at 256 KiB, in the middle of start-up (~0.5 MB of
    // bootstrap that is nearly all live): a tiny program would pay for a cycle scan that frees
    // almost nothing. After the first GC, QuickJS sets the threshold from the live size itself.
    rt.set_gc_threshold(START_GC_THRESHOLD);
    // Every intrinsic of `Context::full` but QuickJS's own atob/btoa and `performance`: the lazy
    // globals of the same names (engine/globals.rs) replace them before any JS runs, so making
    // them was wasted work (~2% of a short-lived runtime).
    let ctx = match Context::custom::<(
        intrinsic::Date,
        intrinsic::Eval,
        intrinsic::RegExp,
        intrinsic::Json,
        intrinsic::Proxy,
        intrinsic::MapSet,
        intrinsic::TypedArrays,
        intrinsic::Promise,
        intrinsic::WeakRef,
    )>(&rt)
    {
        Ok(c) => c,
        Err(e) => {
            eprintln!("atoll: cannot create a JS context: {e}");
            return fail(70);
        }
    };
    if let Some(bytes) = opts.limits.max_heap {
        rt.set_memory_limit(bytes);
    }
    opts.op_state
        .resources
        .set_limits(opts.limits.max_handles, opts.limits.max_children);
    let terminated: Rc<Cell<Option<Termination>>> = Rc::default();
    let deadline = opts
        .limits
        .timeout_ms
        .map(|ms| (Instant::now() + Duration::from_millis(ms), ms));
    let mut should_stop: Option<Rc<dyn Fn() -> bool>> = None;
    if opts.limits.max_cpu_ms.is_some() || deadline.is_some() || opts.terminate.is_some() {
        let terminated = terminated.clone();
        let cpu_limit = opts
            .limits
            .max_cpu_ms
            .map(|ms| (crate::ops::limits::thread_cpu_ms(), ms));
        let flag = opts.terminate.clone();
        // Whether the program must stop now (recording why). QuickJS calls it every few
        // thousand instructions (and inside regexp matching): returning true raises an
        // uncatchable exception that unwinds all JS. Wasm called from JS checks it on epoch
        // ticks (engine/bind_wasm.rs).
        let stop: Rc<dyn Fn() -> bool> = Rc::new(move || {
            if terminated.get().is_some() {
                return true;
            }
            let why = if flag.as_ref().is_some_and(|f| f.is_terminated()) {
                Some(Termination::Requested)
            } else if let Some((at, ms)) = deadline.filter(|(at, _)| Instant::now() >= *at) {
                let _ = at;
                Some(Termination::Timeout(ms))
            } else if let Some((start, ms)) =
                cpu_limit.filter(|(start, ms)| crate::ops::limits::thread_cpu_ms() - start > *ms)
            {
                let _ = start;
                Some(Termination::CpuTime(ms))
            } else {
                None
            };
            terminated.set(why);
            why.is_some()
        });
        let check = stop.clone();
        rt.set_interrupt_handler(Some(Box::new(move || check())));
        should_stop = Some(stop);
    }
    let (tx, rx) = mpsc::unbounded_channel();
    let st = Rc::new(EngineState {
        op: opts.op_state,
        next_id: Cell::new(0),
        pending: RefCell::default(),
        refs: Cell::new(0),
        listeners: RefCell::default(),
        tx,
        rejections: RefCell::default(),
        builtin_ns: RefCell::default(),
        error_factory: RefCell::default(),
        facades: RefCell::default(),
        ops: RefCell::default(),
        terminated,
        deadline,
        should_stop,
    });
    rt.set_loader(loader::AtollResolver, loader::AtollLoader);
    {
        let st = st.clone();
        rt.set_host_promise_rejection_tracker(Some(Box::new(
            move |ctx, promise, reason, handled| {
                st.rejections.borrow_mut().push((
                    Persistent::save(&ctx, promise),
                    Persistent::save(&ctx, reason),
                    handled,
                ));
            },
        )));
    }
    let terminate = opts.terminate.clone();
    let (code, result) = tokio_rt.block_on(async {
        let hooks = ctx.with(|ctx| -> Result<Persistent<Object<'static>>, String> {
            let _ = ctx.store_userdata(StateHandle(st.clone()));
            globals::install(&ctx)
                .catch(&ctx)
                .map_err(|e| format!("globals: {e}"))?;
            let ns = require_builtin(&ctx, "atoll:internal/bootstrap")
                .catch(&ctx)
                .map_err(|e| format!("bootstrap: {e}"))?;
            let hooks: Object = ns
                .get::<_, Function>("bootstrap")
                .and_then(|f| f.call(()))
                .catch(&ctx)
                .map_err(|e| format!("bootstrap: {e}"))?;
            if crate::ops::worker::is_worker_thread() {
                require_builtin(&ctx, "atoll:internal/worker/init")
                    .and_then(|ns| ns.get::<_, Function>("init")?.call::<_, ()>(()))
                    .catch(&ctx)
                    .map_err(|e| format!("worker init: {e}"))?;
            }
            Ok(Persistent::save(&ctx, hooks))
        });
        let hooks = match hooks {
            Ok(h) => h,
            Err(e) => {
                // A worker terminated while starting is not an internal error.
                if !terminate.as_ref().is_some_and(|t| t.is_terminated()) {
                    eprintln!("atoll: internal error during start-up: {e}");
                }
                return (70, None);
            }
        };
        let wants_result = matches!(opts.main, Main::Expression(_));
        let code = event_loop(&ctx, &st, hooks.clone(), opts.main, rx, terminate).await;
        let result = if wants_result && st.terminated.get().is_none() {
            ctx.with(|ctx| take_result(&ctx, hooks))
        } else {
            None
        };
        (code, result)
    });
    // SAFETY: reads the allocation counter of the live runtime that owns this context (a
    // vendored QuickJS addition; JS_ComputeMemoryUsage would walk the whole heap for it).
    let heap_bytes = ctx.with(|ctx| unsafe {
        JS_GetMallocSize(rquickjs::qjs::JS_GetRuntime(ctx.as_raw().as_ptr()))
    });
    // Tear down in order: pending JS references, then context, then runtime.
    st.pending.borrow_mut().clear();
    st.listeners.borrow_mut().clear();
    st.rejections.borrow_mut().clear();
    st.builtin_ns.borrow_mut().clear();
    st.error_factory.borrow_mut().take();
    st.ops.borrow_mut().take();
    drop(tokio_rt);
    Outcome {
        exit_code: code,
        result,
        heap_bytes,
    }
}

/// The settled value of a `Main::Expression` program.
fn take_result(
    ctx: &Ctx<'_>,
    hooks: Persistent<Object<'static>>,
) -> Option<Result<ResultValue, String>> {
    let hooks = hooks.restore(ctx).ok()?;
    let r: Object = call_hook(ctx, &hooks, "takeResult", ())?;
    if let Ok(Some(e)) = r.get::<_, Option<String>>("error") {
        return Some(Err(e));
    }
    if let Ok(v) = r.get::<_, Value>("bytes") {
        if !v.is_undefined() {
            return convert::bytes_from_js(ctx, &v)
                .ok()
                .map(|b| Ok(ResultValue::Bytes(b)));
        }
    }
    r.get::<_, String>("json")
        .ok()
        .map(|j| Ok(ResultValue::Json(j)))
}

/// Call `hooks[name](...args)`; a JS exception here is routed to the uncaught handler.
fn call_hook<'js, R: rquickjs::FromJs<'js>>(
    ctx: &Ctx<'js>,
    hooks: &Object<'js>,
    name: &str,
    args: impl rquickjs::function::IntoArgs<'js>,
) -> Option<R> {
    let f: Function = hooks.get(name).ok()?;
    match f.call::<_, R>(args).catch(ctx) {
        Ok(v) => Some(v),
        Err(err) => {
            report_fatal(ctx, hooks, err);
            None
        }
    }
}

/// An exception escaped a hook (which already routes user errors to 'uncaughtException'):
/// hand it to the JS handler once more, else print it.
fn report_fatal<'js>(ctx: &Ctx<'js>, hooks: &Object<'js>, err: CaughtError<'js>) {
    let st = state(ctx);
    if st.terminated.get().is_some() {
        // The interrupt handler stopped JS on purpose; the loop reports it.
        return;
    }
    if let CaughtError::Exception(e) = &err {
        if e.message().is_some_and(|m| m == "out of memory") {
            st.terminated.set(Some(Termination::HeapExhausted));
            return;
        }
    }
    let value = match err {
        CaughtError::Exception(e) => e.into_value(),
        CaughtError::Value(v) => v,
        CaughtError::Error(e) => {
            eprintln!("atoll: {e}");
            st.terminated.set(Some(Termination::Fatal));
            return;
        }
    };
    if let Ok(f) = hooks.get::<_, Function>("handleUncaught") {
        if f.call::<_, ()>((value,)).is_ok() {
            return;
        }
    }
    if st.terminated.get().is_none() {
        eprintln!("atoll: uncaught error in the event loop");
        st.terminated.set(Some(Termination::Fatal));
    }
}

async fn event_loop(
    context: &Context,
    st: &Rc<EngineState>,
    hooks: Persistent<Object<'static>>,
    main: Main,
    mut rx: mpsc::UnboundedReceiver<Completion>,
    terminate: Option<Arc<TerminateHandle>>,
) -> i32 {
    // The entry script runs, then its nextTicks and microtasks drain (Node's order).
    context.with(|ctx| {
        let hooks = hooks.clone().restore(&ctx).expect("hooks");
        match main {
            Main::File(path) => {
                call_hook::<()>(
                    &ctx,
                    &hooks,
                    "runMain",
                    (path.to_string_lossy().to_string(),),
                );
            }
            Main::Eval { source, print } => {
                call_hook::<()>(&ctx, &hooks, "runEval", (source, print));
            }
            Main::Expression(source) => {
                call_hook::<()>(&ctx, &hooks, "runExpression", (source,));
            }
            Main::Serve { path, host, port } => {
                let path = path.to_string_lossy().to_string();
                call_hook::<()>(&ctx, &hooks, "runServe", (path, host, port));
            }
        }
        call_hook::<()>(&ctx, &hooks, "runTicks", ());
    });
    if let Some(t) = st.terminated.get() {
        return t.report();
    }
    loop {
        // timers phase; returns ms until the next timer, or -1 when none.
        let next_timer: f64 = context.with(|ctx| {
            let hooks = hooks.clone().restore(&ctx).expect("hooks");
            call_hook::<f64>(&ctx, &hooks, "runTimers", ()).unwrap_or(-1.0)
        });
        if let Some(t) = st.terminated.get() {
            return t.report();
        }
        let (has_immediates, js_refs): (bool, bool) = context.with(|ctx| {
            let hooks = hooks.clone().restore(&ctx).expect("hooks");
            (
                call_hook::<bool>(&ctx, &hooks, "hasImmediates", ()).unwrap_or(false),
                call_hook::<bool>(&ctx, &hooks, "hasRefs", ()).unwrap_or(false),
            )
        });
        if let Some(t) = st.terminated.get() {
            return t.report();
        }
        let alive = js_refs || st.refs.get() > 0;
        if !alive {
            // 'beforeExit' may schedule more work; if it does not, the process ends.
            let again = context.with(|ctx| {
                let hooks = hooks.clone().restore(&ctx).expect("hooks");
                call_hook::<()>(&ctx, &hooks, "emitBeforeExit", ());
                call_hook::<bool>(&ctx, &hooks, "hasRefs", ()).unwrap_or(false)
            });
            if let Some(t) = st.terminated.get() {
                return t.report();
            }
            if !again && st.refs.get() == 0 {
                break;
            }
            continue;
        }
        // poll phase: wait for I/O until the next timer is due (not at all if immediates wait).
        let wait = if has_immediates {
            Some(Duration::ZERO)
        } else if next_timer >= 0.0 {
            Some(Duration::from_micros((next_timer * 1000.0) as u64))
        } else {
            None
        };
        let wait = match st.deadline {
            Some((at, _)) => {
                let left = at.saturating_duration_since(Instant::now());
                Some(wait.map_or(left, |w| w.min(left)))
            }
            None => wait,
        };
        let recv = async {
            match wait {
                Some(d) if d.is_zero() => rx.try_recv().ok(),
                Some(d) => tokio::time::timeout(d, rx.recv()).await.ok().flatten(),
                None => rx.recv().await,
            }
        };
        let first = match &terminate {
            Some(t) => tokio::select! {
                got = recv => got,
                _ = t.notify.notified() => None,
            },
            None => recv.await,
        };
        if terminate.as_ref().is_some_and(|t| t.is_terminated()) {
            return Termination::Requested.report();
        }
        if let Some((at, ms)) = st.deadline {
            if Instant::now() >= at {
                eprintln!("{}", Termination::Timeout(ms).message());
                return Termination::Timeout(ms).exit_code();
            }
        }
        if let Some(first) = first {
            let mut batch = vec![first];
            while let Ok(more) = rx.try_recv() {
                batch.push(more);
            }
            context.with(|ctx| {
                let hooks = hooks.clone().restore(&ctx).expect("hooks");
                for completion in batch {
                    deliver(&ctx, st, &hooks, completion);
                    call_hook::<()>(&ctx, &hooks, "runTicks", ());
                }
            });
            if let Some(t) = st.terminated.get() {
                return t.report();
            }
        }
        // check phase.
        if has_immediates {
            context.with(|ctx| {
                let hooks = hooks.clone().restore(&ctx).expect("hooks");
                call_hook::<()>(&ctx, &hooks, "runImmediates", ());
            });
            if let Some(t) = st.terminated.get() {
                return t.report();
            }
        }
    }
    context.with(|ctx| {
        let hooks = hooks.clone().restore(&ctx).expect("hooks");
        call_hook::<i32>(&ctx, &hooks, "emitExit", ()).unwrap_or(1)
    })
}

fn deliver<'js>(ctx: &Ctx<'js>, st: &EngineState, hooks: &Object<'js>, completion: Completion) {
    match completion {
        Completion::Op { id, result } => {
            let Some((resolve, reject)) = st.pending.borrow_mut().remove(&id) else {
                return;
            };
            st.refs.set(st.refs.get().saturating_sub(1));
            let outcome = match result {
                Ok(v) => {
                    convert::to_js(ctx, v).and_then(|v| resolve.restore(ctx)?.call::<_, ()>((v,)))
                }
                Err(e) => convert::op_error_to_js(ctx, e)
                    .and_then(|v| reject.restore(ctx)?.call::<_, ()>((v,))),
            };
            if let Err(e) = outcome.catch(ctx) {
                report_fatal(ctx, hooks, e);
            }
        }
        Completion::Event { listener, value } => {
            let f = st.listeners.borrow().get(&listener).cloned();
            if let Some(f) = f {
                let outcome =
                    convert::to_js(ctx, value).and_then(|v| f.restore(ctx)?.call::<_, ()>((v,)));
                if let Err(e) = outcome.catch(ctx) {
                    report_fatal(ctx, hooks, e);
                }
            }
        }
    }
}

/// `name` imported now (loaded unless it is already, linked and evaluated) through QuickJS's
/// own module registry, so `require()` and `import` share one instance: its namespace, and
/// whether its evaluation is still pending (top-level await). The module's exception if its
/// evaluation threw. A module still being evaluated further up the stack (a require cycle)
/// gives its namespace as it is so far.
fn import_now<'js>(ctx: &Ctx<'js>, name: &str) -> rquickjs::Result<(Object<'js>, bool)> {
    let name = std::ffi::CString::new(name)?;
    let c = ctx.as_raw().as_ptr();
    let mut module = std::ptr::null_mut();
    // SAFETY: a live context and NUL-terminated strings. The base is a built-in's name, so the
    // resolver trusts the import as it trusts a polyfill's. On success `module` is a module of
    // this context, which keeps it for its lifetime; both returned values are new references
    // owned by the `Value`s made from them.
    unsafe {
        let raw = JS_ImportModuleNow(c, c"atoll:require".as_ptr(), name.as_ptr(), &mut module);
        if rquickjs::qjs::JS_VALUE_GET_NORM_TAG(raw) == rquickjs::qjs::JS_TAG_EXCEPTION {
            return Err(rquickjs::Error::Exception);
        }
        let promise = Value::from_raw(ctx.clone(), raw).into_promise();
        let pending = match promise.map(|p| p.result::<Value>()) {
            Some(Some(Err(e))) => return Err(e),
            Some(None) => true,
            Some(Some(Ok(_))) | None => false,
        };
        let ns = rquickjs::qjs::JS_GetModuleNamespace(c, module);
        if rquickjs::qjs::JS_VALUE_GET_NORM_TAG(ns) == rquickjs::qjs::JS_TAG_EXCEPTION {
            return Err(rquickjs::Error::Exception);
        }
        let ns = Value::from_raw(ctx.clone(), ns)
            .into_object()
            .ok_or(rquickjs::Error::Unknown)?;
        Ok((ns, pending))
    }
}

/// The namespace of built-in `name` (`node:fs`, `atoll:internal/x`), evaluating it on first use.
pub(crate) fn require_builtin<'js>(ctx: &Ctx<'js>, name: &str) -> rquickjs::Result<Object<'js>> {
    let st = state(ctx);
    if let Some(ns) = st.builtin_ns.borrow().get(name) {
        return ns.clone().restore(ctx);
    }
    // Built-ins have no top-level await: evaluation has finished.
    let (ns, _) = import_now(ctx, name)?;
    st.builtin_ns
        .borrow_mut()
        .insert(name.to_owned(), Persistent::save(ctx, ns.clone()));
    Ok(ns)
}

/// `require()` of an ES module file (Node 20.19+): its namespace, if it evaluates without
/// top-level await. Goes through the module registry, so `import` shares the instance.
pub(crate) fn require_esm<'js>(ctx: &Ctx<'js>, path: &str) -> rquickjs::Result<Object<'js>> {
    match import_now(ctx, path)? {
        (ns, false) => Ok(ns),
        (_, true) => Err(convert::throw_op_error(
            ctx,
            OpError::code(
                "ERR_REQUIRE_ASYNC_MODULE",
                format!("require() cannot be used on an ESM graph with top-level await. Use import() instead. To see where the top-level await comes from, use --experimental-print-required-tla.\n  From {path}"),
            ),
        )),
    }
}

/// Run queued promise jobs until none is left (`runMicrotasks`).
pub(crate) fn run_microtasks(ctx: &Ctx<'_>) -> rquickjs::Result<()> {
    while ctx.execute_pending_job() {
        // A job that called process.exit() (or was interrupted) must not let its caller go on.
        if state(ctx).terminated.get().is_some() {
            return Err(unwind(ctx));
        }
    }
    Ok(())
}

/// Stop all running JS now: an uncatchable exception unwinds every frame back to the loop,
/// which then ends with `terminated`'s exit code.
pub(crate) fn unwind(ctx: &Ctx<'_>) -> rquickjs::Error {
    let err = rquickjs::Exception::from_message(ctx.clone(), "atoll: execution stopped")
        .map(|e| e.into_value())
        .unwrap_or_else(|_| Value::new_undefined(ctx.clone()));
    // SAFETY: marks a live exception value of this context as uncatchable (QuickJS-ng API).
    unsafe { rquickjs::qjs::JS_SetUncatchableError(ctx.as_raw().as_ptr(), err.as_raw()) };
    ctx.throw(err)
}

/// `process.exit(code)`: record the code and unwind.
pub(crate) fn exit(ctx: &Ctx<'_>, code: i32) -> rquickjs::Error {
    use std::io::Write;
    let _ = std::io::stdout().flush();
    let st = state(ctx);
    if st.terminated.get().is_none() {
        st.terminated.set(Some(Termination::Exit(code)));
    }
    unwind(ctx)
}

/// Start an async op: returns a promise settled on the loop thread when `fut` completes.
pub(crate) fn spawn_op<'js, F>(ctx: &Ctx<'js>, fut: F) -> rquickjs::Result<Promise<'js>>
where
    F: std::future::Future<Output = Result<OpValue, OpError>> + Send + 'static,
{
    let (promise, id, tx) = pending_op(ctx)?;
    tokio::spawn(async move {
        let result = fut.await;
        let _ = tx.send(Completion::Op { id, result });
    });
    Ok(promise)
}

/// Start a blocking op (file I/O): `f` runs on tokio's blocking pool at once, and its result
/// goes from there straight to the loop, with no task on the loop thread in between.
pub(crate) fn spawn_blocking_op<'js, F>(ctx: &Ctx<'js>, f: F) -> rquickjs::Result<Promise<'js>>
where
    F: FnOnce() -> Result<OpValue, OpError> + Send + 'static,
{
    let (promise, id, tx) = pending_op(ctx)?;
    tokio::task::spawn_blocking(move || {
        // A panic must still settle the promise (and release the loop's reference).
        let result =
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).unwrap_or_else(|_| {
                Err(OpError::code(
                    "ERR_INTERNAL_ASSERTION",
                    "a blocking op panicked".to_string(),
                ))
            });
        let _ = tx.send(Completion::Op { id, result });
    });
    Ok(promise)
}

/// A new pending op: its promise, its id, and where its completion goes.
fn pending_op<'js>(
    ctx: &Ctx<'js>,
) -> rquickjs::Result<(Promise<'js>, u64, mpsc::UnboundedSender<Completion>)> {
    let st = state(ctx);
    let (promise, resolve, reject) = ctx.promise()?;
    let id = st.next_id();
    st.pending.borrow_mut().insert(
        id,
        (
            Persistent::save(ctx, resolve),
            Persistent::save(ctx, reject),
        ),
    );
    st.refs.set(st.refs.get() + 1);
    Ok((promise, id, st.tx.clone()))
}
