//! `atoll:ops` exports for `node:worker_threads`. Parent side: spawn a worker (its online,
//! message, error and exit events arrive as listener events; a ref'd worker holds a loop ref
//! until it exits), post to it, terminate, ref/unref. Worker side: its context, `parentPort`
//! posting and listening (a listening port holds a loop ref until closed or unref'd).

use std::{cell::RefCell, collections::HashMap, sync::Arc};

use rquickjs::{Ctx, Function, Object, Persistent, Result, Value};
use tokio::sync::mpsc::UnboundedSender;

use super::bind::OpSink;
use super::{convert, state, Completion};
use crate::{
    ops::{
        worker::{self, SpawnRequest, WorkerEvent},
        OpError, OpValue,
    },
    TerminateHandle,
};

/// Every export this module adds to `atoll:ops`.
pub const WORKER_OP_NAMES: &[&str] = &[
    "op_worker_spawn",
    "op_worker_post",
    "op_worker_terminate",
    "op_worker_ref",
    "op_worker_release",
    "op_worker_info",
    "op_worker_port_listen",
    "op_worker_port_post",
    "op_worker_port_ref",
];

struct Child {
    to_worker: UnboundedSender<String>,
    terminate: Arc<TerminateHandle>,
    listener: u64,
    refed: bool,
}

impl Drop for Child {
    /// A worker whose parent runtime is gone (or released it) must not run on.
    fn drop(&mut self) {
        self.terminate.terminate();
    }
}

thread_local! {
    /// This runtime's workers, by threadId.
    static CHILDREN: RefCell<HashMap<u64, Child>> = RefCell::default();
    /// The worker side's `parentPort` listener, and whether it holds a loop ref.
    static PORT: RefCell<Option<(u64, bool)>> = const { RefCell::new(None) };
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

fn add_ref(ctx: &Ctx<'_>, on: bool) {
    let st = state(ctx);
    if on {
        st.refs.set(st.refs.get() + 1);
    } else {
        st.refs.set(st.refs.get().saturating_sub(1));
    }
}

fn event(kind: &str, payload: OpValue) -> OpValue {
    OpValue::Array(vec![kind.into(), payload])
}

pub(crate) fn register<'js>(ctx: &Ctx<'js>, o: &OpSink<'js>) -> Result<()> {
    set(
        ctx,
        o,
        "op_worker_spawn",
        |ctx: Ctx<'js>, spec: Object<'js>, f: Function<'js>| -> Result<f64> {
            let req = SpawnRequest {
                main: spec.get("main")?,
                eval: spec.get::<_, Option<bool>>("eval")?.unwrap_or(false),
                argv: spec
                    .get::<_, Option<Vec<String>>>("argv")?
                    .unwrap_or_default(),
                data: spec.get("data")?,
                env: spec.get::<_, Option<String>>("env")?.unwrap_or_default(),
                environment: spec
                    .get::<_, Option<String>>("environment")?
                    .unwrap_or_default(),
            };
            let st = state(&ctx);
            let spawned = throw(
                &ctx,
                worker::spawn(&st.op, req).map_err(|e| OpError::io(&e, "uv_thread_create", None)),
            )?;
            let listener = st.next_id();
            st.listeners
                .borrow_mut()
                .insert(listener, Persistent::save(&ctx, f));
            let tx = st.tx.clone();
            let mut events = spawned.events;
            tokio::spawn(async move {
                while let Some(ev) = events.recv().await {
                    let value = match ev {
                        WorkerEvent::Online => event("online", OpValue::Undefined),
                        WorkerEvent::Message(s) => event("message", s.into()),
                        WorkerEvent::Error(s) => event("error", s.into()),
                        WorkerEvent::Exit(code) => event("exit", (code as f64).into()),
                    };
                    if tx.send(Completion::Event { listener, value }).is_err() {
                        break;
                    }
                }
            });
            add_ref(&ctx, true);
            CHILDREN.with(|c| {
                c.borrow_mut().insert(
                    spawned.thread_id,
                    Child {
                        to_worker: spawned.to_worker,
                        terminate: spawned.terminate,
                        listener,
                        refed: true,
                    },
                )
            });
            Ok(spawned.thread_id as f64)
        },
    )?;
    set(ctx, o, "op_worker_post", |id: f64, data: String| -> bool {
        CHILDREN.with(|c| {
            c.borrow()
                .get(&(id as u64))
                .is_some_and(|w| w.to_worker.send(data).is_ok())
        })
    })?;
    set(ctx, o, "op_worker_terminate", |id: f64| {
        CHILDREN.with(|c| {
            if let Some(w) = c.borrow().get(&(id as u64)) {
                w.terminate.terminate();
            }
        })
    })?;
    set(
        ctx,
        o,
        "op_worker_ref",
        |ctx: Ctx<'js>, id: f64, on: bool| {
            let changed = CHILDREN.with(|c| {
                c.borrow_mut()
                    .get_mut(&(id as u64))
                    .filter(|w| w.refed != on)
                    .map(|w| w.refed = on)
                    .is_some()
            });
            if changed {
                add_ref(&ctx, on);
            }
        },
    )?;
    // After 'exit': forget the worker, its listener and its loop ref.
    set(ctx, o, "op_worker_release", |ctx: Ctx<'js>, id: f64| {
        let child = CHILDREN.with(|c| c.borrow_mut().remove(&(id as u64)));
        if let Some(child) = child {
            state(&ctx).listeners.borrow_mut().remove(&child.listener);
            if child.refed {
                add_ref(&ctx, false);
            }
        }
    })?;
    set(
        ctx,
        o,
        "op_worker_info",
        |ctx: Ctx<'js>| -> Result<Value<'js>> {
            let info = worker::with_context(|w| {
                OpValue::Object(vec![
                    ("threadId", (w.thread_id as f64).into()),
                    ("data", w.data.clone().into()),
                    ("env", w.env.clone().into()),
                    ("environment", w.environment.clone().into()),
                ])
            });
            convert::to_js(&ctx, info.unwrap_or(OpValue::Null))
        },
    )?;
    // Start delivering parent messages to `f` (once; later calls only re-ref the port).
    set(
        ctx,
        o,
        "op_worker_port_listen",
        |ctx: Ctx<'js>, f: Function<'js>| {
            let Some(mut inbox) = worker::with_context(|w| w.inbox.take()).flatten() else {
                return;
            };
            let st = state(&ctx);
            let listener = st.next_id();
            st.listeners
                .borrow_mut()
                .insert(listener, Persistent::save(&ctx, f));
            let tx = st.tx.clone();
            tokio::spawn(async move {
                while let Some(msg) = inbox.recv().await {
                    let value = OpValue::String(msg);
                    if tx.send(Completion::Event { listener, value }).is_err() {
                        break;
                    }
                }
            });
            PORT.with(|p| *p.borrow_mut() = Some((listener, false)));
        },
    )?;
    set(ctx, o, "op_worker_port_ref", |ctx: Ctx<'js>, on: bool| {
        let changed = PORT.with(|p| {
            p.borrow_mut()
                .as_mut()
                .filter(|(_, refed)| *refed != on)
                .map(|(_, refed)| *refed = on)
                .is_some()
        });
        if changed {
            add_ref(&ctx, on);
        }
    })?;
    set(
        ctx,
        o,
        "op_worker_port_post",
        |kind: String, data: String| -> bool {
            worker::with_context(|w| {
                let ev = if kind == "error" {
                    WorkerEvent::Error(data)
                } else {
                    WorkerEvent::Message(data)
                };
                w.to_parent.send(ev).is_ok()
            })
            .unwrap_or(false)
        },
    )?;
    Ok(())
}
