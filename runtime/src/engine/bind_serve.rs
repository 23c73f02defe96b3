//! `atoll:ops` exports for `atoll serve` (ops/serve.rs, driven by internal/web/serve.js).
//! A listening server holds one loop ref until JS releases it after the `closed` event.

use std::{cell::RefCell, collections::HashMap, net::ToSocketAddrs, rc::Rc, sync::Arc};

use rquickjs::{function::Opt, Ctx, Function, JsLifetime, Persistent, Result, Value};
use wasi_bridge::net::NetPolicy;

use super::bind::OpSink;
use super::{convert, spawn_op, state, Completion};
use crate::ops::{
    net::Emit,
    serve::{self, Reply, ReplyBody, Server, WriteState},
    OpError, OpValue,
};

pub const SERVE_OP_NAMES: &[&str] = &[
    "op_serve_listen",
    "op_serve_respond",
    "op_serve_respond_stream",
    "op_serve_write",
    "op_serve_end",
    "op_serve_close",
    "op_serve_release",
];

#[derive(Default)]
struct ServeEngine {
    /// id -> (server, event listener id)
    servers: RefCell<HashMap<u64, (Arc<Server>, u64)>>,
}

#[derive(Clone, Default)]
struct ServeHandle(Rc<ServeEngine>);

// SAFETY: ServeHandle holds no JS values.
unsafe impl<'js> JsLifetime<'js> for ServeHandle {
    type Changed<'to> = ServeHandle;
}

fn engine(ctx: &Ctx<'_>) -> Rc<ServeEngine> {
    if let Some(h) = ctx.userdata::<ServeHandle>() {
        return h.0.clone();
    }
    let h = ServeHandle::default();
    let _ = ctx.store_userdata(h.clone());
    h.0
}

fn server(ctx: &Ctx<'_>, id: f64) -> Option<Arc<Server>> {
    engine(ctx)
        .servers
        .borrow()
        .get(&(id as u64))
        .map(|(s, _)| s.clone())
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

fn pairs(flat: Vec<String>) -> Vec<(String, String)> {
    let mut out = Vec::with_capacity(flat.len() / 2);
    let mut it = flat.into_iter();
    while let (Some(k), Some(v)) = (it.next(), it.next()) {
        out.push((k, v));
    }
    out
}

fn status_of(status: f64) -> u16 {
    if (100.0..1000.0).contains(&status) {
        status as u16
    } else {
        500
    }
}

pub(crate) fn register<'js>(ctx: &Ctx<'js>, o: &OpSink<'js>) -> Result<()> {
    set(
        ctx,
        o,
        "op_serve_listen",
        |ctx: Ctx<'js>,
         host: String,
         port: f64,
         f: Function<'js>,
         headers_timeout: Opt<Option<f64>>|
         -> Result<Value<'js>> {
            let st = state(&ctx);
            let port = if port.fract() == 0.0 && (0.0..65536.0).contains(&port) {
                port as u16
            } else {
                return throw(
                    &ctx,
                    Err(OpError::code(
                        "ERR_SOCKET_BAD_PORT",
                        format!("Port should be >= 0 and < 65536. Received {port}."),
                    )),
                );
            };
            let addr = match crate::ops::net::parse_ip(&host) {
                Some(ip) => Some(std::net::SocketAddr::new(ip, port)),
                None => (host.as_str(), port)
                    .to_socket_addrs()
                    .ok()
                    .and_then(|mut a| a.next()),
            };
            let Some(addr) = addr else {
                return throw(
                    &ctx,
                    Err(OpError::Sys {
                        errno: -3008,
                        code: "ENOTFOUND",
                        syscall: "getaddrinfo",
                        path: Some(host),
                        dest: None,
                    }),
                );
            };
            let listener = st.next_id();
            st.listeners
                .borrow_mut()
                .insert(listener, Persistent::save(&ctx, f));
            let tx = st.tx.clone();
            let emit: Emit =
                Arc::new(move |value| tx.send(Completion::Event { listener, value }).is_ok());
            let policy = NetPolicy::new(&st.op.grants);
            // headersTimeout in ms (validated by serve.js); 0 turns it off, as in node:http.
            let header_timeout = match headers_timeout.0.flatten() {
                None => Some(serve::DEFAULT_HEADER_TIMEOUT),
                Some(ms) if ms > 0.0 => std::time::Duration::try_from_secs_f64(ms / 1000.0).ok(),
                Some(_) => None,
            };
            let server = match Server::listen(&policy, &host, addr, header_timeout, emit) {
                Ok(s) => s,
                Err(e) => {
                    st.listeners.borrow_mut().remove(&listener);
                    return throw(&ctx, Err(e));
                }
            };
            tokio::spawn(serve::close_on_signal(server.clone()));
            let id = st.next_id();
            st.refs.set(st.refs.get() + 1);
            let local = server.local;
            engine(&ctx)
                .servers
                .borrow_mut()
                .insert(id, (server, listener));
            convert::to_js(
                &ctx,
                OpValue::Array(vec![
                    (id as f64).into(),
                    local.ip().to_string().into(),
                    f64::from(local.port()).into(),
                ]),
            )
        },
    )?;
    set(
        ctx,
        o,
        "op_serve_respond",
        |ctx: Ctx<'js>,
         id: f64,
         req: f64,
         status: f64,
         headers: Vec<String>,
         body: Value<'js>|
         -> Result<bool> {
            let Some(server) = server(&ctx, id) else {
                return Ok(false);
            };
            let body = if body.is_null() || body.is_undefined() {
                ReplyBody::Full(None)
            } else {
                ReplyBody::Full(Some(convert::bytes_from_js(&ctx, &body)?.into()))
            };
            Ok(server.respond(
                req as u64,
                Reply {
                    status: status_of(status),
                    headers: pairs(headers),
                    body,
                },
            ))
        },
    )?;
    set(
        ctx,
        o,
        "op_serve_respond_stream",
        |ctx: Ctx<'js>, id: f64, req: f64, status: f64, headers: Vec<String>| -> Result<bool> {
            Ok(server(&ctx, id)
                .is_some_and(|s| s.respond_stream(req as u64, status_of(status), pairs(headers))))
        },
    )?;
    set(
        ctx,
        o,
        "op_serve_write",
        |ctx: Ctx<'js>, id: f64, req: f64, chunk: Value<'js>| -> Result<Value<'js>> {
            let Some(server) = server(&ctx, id) else {
                return Ok(Value::new_bool(ctx.clone(), false));
            };
            let data = convert::bytes_from_js(&ctx, &chunk)?;
            match server.write(req as u64, data) {
                WriteState::Done => Ok(Value::new_bool(ctx.clone(), true)),
                WriteState::Gone => Ok(Value::new_bool(ctx.clone(), false)),
                WriteState::Wait(tx, chunk) => {
                    Ok(spawn_op(&ctx, serve::write_when_ready(tx, chunk))?.into_value())
                }
            }
        },
    )?;
    set(
        ctx,
        o,
        "op_serve_end",
        |ctx: Ctx<'js>, id: f64, req: f64, error: Opt<Option<String>>| {
            if let Some(s) = server(&ctx, id) {
                s.end(req as u64, error.0.flatten());
            }
        },
    )?;
    set(ctx, o, "op_serve_close", |ctx: Ctx<'js>, id: f64| {
        if let Some(s) = server(&ctx, id) {
            s.close();
        }
    })?;
    set(ctx, o, "op_serve_release", |ctx: Ctx<'js>, id: f64| {
        let removed = engine(&ctx).servers.borrow_mut().remove(&(id as u64));
        if let Some((server, listener)) = removed {
            server.close();
            let st = state(&ctx);
            st.listeners.borrow_mut().remove(&listener);
            st.refs.set(st.refs.get().saturating_sub(1));
        }
    })?;
    Ok(())
}
