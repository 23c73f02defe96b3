//! `atoll:ops` exports for the `WebAssembly` namespace (`internal/web/webassembly.js`) and
//! `node:wasi` on wasmtime.
//!
//! One wasmtime `Engine` and one `Store` per JS runtime, made on first use and kept in the
//! context's userdata on the JS thread; every module instance, memory, table and global lives in
//! that store, so they can be shared between instances. JS refers to them by small integer
//! handles; exported functions are JS functions made here (one per wasmtime `Func`, cached, so
//! identity holds).
//!
//! Re-entrancy: a call from JS borrows the store for the duration of the wasm call. When wasm
//! calls a JS import, the host closure's `Caller` is pushed on `callers` and every store access
//! made by JS meanwhile (a nested call, `memory.buffer`, ...) goes through it instead of the
//! borrowed store. The JS context of the calling frame is kept (as a raw pointer) in the store
//! data for that time only; no `Ctx` outlives a call.
//!
//! Errors: traps become `WebAssembly.RuntimeError` (stack overflow a `RangeError`), a JS
//! exception thrown by an import is kept and rethrown, unchanged, where wasm returns to JS;
//! WASI `proc_exit` becomes a marker that `WASI.start` turns into the exit code (or
//! `process.exit` when `returnOnExit` is false).

use std::{
    cell::{Cell, RefCell},
    collections::HashMap,
    ptr::NonNull,
    rc::Rc,
    sync::{Arc, Mutex},
};

use rquickjs::{
    function::Rest, Array, ArrayBuffer, ArrayBufferSource, CatchResultExt, CaughtError, Ctx,
    Exception, Function, JsLifetime, Persistent, Result, Symbol, Value,
};
use wasmtime::{
    AsContextMut, Caller, Engine, Extern, ExternRef, ExternType, Func, FuncType, Global,
    GlobalType, HeapType, Instance, Linker, Memory, MemoryType, Module, Mutability, Ref,
    ResourceLimiter, RootScope, Store, StoreContextMut, Table, TableType, UpdateDeadline, Val,
    ValType,
};
use wasmtime_wasi::{p1::WasiP1Ctx, I32Exit};

use super::bind::OpSink;
use super::{convert, state};
use crate::ops::{self, wasm::WasiOptions};

/// How often wasm called from JS checks the runtime's limits.
const EPOCH_TICK: std::time::Duration = std::time::Duration::from_millis(10);

pub const WASM_OP_NAMES: &[&str] = &[
    "op_wasm_init",
    "op_wasm_validate",
    "op_wasm_compile",
    "op_wasm_module_imports",
    "op_wasm_module_exports",
    "op_wasm_module_custom_sections",
    "op_wasm_instantiate",
    "op_wasm_memory_new",
    "op_wasm_memory_buffer",
    "op_wasm_memory_grow",
    "op_wasm_table_new",
    "op_wasm_table_length",
    "op_wasm_table_get",
    "op_wasm_table_set",
    "op_wasm_table_grow",
    "op_wasm_global_new",
    "op_wasm_global_get",
    "op_wasm_global_set",
    "op_wasm_global_type",
    "op_wasi_create",
];

/// Store data.
struct Data {
    /// The `JSContext` of the JS frame currently calling into wasm (0: none).
    ctx: usize,
    wasis: Vec<WasiP1Ctx>,
    /// The WASI instance whose `proc_exit` ended the current call.
    exit_from: Option<usize>,
    /// Some memory grew since the buffers were last checked.
    grew: bool,
}

impl ResourceLimiter for Data {
    fn memory_growing(&mut self, _: usize, _: usize, _: Option<usize>) -> wasmtime::Result<bool> {
        self.grew = true;
        Ok(true)
    }

    fn table_growing(&mut self, _: usize, _: usize, _: Option<usize>) -> wasmtime::Result<bool> {
        Ok(true)
    }
}

/// A JS value handed to wasm as an `externref`: its id in `Wasm::externs`. Dropped by the
/// wasm GC, which queues the id for removal.
struct ExtId {
    id: u64,
    freed: Arc<Mutex<Vec<u64>>>,
}

impl Drop for ExtId {
    fn drop(&mut self) {
        if let Ok(mut f) = self.freed.lock() {
            f.push(self.id);
        }
    }
}

struct FuncEntry {
    func: Func,
    params: Rc<[ValType]>,
    results: Rc<[ValType]>,
}

/// A wasm value on its way between JS and wasm, free of both engines' lifetimes.
enum Wv {
    I32(i32),
    I64(i64),
    F32(f32),
    F64(f64),
    V128(u128),
    Null,
    Func(u32),
    Extern(u64),
}

type CustomSections = Vec<(String, Vec<u8>)>;
/// A memory's `ArrayBuffer` with the data pointer and length it was made over.
type CachedBuffer = (Persistent<ArrayBuffer<'static>>, usize, usize);

struct Wasm {
    engine: Engine,
    /// Keeps the epoch thread ticking while this runtime has wasm (with limits only).
    _ticker: Option<std::sync::mpsc::Sender<()>>,
    store: RefCell<Store<Data>>,
    /// `Caller`s of JS imports now running, innermost last.
    callers: RefCell<Vec<*mut Caller<'static, Data>>>,
    /// Compiled modules with their custom sections.
    modules: RefCell<Vec<(Module, CustomSections)>>,
    funcs: RefCell<Vec<FuncEntry>>,
    func_ids: RefCell<HashMap<usize, u32>>,
    memories: RefCell<Vec<Memory>>,
    tables: RefCell<Vec<Table>>,
    globals: RefCell<Vec<Global>>,
    /// Handles by wasmtime's debug identity, so re-exports map to the same handle.
    extern_ids: RefCell<HashMap<String, u32>>,
    wasi_return_on_exit: RefCell<Vec<bool>>,
    host_fns: RefCell<Vec<Persistent<Function<'static>>>>,
    wrappers: RefCell<HashMap<u32, Persistent<Function<'static>>>>,
    externs: RefCell<HashMap<u64, Persistent<Value<'static>>>>,
    next_extern: Cell<u64>,
    freed: Arc<Mutex<Vec<u64>>>,
    exception: RefCell<Option<Persistent<Value<'static>>>>,
    factory: RefCell<Option<Persistent<Function<'static>>>>,
    key: Persistent<Symbol<'static>>,
    /// Memory handle -> (its current `ArrayBuffer`, data pointer, length).
    buffers: RefCell<HashMap<u32, CachedBuffer>>,
}

#[derive(Clone)]
struct WasmHandle(Rc<Wasm>);

// SAFETY: holds only 'static Persistent values and Rust data.
unsafe impl<'js> JsLifetime<'js> for WasmHandle {
    type Changed<'to> = WasmHandle;
}

/// The runtime's wasm state, made on first use.
fn wasm(ctx: &Ctx<'_>) -> Result<Rc<Wasm>> {
    if let Some(h) = ctx.userdata::<WasmHandle>() {
        return Ok(h.0.clone());
    }
    let limited = state(ctx).should_stop.is_some();
    let engine = ops::wasm::engine(limited)
        .map_err(|e| Exception::throw_internal(ctx, &format!("wasm engine: {e}")))?;
    let ticker = match limited {
        true => Some(
            ops::wasm::epoch_ticker(&engine, EPOCH_TICK)
                .map_err(|e| Exception::throw_internal(ctx, &e))?,
        ),
        false => None,
    };
    let mut store = Store::new(
        &engine,
        Data {
            ctx: 0,
            wasis: Vec::new(),
            exit_from: None,
            grew: false,
        },
    );
    store.limiter(|d| d as &mut dyn ResourceLimiter);
    if ticker.is_some() {
        // Each tick, wasm that has not returned to JS runs the same check as QuickJS's
        // interrupt handler; a stop traps out of wasm and call_error unwinds the JS above it.
        store.set_epoch_deadline(1);
        store.epoch_deadline_callback(|cx| {
            let raw = NonNull::new(cx.data().ctx as *mut rquickjs::qjs::JSContext);
            let stop = raw.is_some_and(|raw| {
                // SAFETY: as in host_call: the context of the JS frame that called into wasm,
                // alive for the whole call, on this thread.
                let ctx = unsafe { Ctx::from_raw(raw) };
                state(&ctx).should_stop.as_ref().is_some_and(|f| f())
            });
            if stop {
                Err(wasmtime::Trap::Interrupt.into())
            } else {
                Ok(UpdateDeadline::Continue(1))
            }
        });
    }
    let key: Symbol = ctx.eval("Symbol('WebAssembly.Function')")?;
    let w = Rc::new(Wasm {
        engine,
        _ticker: ticker,
        store: RefCell::new(store),
        callers: RefCell::default(),
        modules: RefCell::default(),
        funcs: RefCell::default(),
        func_ids: RefCell::default(),
        memories: RefCell::default(),
        tables: RefCell::default(),
        globals: RefCell::default(),
        extern_ids: RefCell::default(),
        wasi_return_on_exit: RefCell::default(),
        host_fns: RefCell::default(),
        wrappers: RefCell::default(),
        externs: RefCell::default(),
        next_extern: Cell::new(0),
        freed: Arc::default(),
        exception: RefCell::default(),
        factory: RefCell::default(),
        key: Persistent::save(ctx, key),
        buffers: RefCell::default(),
    });
    let _ = ctx.store_userdata(WasmHandle(w.clone()));
    Ok(w)
}

/// Runs `f` on the store: the innermost running import's `Caller` if JS was called from wasm,
/// else the store itself. `f` must not run JS.
fn with_store<R>(w: &Wasm, f: impl FnOnce(&mut StoreContextMut<'_, Data>) -> R) -> R {
    let top = w.callers.borrow().last().copied();
    match top {
        Some(p) => {
            // SAFETY: `p` points at the `Caller` of a host call that is still on the stack
            // (it is popped before that call returns) and is not used by its owner while JS
            // runs; this thread is the only one with access.
            let caller = unsafe { &mut *p };
            f(&mut caller.as_context_mut())
        }
        None => {
            let mut s = w.store.borrow_mut();
            f(&mut s.as_context_mut())
        }
    }
}

/// An error built by `internal/web/webassembly.js` (`kind`: CompileError, LinkError,
/// RuntimeError, RangeError, TypeError), or a plain one before it registered.
fn error(ctx: &Ctx<'_>, w: &Wasm, kind: &str, message: &str) -> rquickjs::Error {
    let factory = w.factory.borrow().clone();
    if let Some(f) = factory {
        let made = f
            .restore(ctx)
            .and_then(|f| f.call::<_, Value>((kind, message)));
        return match made {
            Ok(v) => ctx.throw(v),
            Err(e) => e,
        };
    }
    match kind {
        "TypeError" => Exception::throw_type(ctx, message),
        "RangeError" => Exception::throw_range(ctx, message),
        _ => Exception::throw_message(ctx, message),
    }
}

fn type_error(ctx: &Ctx<'_>, w: &Wasm, message: &str) -> rquickjs::Error {
    error(ctx, w, "TypeError", message)
}

/// Drops the JS values of externrefs the wasm GC collected.
fn drain_freed(w: &Wasm) {
    let ids: Vec<u64> = match w.freed.lock() {
        Ok(mut f) => std::mem::take(&mut *f),
        Err(_) => return,
    };
    if !ids.is_empty() {
        let mut ext = w.externs.borrow_mut();
        for id in ids {
            ext.remove(&id);
        }
    }
}

// ---------------------------------------------------------------------------------------
// Value conversions (the JS API's ToWebAssemblyValue / ToJSValue)

/// ToInt32.
fn to_int32(ctx: &Ctx<'_>, v: &Value<'_>) -> Result<i32> {
    if let Some(i) = v.as_int() {
        return Ok(i);
    }
    let n: rquickjs::convert::Coerced<f64> = v.get()?;
    let n = n.0;
    if !n.is_finite() {
        return Ok(0);
    }
    let _ = ctx;
    Ok(n.trunc().rem_euclid(4294967296.0) as u64 as u32 as i32)
}

/// ToBigInt64.
fn to_bigint64<'js>(ctx: &Ctx<'js>, w: &Wasm, v: &Value<'js>) -> Result<i64> {
    if let Some(b) = v.as_big_int() {
        return b.clone().to_i64();
    }
    if let Some(b) = v.as_bool() {
        return Ok(b as i64);
    }
    if v.is_string() {
        let big: Function = ctx.globals().get("BigInt")?;
        let b: Value = big.call((v.clone(),))?;
        if let Some(b) = b.as_big_int() {
            return b.clone().to_i64();
        }
    }
    let shown = if v.is_number() {
        format!(
            "Cannot convert {} to a BigInt",
            v.as_number().unwrap_or(0.0)
        )
    } else {
        format!("Cannot convert {} to a BigInt", v.type_name())
    };
    Err(type_error(ctx, w, &shown))
}

fn heap_is_func(t: &HeapType) -> bool {
    matches!(
        t,
        HeapType::Func | HeapType::ConcreteFunc(_) | HeapType::NoFunc
    )
}

fn heap_is_extern(t: &HeapType) -> bool {
    matches!(t, HeapType::Extern | HeapType::NoExtern)
}

/// The wasm function handle an exported-function wrapper carries.
fn func_handle<'js>(w: &Wasm, ctx: &Ctx<'js>, v: &Value<'js>) -> Option<u32> {
    let f = v.as_function()?;
    let key = w.key.clone().restore(ctx).ok()?;
    f.get::<_, Option<u32>>(key).ok().flatten()
}

fn to_wv<'js>(ctx: &Ctx<'js>, w: &Wasm, v: &Value<'js>, ty: &ValType) -> Result<Wv> {
    Ok(match ty {
        ValType::I32 => Wv::I32(to_int32(ctx, v)?),
        ValType::I64 => Wv::I64(to_bigint64(ctx, w, v)?),
        ValType::F32 => Wv::F32(v.get::<rquickjs::convert::Coerced<f64>>()?.0 as f32),
        ValType::F64 => Wv::F64(v.get::<rquickjs::convert::Coerced<f64>>()?.0),
        ValType::V128 => {
            return Err(type_error(
                ctx,
                w,
                "type incompatibility when transforming from/to JS",
            ))
        }
        ValType::Ref(r) => {
            let heap = r.heap_type();
            if v.is_null() && r.is_nullable() {
                Wv::Null
            } else if heap_is_func(heap) {
                match func_handle(w, ctx, v) {
                    Some(h) => Wv::Func(h),
                    None => {
                        return Err(type_error(
                            ctx,
                            w,
                            "type incompatibility when transforming from/to JS",
                        ))
                    }
                }
            } else if heap_is_extern(heap) {
                let id = w.next_extern.get() + 1;
                w.next_extern.set(id);
                w.externs
                    .borrow_mut()
                    .insert(id, Persistent::save(ctx, v.clone()));
                Wv::Extern(id)
            } else {
                return Err(type_error(
                    ctx,
                    w,
                    "type incompatibility when transforming from/to JS",
                ));
            }
        }
    })
}

fn wv_to_val(
    s: &mut impl AsContextMut<Data = Data>,
    w: &Wasm,
    wv: Wv,
    ty: &ValType,
) -> wasmtime::Result<Val> {
    Ok(match wv {
        Wv::I32(i) => Val::I32(i),
        Wv::I64(i) => Val::I64(i),
        Wv::F32(f) => Val::F32(f.to_bits()),
        Wv::F64(f) => Val::F64(f.to_bits()),
        Wv::V128(v) => Val::V128(v.into()),
        Wv::Null => match ty {
            ValType::Ref(r) => Val::null_ref(r.heap_type()),
            _ => Val::null_extern_ref(),
        },
        Wv::Func(h) => Val::FuncRef(Some(w.funcs.borrow()[h as usize].func)),
        Wv::Extern(id) => Val::ExternRef(Some(ExternRef::new(
            s,
            ExtId {
                id,
                freed: w.freed.clone(),
            },
        )?)),
    })
}

/// Registers `func` (if new) and returns its handle.
fn func_id(s: &mut impl AsContextMut<Data = Data>, w: &Wasm, func: Func) -> u32 {
    let key = func.to_raw(&mut *s) as usize;
    if let Some(h) = w.func_ids.borrow().get(&key) {
        return *h;
    }
    let ty = func.ty(&*s);
    let mut funcs = w.funcs.borrow_mut();
    let h = funcs.len() as u32;
    funcs.push(FuncEntry {
        func,
        params: ty.params().collect::<Vec<_>>().into(),
        results: ty.results().collect::<Vec<_>>().into(),
    });
    w.func_ids.borrow_mut().insert(key, h);
    h
}

fn val_to_wv(s: &mut impl AsContextMut<Data = Data>, w: &Wasm, v: &Val) -> wasmtime::Result<Wv> {
    Ok(match v {
        Val::I32(i) => Wv::I32(*i),
        Val::I64(i) => Wv::I64(*i),
        Val::F32(b) => Wv::F32(f32::from_bits(*b)),
        Val::F64(b) => Wv::F64(f64::from_bits(*b)),
        Val::V128(v) => Wv::V128(v.as_u128()),
        Val::FuncRef(None) | Val::ExternRef(None) | Val::AnyRef(None) | Val::ExnRef(None) => {
            Wv::Null
        }
        Val::FuncRef(Some(f)) => Wv::Func(func_id(s, w, *f)),
        Val::ExternRef(Some(r)) => {
            let data = r.data(&*s)?;
            match data.and_then(|d| d.downcast_ref::<ExtId>()) {
                Some(e) => Wv::Extern(e.id),
                None => Wv::Null,
            }
        }
        _ => wasmtime::bail!("type incompatibility when transforming from/to JS"),
    })
}

fn wv_to_js<'js>(ctx: &Ctx<'js>, w: &Wasm, wv: Wv) -> Result<Value<'js>> {
    Ok(match wv {
        Wv::I32(i) => Value::new_int(ctx.clone(), i),
        Wv::I64(i) => rquickjs::BigInt::from_i64(ctx.clone(), i)?.into_value(),
        Wv::F32(f) => Value::new_float(ctx.clone(), f as f64),
        Wv::F64(f) => Value::new_float(ctx.clone(), f),
        Wv::V128(_) => {
            return Err(type_error(
                ctx,
                w,
                "type incompatibility when transforming from/to JS",
            ))
        }
        Wv::Null => Value::new_null(ctx.clone()),
        Wv::Func(h) => wrapper(ctx, w, h)?.into_value(),
        Wv::Extern(id) => {
            let v = w.externs.borrow().get(&id).cloned();
            match v {
                Some(p) => p.restore(ctx)?,
                None => Value::new_undefined(ctx.clone()),
            }
        }
    })
}

// ---------------------------------------------------------------------------------------
// Calls

/// The JS function for wasm function `h` (made once, then cached).
fn wrapper<'js>(ctx: &Ctx<'js>, w: &Wasm, h: u32) -> Result<Function<'js>> {
    if let Some(p) = w.wrappers.borrow().get(&h) {
        return p.clone().restore(ctx);
    }
    let nparams = w.funcs.borrow()[h as usize].params.len();
    let f = Function::new(
        ctx.clone(),
        move |ctx: Ctx<'js>, args: Rest<Value<'js>>| -> Result<Value<'js>> {
            call_export(&ctx, h, args.0)
        },
    )?
    .with_name(h.to_string())?
    .with_length(nparams)?;
    let key = w.key.clone().restore(ctx)?;
    f.prop(key, rquickjs::object::Property::from(h))?;
    w.wrappers
        .borrow_mut()
        .insert(h, Persistent::save(ctx, f.clone()));
    Ok(f)
}

/// Calls wasm function `h` from JS.
fn call_export<'js>(ctx: &Ctx<'js>, h: u32, args: Vec<Value<'js>>) -> Result<Value<'js>> {
    let w = wasm(ctx)?;
    let (func, params, results) = {
        let funcs = w.funcs.borrow();
        let e = &funcs[h as usize];
        (e.func, e.params.clone(), e.results.clone())
    };
    let undefined = Value::new_undefined(ctx.clone());
    let mut wvs = Vec::with_capacity(params.len());
    for (i, ty) in params.iter().enumerate() {
        wvs.push(to_wv(ctx, &w, args.get(i).unwrap_or(&undefined), ty)?);
    }
    let raw = ctx.as_raw().as_ptr() as usize;
    let outcome = with_store(&w, |s| -> wasmtime::Result<Vec<Wv>> {
        let prev = std::mem::replace(&mut s.data_mut().ctx, raw);
        let r = (|| {
            let mut scope = RootScope::new(&mut *s);
            let mut vals = Vec::with_capacity(wvs.len());
            for (wv, ty) in wvs.into_iter().zip(params.iter()) {
                vals.push(wv_to_val(&mut scope, &w, wv, ty)?);
            }
            let mut out = vec![Val::I32(0); results.len()];
            func.call(&mut scope, &vals, &mut out)?;
            out.iter().map(|v| val_to_wv(&mut scope, &w, v)).collect()
        })();
        s.data_mut().ctx = prev;
        r
    });
    after_call(ctx, &w);
    match outcome {
        Ok(mut wvs) => match wvs.len() {
            0 => Ok(undefined),
            1 => wv_to_js(ctx, &w, wvs.remove(0)),
            _ => {
                let arr = Array::new(ctx.clone())?;
                for (i, wv) in wvs.into_iter().enumerate() {
                    arr.set(i, wv_to_js(ctx, &w, wv)?)?;
                }
                Ok(arr.into_value())
            }
        },
        Err(e) => Err(call_error(ctx, &w, e, "RuntimeError")),
    }
}

/// Housekeeping when wasm returns to JS: collected externrefs, buffers of grown memories.
fn after_call(ctx: &Ctx<'_>, w: &Wasm) {
    drain_freed(w);
    let grew = with_store(w, |s| std::mem::take(&mut s.data_mut().grew));
    if grew {
        refresh_buffers(ctx, w);
    }
}

/// Detaches the cached `ArrayBuffer` of every memory whose size (or base) changed.
fn refresh_buffers(ctx: &Ctx<'_>, w: &Wasm) {
    let stale: Vec<u32> = {
        let buffers = w.buffers.borrow();
        let mems = w.memories.borrow();
        with_store(w, |s| {
            buffers
                .iter()
                .filter(|(h, (_, ptr, len))| {
                    let m = mems[**h as usize];
                    m.data_ptr(&*s) as usize != *ptr || m.data_size(&*s) != *len
                })
                .map(|(h, _)| *h)
                .collect()
        })
    };
    for h in stale {
        let old = w.buffers.borrow_mut().remove(&h);
        if let Some((buf, _, _)) = old {
            if let Ok(mut buf) = buf.restore(ctx) {
                buf.detach();
            }
        }
    }
}

/// A wasmtime error where wasm returned to JS: the pending JS exception, the WASI exit marker,
/// a trap, or `kind` (LinkError while instantiating) with the message.
fn call_error(ctx: &Ctx<'_>, w: &Wasm, e: wasmtime::Error, kind: &str) -> rquickjs::Error {
    let pending = w.exception.borrow_mut().take();
    if pending.is_none() && state(ctx).terminated.get().is_some() {
        // The epoch callback stopped the program (CPU time, timeout, host terminate).
        return super::unwind(ctx);
    }
    if let Some(p) = pending {
        if state(ctx).terminated.get().is_some() {
            return super::unwind(ctx);
        }
        return match p.restore(ctx) {
            Ok(v) => ctx.throw(v),
            Err(e) => e,
        };
    }
    if let Some(exit) = e.downcast_ref::<I32Exit>() {
        let from = with_store(w, |s| s.data_mut().exit_from.take());
        let return_on_exit = from
            .and_then(|i| w.wasi_return_on_exit.borrow().get(i).copied())
            .unwrap_or(true);
        if !return_on_exit {
            return super::exit(ctx, exit.0);
        }
        return error(ctx, w, "exit", &exit.0.to_string());
    }
    if let Some(trap) = e.downcast_ref::<wasmtime::Trap>() {
        let (msg, overflow) = ops::wasm::trap_message(*trap);
        return error(
            ctx,
            w,
            if overflow {
                "RangeError"
            } else {
                "RuntimeError"
            },
            &msg,
        );
    }
    if e.is::<wasmtime::ThrownException>() {
        return error(ctx, w, "RuntimeError", "wasm exception");
    }
    error(ctx, w, kind, &format!("{:#}", e).replace('\n', " "))
}

/// A JS function imported by wasm, called from wasm.
fn host_call(
    idx: usize,
    caller: &mut Caller<'_, Data>,
    params: &[Val],
    results: &mut [Val],
    result_types: &[ValType],
) -> wasmtime::Result<()> {
    let raw = caller.data().ctx;
    let Some(raw) = NonNull::new(raw as *mut rquickjs::qjs::JSContext) else {
        wasmtime::bail!("a JavaScript import was called with no JavaScript caller");
    };
    // SAFETY: `raw` is the context of the JS frame that called into wasm; it is alive for the
    // whole call, and this is its thread.
    let ctx = unsafe { Ctx::from_raw(raw) };
    let w = wasm(&ctx).map_err(|e| wasmtime::Error::msg(e.to_string()))?;
    let args: Vec<Wv> = {
        let mut scope = RootScope::new(&mut *caller);
        params
            .iter()
            .map(|v| val_to_wv(&mut scope, &w, v))
            .collect::<wasmtime::Result<_>>()?
    };
    let ptr: *mut Caller<'static, Data> = (caller as *mut Caller<'_, Data>).cast();
    w.callers.borrow_mut().push(ptr);
    let outcome = (|| -> Result<Vec<Wv>> {
        let f = w.host_fns.borrow()[idx].clone().restore(&ctx)?;
        let mut js = Vec::with_capacity(args.len());
        for a in args {
            js.push(wv_to_js(&ctx, &w, a)?);
        }
        let ret: Value = f.call((Rest(js),))?;
        match result_types.len() {
            0 => Ok(Vec::new()),
            1 => Ok(vec![to_wv(&ctx, &w, &ret, &result_types[0])?]),
            n => {
                // An iterable of n values.
                let from: Function = ctx.eval("(v) => Array.from(v)")?;
                let arr: Array = from.call((ret,))?;
                if arr.len() != n {
                    return Err(type_error(&ctx, &w, "multi-return length mismatch"));
                }
                let mut out = Vec::with_capacity(n);
                for (i, ty) in result_types.iter().enumerate() {
                    out.push(to_wv(&ctx, &w, &arr.get(i)?, ty)?);
                }
                Ok(out)
            }
        }
    })()
    .catch(&ctx);
    w.callers.borrow_mut().pop();
    match outcome {
        Ok(wvs) => {
            let mut scope = RootScope::new(&mut *caller);
            for ((slot, wv), ty) in results.iter_mut().zip(wvs).zip(result_types) {
                *slot = wv_to_val(&mut scope, &w, wv, ty)?;
            }
            Ok(())
        }
        Err(caught) => {
            let value = match caught {
                CaughtError::Exception(e) => e.into_value(),
                CaughtError::Value(v) => v,
                CaughtError::Error(e) => Exception::from_message(ctx.clone(), &e.to_string())
                    .map(|e| e.into_value())
                    .unwrap_or_else(|_| Value::new_undefined(ctx.clone())),
            };
            *w.exception.borrow_mut() = Some(Persistent::save(&ctx, value));
            wasmtime::bail!("JavaScript exception")
        }
    }
}

fn host_func(w: &Wasm, s: &mut StoreContextMut<'_, Data>, idx: usize, ty: FuncType) -> Func {
    let result_types: Vec<ValType> = ty.results().collect();
    let _ = w;
    Func::new(&mut *s, ty, move |mut caller, params, results| {
        host_call(idx, &mut caller, params, results, &result_types)
    })
}

// ---------------------------------------------------------------------------------------
// Handles

fn extern_key(e: &Extern) -> String {
    format!("{e:?}")
}

fn register_extern<T: Copy>(w: &Wasm, list: &RefCell<Vec<T>>, item: T, key: Option<String>) -> u32 {
    if let Some(k) = &key {
        if let Some(h) = w.extern_ids.borrow().get(k) {
            return *h;
        }
    }
    let mut l = list.borrow_mut();
    let h = l.len() as u32;
    l.push(item);
    if let Some(k) = key {
        w.extern_ids.borrow_mut().insert(k, h);
    }
    h
}

fn module_of(w: &Wasm, h: u32) -> Option<Module> {
    w.modules.borrow().get(h as usize).map(|m| m.0.clone())
}

fn bad_handle(ctx: &Ctx<'_>, w: &Wasm) -> rquickjs::Error {
    type_error(ctx, w, "Illegal invocation")
}

fn val_type(name: &str) -> Option<ValType> {
    Some(match name {
        "i32" => ValType::I32,
        "i64" => ValType::I64,
        "f32" => ValType::F32,
        "f64" => ValType::F64,
        "v128" => ValType::V128,
        "externref" => ValType::EXTERNREF,
        "anyfunc" | "funcref" => ValType::FUNCREF,
        _ => return None,
    })
}

fn val_type_name(t: &ValType) -> &'static str {
    match t {
        ValType::I32 => "i32",
        ValType::I64 => "i64",
        ValType::F32 => "f32",
        ValType::F64 => "f64",
        ValType::V128 => "v128",
        ValType::Ref(r) if heap_is_func(r.heap_type()) => "anyfunc",
        ValType::Ref(r) if heap_is_extern(r.heap_type()) => "externref",
        ValType::Ref(_) => "anyref",
    }
}

fn set<'js, F, P>(ctx: &Ctx<'js>, obj: &OpSink<'js>, name: &str, f: F) -> Result<()>
where
    F: rquickjs::function::IntoJsFunc<'js, P> + 'js,
{
    obj.set(ctx, name, f)
}

fn default_value<'js>(ctx: &Ctx<'js>, ty: &ValType) -> Result<Value<'js>> {
    Ok(match ty {
        ValType::I64 => rquickjs::BigInt::from_i64(ctx.clone(), 0)?.into_value(),
        ValType::Ref(r) if heap_is_extern(r.heap_type()) => Value::new_undefined(ctx.clone()),
        ValType::Ref(_) => Value::new_null(ctx.clone()),
        _ => Value::new_int(ctx.clone(), 0),
    })
}

pub(crate) fn register<'js>(ctx: &Ctx<'js>, o: &OpSink<'js>) -> Result<()> {
    set(
        ctx,
        o,
        "op_wasm_init",
        |ctx: Ctx<'js>, f: Function<'js>| -> Result<()> {
            let w = wasm(&ctx)?;
            *w.factory.borrow_mut() = Some(Persistent::save(&ctx, f));
            Ok(())
        },
    )?;
    set(
        ctx,
        o,
        "op_wasm_validate",
        |ctx: Ctx<'js>, bytes: Value<'js>| -> Result<bool> {
            let bytes = convert::bytes_from_js(&ctx, &bytes)?;
            let w = wasm(&ctx)?;
            Ok(ops::wasm::validate(&w.engine, &bytes))
        },
    )?;
    set(
        ctx,
        o,
        "op_wasm_compile",
        |ctx: Ctx<'js>, bytes: Value<'js>| -> Result<u32> {
            let bytes = convert::bytes_from_js(&ctx, &bytes)?;
            let w = wasm(&ctx)?;
            let module = ops::wasm::compile(&w.engine, &bytes)
                .map_err(|m| error(&ctx, &w, "CompileError", &m))?;
            let custom = ops::wasm::custom_sections(&bytes);
            let mut mods = w.modules.borrow_mut();
            mods.push((module, custom));
            Ok(mods.len() as u32 - 1)
        },
    )?;
    set(
        ctx,
        o,
        "op_wasm_module_imports",
        |ctx: Ctx<'js>, h: u32| -> Result<Vec<Vec<String>>> {
            let w = wasm(&ctx)?;
            let m = module_of(&w, h).ok_or_else(|| bad_handle(&ctx, &w))?;
            Ok(ops::wasm::imports(&m)
                .into_iter()
                .map(|(a, b, k)| vec![a, b, k.to_owned()])
                .collect())
        },
    )?;
    set(
        ctx,
        o,
        "op_wasm_module_exports",
        |ctx: Ctx<'js>, h: u32| -> Result<Vec<Vec<String>>> {
            let w = wasm(&ctx)?;
            let m = module_of(&w, h).ok_or_else(|| bad_handle(&ctx, &w))?;
            Ok(ops::wasm::exports(&m)
                .into_iter()
                .map(|(a, k)| vec![a, k.to_owned()])
                .collect())
        },
    )?;
    set(
        ctx,
        o,
        "op_wasm_module_custom_sections",
        |ctx: Ctx<'js>, h: u32, name: String| -> Result<Array<'js>> {
            let w = wasm(&ctx)?;
            let out = Array::new(ctx.clone())?;
            let mods = w.modules.borrow();
            let m = mods.get(h as usize).ok_or_else(|| bad_handle(&ctx, &w))?;
            let mut i = 0;
            for (n, data) in &m.1 {
                if *n == name {
                    out.set(i, ArrayBuffer::new_copy(ctx.clone(), data)?)?;
                    i += 1;
                }
            }
            Ok(out)
        },
    )?;
    set(
        ctx,
        o,
        "op_wasm_instantiate",
        |ctx: Ctx<'js>, h: u32, values: Array<'js>| -> Result<Array<'js>> {
            instantiate(&ctx, h, values)
        },
    )?;
    set(
        ctx,
        o,
        "op_wasm_memory_new",
        |ctx: Ctx<'js>, initial: u32, maximum: Option<u32>, shared: bool| -> Result<u32> {
            let w = wasm(&ctx)?;
            if shared {
                return Err(type_error(
                    &ctx,
                    &w,
                    "WebAssembly.Memory(): shared memories are not supported by atoll",
                ));
            }
            let mem = with_store(&w, |s| {
                Memory::new(&mut *s, MemoryType::new(initial, maximum))
            })
            .map_err(|e| {
                error(
                    &ctx,
                    &w,
                    "RangeError",
                    &format!("WebAssembly.Memory(): could not allocate memory: {e}"),
                )
            })?;
            Ok(register_extern(&w, &w.memories, mem, None))
        },
    )?;
    set(
        ctx,
        o,
        "op_wasm_memory_buffer",
        |ctx: Ctx<'js>, h: u32| -> Result<ArrayBuffer<'js>> { memory_buffer(&ctx, h) },
    )?;
    set(
        ctx,
        o,
        "op_wasm_memory_grow",
        |ctx: Ctx<'js>, h: u32, delta: f64| -> Result<f64> {
            let w = wasm(&ctx)?;
            let mem = *w
                .memories
                .borrow()
                .get(h as usize)
                .ok_or_else(|| bad_handle(&ctx, &w))?;
            let r = with_store(&w, |s| mem.grow(&mut *s, delta as u64));
            // The old buffer is detached even when delta is 0 (the JS API's "refresh").
            with_store(&w, |s| s.data_mut().grew = false);
            let old = w.buffers.borrow_mut().remove(&h);
            if let Some((buf, _, _)) = old {
                if let Ok(mut buf) = buf.restore(&ctx) {
                    buf.detach();
                }
            }
            refresh_buffers(&ctx, &w);
            r.map(|p| p as f64).map_err(|_| {
                error(
                    &ctx,
                    &w,
                    "RangeError",
                    "WebAssembly.Memory.grow(): Maximum memory size exceeded",
                )
            })
        },
    )?;
    set(
        ctx,
        o,
        "op_wasm_table_new",
        |ctx: Ctx<'js>,
         element: String,
         initial: u32,
         maximum: Option<u32>,
         init: Value<'js>,
         has_init: bool|
         -> Result<u32> {
            let w = wasm(&ctx)?;
            let Some(ValType::Ref(rt)) = val_type(&element) else {
                return Err(type_error(
                    &ctx,
                    &w,
                    "WebAssembly.Table(): Descriptor property 'element' must be a WebAssembly reference type",
                ));
            };
            let ty = ValType::Ref(rt.clone());
            let wv = if has_init {
                to_wv(&ctx, &w, &init, &ty)?
            } else {
                Wv::Null
            };
            let table = with_store(&w, |s| -> wasmtime::Result<Table> {
                let mut scope = RootScope::new(&mut *s);
                let v = wv_to_val(&mut scope, &w, wv, &ty)?;
                let r = v.ref_().unwrap_or(Ref::Func(None));
                Table::new(&mut scope, TableType::new(rt.clone(), initial, maximum), r)
            })
            .map_err(|e| error(&ctx, &w, "RangeError", &format!("WebAssembly.Table(): {e}")))?;
            Ok(register_extern(&w, &w.tables, table, None))
        },
    )?;
    set(
        ctx,
        o,
        "op_wasm_table_length",
        |ctx: Ctx<'js>, h: u32| -> Result<f64> {
            let w = wasm(&ctx)?;
            let t = table_of(&ctx, &w, h)?;
            Ok(with_store(&w, |s| t.size(&*s)) as f64)
        },
    )?;
    set(
        ctx,
        o,
        "op_wasm_table_get",
        |ctx: Ctx<'js>, h: u32, index: f64| -> Result<Value<'js>> {
            let w = wasm(&ctx)?;
            let t = table_of(&ctx, &w, h)?;
            let wv = with_store(&w, |s| -> wasmtime::Result<Option<Wv>> {
                let mut scope = RootScope::new(&mut *s);
                match t.get(&mut scope, index as u64) {
                    Some(r) => Ok(Some(val_to_wv(&mut scope, &w, &Val::from(r))?)),
                    None => Ok(None),
                }
            })
            .map_err(|e| type_error(&ctx, &w, &e.to_string()))?;
            match wv {
                Some(wv) => wv_to_js(&ctx, &w, wv),
                None => Err(error(
                    &ctx,
                    &w,
                    "RangeError",
                    &format!(
                        "WebAssembly.Table.get(): invalid address {index} in {} table of size {}",
                        "funcref",
                        with_store(&w, |s| t.size(&*s))
                    ),
                )),
            }
        },
    )?;
    set(
        ctx,
        o,
        "op_wasm_table_set",
        |ctx: Ctx<'js>, h: u32, index: f64, v: Value<'js>, has_value: bool| -> Result<()> {
            let w = wasm(&ctx)?;
            let t = table_of(&ctx, &w, h)?;
            let ty = ValType::Ref(with_store(&w, |s| t.ty(&*s).element().clone()));
            let wv = if has_value {
                to_wv(&ctx, &w, &v, &ty)?
            } else {
                Wv::Null
            };
            with_store(&w, |s| -> wasmtime::Result<()> {
                let mut scope = RootScope::new(&mut *s);
                let v = wv_to_val(&mut scope, &w, wv, &ty)?;
                let r = v.ref_().unwrap_or(Ref::Func(None));
                t.set(&mut scope, index as u64, r)
            })
            .map_err(|e| {
                error(
                    &ctx,
                    &w,
                    "RangeError",
                    &format!("WebAssembly.Table.set(): invalid address {index}: {e}"),
                )
            })
        },
    )?;
    set(
        ctx,
        o,
        "op_wasm_table_grow",
        |ctx: Ctx<'js>, h: u32, delta: f64, v: Value<'js>, has_value: bool| -> Result<f64> {
            let w = wasm(&ctx)?;
            let t = table_of(&ctx, &w, h)?;
            let ty = ValType::Ref(with_store(&w, |s| t.ty(&*s).element().clone()));
            let wv = if has_value {
                to_wv(&ctx, &w, &v, &ty)?
            } else {
                Wv::Null
            };
            with_store(&w, |s| -> wasmtime::Result<u64> {
                let mut scope = RootScope::new(&mut *s);
                let v = wv_to_val(&mut scope, &w, wv, &ty)?;
                let r = v.ref_().unwrap_or(Ref::Func(None));
                t.grow(&mut scope, delta as u64, r)
            })
            .map(|n| n as f64)
            .map_err(|_| {
                error(
                    &ctx,
                    &w,
                    "RangeError",
                    "WebAssembly.Table.grow(): failed to grow table",
                )
            })
        },
    )?;
    set(
        ctx,
        o,
        "op_wasm_global_new",
        |ctx: Ctx<'js>, ty: String, mutable: bool, v: Value<'js>, has_value: bool| -> Result<u32> {
            let w = wasm(&ctx)?;
            let Some(vt) = val_type(&ty) else {
                return Err(type_error(
                    &ctx,
                    &w,
                    "WebAssembly.Global(): Descriptor property 'value' must be a WebAssembly type",
                ));
            };
            let v = if has_value && !v.is_undefined() {
                v
            } else {
                default_value(&ctx, &vt)?
            };
            let wv = to_wv(&ctx, &w, &v, &vt)?;
            let m = if mutable {
                Mutability::Var
            } else {
                Mutability::Const
            };
            let g = with_store(&w, |s| -> wasmtime::Result<Global> {
                let mut scope = RootScope::new(&mut *s);
                let val = wv_to_val(&mut scope, &w, wv, &vt)?;
                Global::new(&mut scope, GlobalType::new(vt.clone(), m), val)
            })
            .map_err(|e| type_error(&ctx, &w, &e.to_string()))?;
            Ok(register_extern(&w, &w.globals, g, None))
        },
    )?;
    set(
        ctx,
        o,
        "op_wasm_global_get",
        |ctx: Ctx<'js>, h: u32| -> Result<Value<'js>> {
            let w = wasm(&ctx)?;
            let g = global_of(&ctx, &w, h)?;
            let wv = with_store(&w, |s| {
                let mut scope = RootScope::new(&mut *s);
                let v = g.get(&mut scope);
                val_to_wv(&mut scope, &w, &v)
            })
            .map_err(|e| type_error(&ctx, &w, &e.to_string()))?;
            wv_to_js(&ctx, &w, wv)
        },
    )?;
    set(
        ctx,
        o,
        "op_wasm_global_set",
        |ctx: Ctx<'js>, h: u32, v: Value<'js>| -> Result<()> {
            let w = wasm(&ctx)?;
            let g = global_of(&ctx, &w, h)?;
            let ty = with_store(&w, |s| g.ty(&*s));
            if ty.mutability() == Mutability::Const {
                return Err(type_error(
                    &ctx,
                    &w,
                    "WebAssembly.Global.value: Can't set the value of an immutable global.",
                ));
            }
            let wv = to_wv(&ctx, &w, &v, ty.content())?;
            with_store(&w, |s| -> wasmtime::Result<()> {
                let mut scope = RootScope::new(&mut *s);
                let val = wv_to_val(&mut scope, &w, wv, ty.content())?;
                g.set(&mut scope, val)
            })
            .map_err(|e| type_error(&ctx, &w, &e.to_string()))
        },
    )?;
    set(
        ctx,
        o,
        "op_wasm_global_type",
        |ctx: Ctx<'js>, h: u32| -> Result<Vec<String>> {
            let w = wasm(&ctx)?;
            let g = global_of(&ctx, &w, h)?;
            let ty = with_store(&w, |s| g.ty(&*s));
            Ok(vec![
                val_type_name(ty.content()).to_owned(),
                (ty.mutability() == Mutability::Var).to_string(),
            ])
        },
    )?;
    set(
        ctx,
        o,
        "op_wasi_create",
        |ctx: Ctx<'js>,
         args: Vec<String>,
         env: Vec<String>,
         preopens: Vec<String>,
         stdio: Vec<i32>,
         return_on_exit: bool|
         -> Result<Array<'js>> {
            wasi_create(&ctx, args, env, preopens, stdio, return_on_exit)
        },
    )?;
    Ok(())
}

fn table_of(ctx: &Ctx<'_>, w: &Wasm, h: u32) -> Result<Table> {
    w.tables
        .borrow()
        .get(h as usize)
        .copied()
        .ok_or_else(|| bad_handle(ctx, w))
}

fn global_of(ctx: &Ctx<'_>, w: &Wasm, h: u32) -> Result<Global> {
    w.globals
        .borrow()
        .get(h as usize)
        .copied()
        .ok_or_else(|| bad_handle(ctx, w))
}

/// An `ArrayBuffer` over a linear memory's bytes; never frees them (the store owns them).
struct MemSource {
    ptr: *mut u8,
    len: usize,
}

// SAFETY: the pointer is the base of a wasmtime linear memory, valid for `len` bytes until the
// memory grows (when the buffer is detached) or the store is dropped (after all JS ran).
unsafe impl ArrayBufferSource for MemSource {
    fn as_ptr(&self) -> *mut u8 {
        self.ptr
    }
    fn len(&self) -> usize {
        self.len
    }
}

/// `memory.buffer`: the same `ArrayBuffer` until the memory grows.
fn memory_buffer<'js>(ctx: &Ctx<'js>, h: u32) -> Result<ArrayBuffer<'js>> {
    let w = wasm(ctx)?;
    let mem = *w
        .memories
        .borrow()
        .get(h as usize)
        .ok_or_else(|| bad_handle(ctx, &w))?;
    let (ptr, len) = with_store(&w, |s| (mem.data_ptr(&*s), mem.data_size(&*s)));
    let cached = w.buffers.borrow().get(&h).cloned();
    if let Some((buf, p, l)) = cached {
        if p == ptr as usize && l == len {
            return buf.restore(ctx);
        }
        if let Ok(mut old) = buf.restore(ctx) {
            old.detach();
        }
    }
    let buf = ArrayBuffer::from_source(ctx.clone(), MemSource { ptr, len })?;
    w.buffers
        .borrow_mut()
        .insert(h, (Persistent::save(ctx, buf.clone()), ptr as usize, len));
    Ok(buf)
}

/// Raw import values from JS (already looked up and kind-checked by webassembly.js):
/// functions as functions; memories, tables and globals as handles; a global given as a
/// plain value as `[value]`.
fn instantiate<'js>(ctx: &Ctx<'js>, h: u32, values: Array<'js>) -> Result<Array<'js>> {
    let w = wasm(ctx)?;
    let module = module_of(&w, h).ok_or_else(|| bad_handle(ctx, &w))?;
    let link = |msg: String| error(ctx, &w, "LinkError", &msg);
    let mut externs: Vec<Extern> = Vec::new();
    for (i, import) in module.imports().enumerate() {
        let v: Value = values.get(i)?;
        let what = format!(
            "WebAssembly.Instance(): Import #{i} \"{}\" \"{}\"",
            import.module(),
            import.name()
        );
        let ext = match import.ty() {
            ExternType::Func(ft) => {
                if let Some(fh) = func_handle(&w, ctx, &v) {
                    Extern::Func(w.funcs.borrow()[fh as usize].func)
                } else if let Some(f) = v.as_function() {
                    let idx = {
                        let mut fns = w.host_fns.borrow_mut();
                        fns.push(Persistent::save(ctx, f.clone()));
                        fns.len() - 1
                    };
                    Extern::Func(with_store(&w, |s| host_func(&w, s, idx, ft.clone())))
                } else {
                    return Err(link(format!("{what}: function import requires a callable")));
                }
            }
            ExternType::Memory(_) => match v
                .as_int()
                .and_then(|h| w.memories.borrow().get(h as usize).copied())
            {
                Some(m) => Extern::Memory(m),
                None => {
                    return Err(link(format!(
                        "{what}: memory import must be a WebAssembly.Memory object"
                    )))
                }
            },
            ExternType::Table(_) => match v
                .as_int()
                .and_then(|h| w.tables.borrow().get(h as usize).copied())
            {
                Some(t) => Extern::Table(t),
                None => {
                    return Err(link(format!(
                        "{what}: table import requires a WebAssembly.Table"
                    )))
                }
            },
            ExternType::Global(gt) => {
                if let Some(arr) = v.as_array() {
                    if gt.mutability() == Mutability::Var {
                        return Err(link(format!(
                            "{what}: imported mutable global must be a WebAssembly.Global object"
                        )));
                    }
                    let raw: Value = arr.get(0)?;
                    if matches!(gt.content(), ValType::I64) != raw.is_big_int() {
                        return Err(link(format!("{what}: global import must be a number, valid Wasm reference, or WebAssembly.Global object")));
                    }
                    let wv = to_wv(ctx, &w, &raw, gt.content())?;
                    let g = with_store(&w, |s| -> wasmtime::Result<Global> {
                        let mut scope = RootScope::new(&mut *s);
                        let val = wv_to_val(&mut scope, &w, wv, gt.content())?;
                        Global::new(&mut scope, gt.clone(), val)
                    })
                    .map_err(|e| link(format!("{what}: {e}")))?;
                    Extern::Global(g)
                } else {
                    match v.as_int().and_then(|h| w.globals.borrow().get(h as usize).copied()) {
                        Some(g) => Extern::Global(g),
                        None => return Err(link(format!("{what}: global import must be a number, valid Wasm reference, or WebAssembly.Global object"))),
                    }
                }
            }
            ExternType::Tag(_) => {
                return Err(link(format!(
                    "{what}: tag import requires a WebAssembly.Tag"
                )));
            }
        };
        externs.push(ext);
    }
    let raw = ctx.as_raw().as_ptr() as usize;
    let made = with_store(&w, |s| {
        let prev = std::mem::replace(&mut s.data_mut().ctx, raw);
        let r = Instance::new(&mut *s, &module, &externs);
        s.data_mut().ctx = prev;
        r
    });
    after_call(ctx, &w);
    let instance = made.map_err(|e| {
        let kind = if e.is::<wasmtime::Trap>() {
            "RuntimeError"
        } else {
            "LinkError"
        };
        call_error(ctx, &w, e, kind)
    })?;
    // [name, kind, value]: a function, or a handle for the other kinds.
    let exports: Vec<(String, Extern)> = with_store(&w, |s| {
        instance
            .exports(&mut *s)
            .map(|e| (e.name().to_owned(), e.into_extern()))
            .collect()
    });
    let out = Array::new(ctx.clone())?;
    for (i, (name, ext)) in exports.into_iter().enumerate() {
        let entry = Array::new(ctx.clone())?;
        entry.set(0, name)?;
        match ext {
            Extern::Func(f) => {
                let fh = with_store(&w, |s| func_id(s, &w, f));
                entry.set(1, "function")?;
                entry.set(2, wrapper(ctx, &w, fh)?)?;
            }
            Extern::Memory(m) => {
                let key = extern_key(&Extern::Memory(m));
                entry.set(1, "memory")?;
                entry.set(2, register_extern(&w, &w.memories, m, Some(key)))?;
            }
            Extern::Table(t) => {
                let key = extern_key(&Extern::Table(t));
                entry.set(1, "table")?;
                entry.set(2, register_extern(&w, &w.tables, t, Some(key)))?;
            }
            Extern::Global(g) => {
                let key = extern_key(&Extern::Global(g));
                entry.set(1, "global")?;
                entry.set(2, register_extern(&w, &w.globals, g, Some(key)))?;
            }
            _ => {
                entry.set(1, "tag")?;
                entry.set(2, Value::new_undefined(ctx.clone()))?;
            }
        }
        out.set(i, entry)?;
    }
    Ok(out)
}

/// `new WASI(...)`: a preview1 context in the store, and `wasiImport` as `[name, function]`
/// pairs whose functions are wasm functions of the store (so instantiating with them links
/// wasmtime-wasi's implementation directly).
fn wasi_create<'js>(
    ctx: &Ctx<'js>,
    args: Vec<String>,
    env: Vec<String>,
    preopens: Vec<String>,
    stdio: Vec<i32>,
    return_on_exit: bool,
) -> Result<Array<'js>> {
    let w = wasm(ctx)?;
    let pairs = |v: Vec<String>| -> Vec<(String, String)> {
        v.chunks(2)
            .map(|c| (c[0].clone(), c.get(1).cloned().unwrap_or_default()))
            .collect()
    };
    let opts = WasiOptions {
        args,
        env: pairs(env),
        preopens: pairs(preopens),
        stdio: [
            stdio.first().copied().unwrap_or(0),
            stdio.get(1).copied().unwrap_or(1),
            stdio.get(2).copied().unwrap_or(2),
        ],
    };
    let wctx =
        ops::wasm::wasi_ctx(&state(ctx).op, &opts).map_err(|e| convert::throw_op_error(ctx, e))?;
    let idx = with_store(&w, |s| {
        s.data_mut().wasis.push(wctx);
        s.data().wasis.len() - 1
    });
    w.wasi_return_on_exit.borrow_mut().push(return_on_exit);
    let mut linker: Linker<Data> = Linker::new(&w.engine);
    let linked =
        ops::wasm::p1::add_wasi_snapshot_preview1_to_linker(&mut linker, move |d: &mut Data| {
            &mut d.wasis[idx]
        })
        .and_then(|_| {
            linker.allow_shadowing(true);
            linker.func_wrap(
                "wasi_snapshot_preview1",
                "proc_exit",
                move |mut caller: Caller<'_, Data>, code: i32| -> wasmtime::Result<()> {
                    caller.data_mut().exit_from = Some(idx);
                    Err(I32Exit(code).into())
                },
            )?;
            Ok(())
        });
    linked.map_err(|e| Exception::throw_internal(ctx, &format!("WASI: {e:#}")))?;
    let funcs: Vec<(String, Func)> = with_store(&w, |s| {
        linker
            .iter(&mut *s)
            .filter_map(|(_, name, e)| e.into_func().map(|f| (name.to_owned(), f)))
            .collect()
    });
    let out = Array::new(ctx.clone())?;
    for (i, (name, f)) in funcs.into_iter().enumerate() {
        let fh = with_store(&w, |s| func_id(s, &w, f));
        let entry = Array::new(ctx.clone())?;
        entry.set(0, name)?;
        entry.set(1, wrapper(ctx, &w, fh)?)?;
        out.set(i, entry)?;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasmtime::RefType;

    #[test]
    fn val_type_names_round_trip() {
        for n in ["i32", "i64", "f32", "f64", "externref", "anyfunc"] {
            assert_eq!(val_type_name(&val_type(n).unwrap()), n);
        }
        assert!(val_type("i8").is_none());
    }

    #[test]
    fn refs_are_classified() {
        assert!(heap_is_func(RefType::FUNCREF.heap_type()));
        assert!(heap_is_extern(RefType::EXTERNREF.heap_type()));
    }
}
