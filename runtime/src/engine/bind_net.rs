//! `atoll:ops` exports for `node:net`, `node:dns` and `node:http`. Socket events (data, end,
//! errors, accepted connections) reach JS through one dispatcher function registered with
//! `op_net_init`, as `[handleId, kind, payload]` records taken in batches
//! (`op_net_take_events`). An open, ref'd socket or server
//! counts in `EngineState.refs` (like a libuv handle) so it keeps the loop alive; `unref()`
//! and close take that count back.

use std::{
    cell::{Cell, RefCell},
    collections::{HashMap, HashSet},
    rc::Rc,
    sync::{Arc, Mutex},
};

use rquickjs::{function::Opt, qjs, Ctx, Function, JsLifetime, Persistent, Result, Value};
use wasi_bridge::net::NetPolicy;

use super::bind::OpSink;
use super::{convert, spawn_op, state, Completion};
use crate::ops::{
    http::{Event, Kind, Parser},
    net::{self, Emit, NetTable},
    OpError, OpValue,
};

pub const NET_OP_NAMES: &[&str] = &[
    "op_net_init",
    "op_net_take_events",
    "op_net_connect",
    "op_net_listen",
    "op_net_server_close",
    "op_net_server_address",
    "op_net_read_start",
    "op_net_read_stop",
    "op_net_write",
    "op_net_shutdown",
    "op_net_close",
    "op_net_addresses",
    "op_net_set_no_delay",
    "op_net_set_keep_alive",
    "op_net_ref",
    "op_dns_lookup",
    "op_dns_lookup_service",
    "op_http_parser_new",
    "op_http_parser_execute",
    "op_http_parser_finish",
    "op_http_parser_reset",
    "op_http_parser_no_body",
    "op_http_parser_free",
    "op_http_server_attach",
    "op_http_write_response",
];

pub(super) struct NetEngine {
    pub(super) table: Arc<NetTable>,
    pub(super) policy: Arc<NetPolicy>,
    pub(super) emit: Emit,
    /// Socket events not yet taken by JS (`op_net_take_events`).
    queue: Arc<Mutex<Vec<OpValue>>>,
    /// Handles currently holding a loop ref.
    refd: RefCell<HashSet<u64>>,
    parsers: RefCell<HashMap<u64, Parser>>,
    next_parser: Cell<u64>,
}

#[derive(Clone)]
struct NetHandle(Rc<NetEngine>);

// SAFETY: NetHandle holds no JS values.
unsafe impl<'js> JsLifetime<'js> for NetHandle {
    type Changed<'to> = NetHandle;
}

pub(super) fn net(ctx: &Ctx<'_>) -> Result<Rc<NetEngine>> {
    match ctx.userdata::<NetHandle>() {
        Some(h) => Ok(h.0.clone()),
        None => Err(convert::throw_op_error(
            ctx,
            OpError::code("ERR_INTERNAL_ASSERTION", "op_net_init was not called"),
        )),
    }
}

pub(super) fn throw<T>(ctx: &Ctx<'_>, r: std::result::Result<T, OpError>) -> Result<T> {
    r.map_err(|e| convert::throw_op_error(ctx, e))
}

pub(super) fn set<'js, F, P>(ctx: &Ctx<'js>, obj: &OpSink<'js>, name: &str, f: F) -> Result<()>
where
    F: rquickjs::function::IntoJsFunc<'js, P> + 'js,
{
    obj.set(ctx, name, f)
}

/// Hold (`on`) or release the loop ref of handle `id`.
pub(super) fn set_ref(ctx: &Ctx<'_>, ne: &NetEngine, id: u64, on: bool) {
    let st = state(ctx);
    let mut refd = ne.refd.borrow_mut();
    if on && refd.insert(id) {
        st.refs.set(st.refs.get() + 1);
    } else if !on && refd.remove(&id) {
        st.refs.set(st.refs.get().saturating_sub(1));
    }
}

/// The socket address and backlog of a TCP listen (node:net and node:tls): `address` is the
/// already-resolved IP, a backlog of 0 or less means Node's default of 511.
pub(super) fn listen_address(
    ctx: &Ctx<'_>,
    address: &str,
    port: f64,
    backlog: f64,
) -> Result<(std::net::SocketAddr, u32)> {
    let port = port_of(ctx, port)?;
    let Some(ip) = net::parse_ip(address) else {
        return throw(
            ctx,
            Err(OpError::Sys {
                errno: -libc::EINVAL,
                code: "EINVAL",
                syscall: "listen",
                path: None,
                dest: None,
            }),
        );
    };
    let backlog = if backlog > 0.0 { backlog as u32 } else { 511 };
    Ok((std::net::SocketAddr::new(ip, port), backlog))
}

pub(super) fn port_of(ctx: &Ctx<'_>, port: f64) -> Result<u16> {
    if port.fract() == 0.0 && (0.0..65536.0).contains(&port) {
        Ok(port as u16)
    } else {
        throw(
            ctx,
            Err(OpError::code(
                "ERR_SOCKET_BAD_PORT",
                format!("Port should be >= 0 and < 65536. Received {port}."),
            )),
        )
    }
}

fn events_to_js(events: Vec<Event>) -> OpValue {
    OpValue::Array(
        events
            .into_iter()
            .map(|e| match e {
                Event::Head(h) => {
                    let flat = crate::ops::http::NulSplit::new(&h.raw_headers)
                        .map(|s| OpValue::String(s.to_owned()))
                        .collect();
                    OpValue::Array(vec![
                        0.0.into(),
                        h.method.into(),
                        h.url.into(),
                        f64::from(h.minor).into(),
                        OpValue::Array(flat),
                        h.keep_alive.into(),
                        h.upgrade.into(),
                        f64::from(h.status).into(),
                        h.reason.into(),
                    ])
                }
                Event::Body(b) => OpValue::Array(vec![1.0.into(), OpValue::Bytes(b)]),
                Event::Complete => OpValue::Array(vec![2.0.into()]),
                Event::Upgrade(b) => OpValue::Array(vec![3.0.into(), OpValue::Bytes(b)]),
            })
            .collect(),
    )
}

/// `true` when the kernel took every byte now, else a promise settled when the rest is out;
/// with `Done`, the byte count as a number (`op_http_write_response` reports it).
fn write_result<'js>(
    ctx: &Ctx<'js>,
    r: std::result::Result<net::Write, OpError>,
) -> Result<Value<'js>> {
    match throw(ctx, r)? {
        net::Write::Done(n) => Ok(Value::new_number(ctx.clone(), n as f64)),
        net::Write::Pending(fut) => Ok(spawn_op(ctx, fut)?.into_value()),
    }
}

/// Response flags of `op_http_write_response`.
const RES_HEAD_UTF8: i32 = 1;
const RES_CHUNKED: i32 = 2;

/// One whole response in one buffer: the rendered head (latin1, or UTF-8 when it travels with
/// a UTF-8 string body, as Node's `_send` does), then the body, framed as a single chunk plus
/// the last chunk when chunked. Strings are copied straight from QuickJS's UTF-8 into the
/// buffer (no Rust `String` of their own each).
fn response_bytes<'js>(
    ctx: &Ctx<'js>,
    head: &rquickjs::String<'js>,
    body: &Value<'js>,
    flags: i32,
) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    with_utf8(ctx, head.as_raw(), |h| {
        out.reserve(h.len() + 64);
        if flags & RES_HEAD_UTF8 != 0 || h.is_ascii() {
            out.extend_from_slice(h);
        } else {
            // Latin-1: each UTF-16 unit's low byte, like Buffer's 'latin1' encoding.
            out.extend(String::from_utf8_lossy(h).encode_utf16().map(|u| u as u8));
        }
    })?;
    let chunked = flags & RES_CHUNKED != 0;
    let push_body = |out: &mut Vec<u8>, b: &[u8]| {
        if !chunked {
            out.extend_from_slice(b);
        } else if !b.is_empty() {
            // The chunk size in hex, without fmt's machinery.
            let mut hex = [0u8; 16];
            let mut i = hex.len();
            let mut n = b.len();
            loop {
                i -= 1;
                hex[i] = b"0123456789abcdef"[n & 15];
                n >>= 4;
                if n == 0 {
                    break;
                }
            }
            out.extend_from_slice(&hex[i..]);
            out.extend_from_slice(b"\r\n");
            out.extend_from_slice(b);
            out.extend_from_slice(b"\r\n");
        }
    };
    if body.is_string() {
        with_utf8(ctx, body.as_raw(), |b| push_body(&mut out, b))?;
    } else if !body.is_undefined() && !body.is_null() {
        push_body(&mut out, &convert::bytes_from_js(ctx, body)?);
    }
    if chunked {
        out.extend_from_slice(b"0\r\n\r\n");
    }
    Ok(out)
}

/// `f` over the UTF-8 bytes of JS string `s`, as rquickjs' `String::to_string` gets them
/// (JS_ToCStringLen), without copying them into a `String`.
fn with_utf8(ctx: &Ctx<'_>, s: qjs::JSValue, f: impl FnOnce(&[u8])) -> Result<()> {
    let c = ctx.as_raw().as_ptr();
    let mut len: qjs::size_t = 0;
    // SAFETY: `s` is a live string of this context; the returned buffer holds `len` bytes and
    // is released right after `f` borrows it.
    unsafe {
        let p = qjs::JS_ToCStringLen2(c, &mut len, s, false);
        if p.is_null() {
            return Err(rquickjs::Error::Exception);
        }
        f(std::slice::from_raw_parts(p.cast::<u8>(), len as usize));
        qjs::JS_FreeCString(c, p);
    }
    Ok(())
}

fn parse_error(e: crate::ops::http::ParseError) -> OpError {
    OpError::code(e.code, format!("Parse Error: {}", e.reason))
}

pub(crate) fn register<'js>(ctx: &Ctx<'js>, o: &OpSink<'js>) -> Result<()> {
    set(ctx, o, "op_net_init", |ctx: Ctx<'js>, f: Function<'js>| {
        if ctx.userdata::<NetHandle>().is_some() {
            return Ok(());
        }
        let st = state(&ctx);
        let listener = st.next_id();
        st.listeners
            .borrow_mut()
            .insert(listener, Persistent::save(&ctx, f));
        let tx = st.tx.clone();
        // Events queue up here; only the first of a batch rings the loop, and the dispatcher
        // takes the whole queue in one call (one Rust->JS call per loop turn, not per event).
        let queue: Arc<Mutex<Vec<OpValue>>> = Arc::default();
        let q = queue.clone();
        let emit: Emit = Arc::new(move |value| {
            let mut q = q.lock().unwrap_or_else(|e| e.into_inner());
            let first = q.is_empty();
            q.push(value);
            drop(q);
            !first
                || tx
                    .send(Completion::Event {
                        listener,
                        value: OpValue::Null,
                    })
                    .is_ok()
        });
        let ne = NetEngine {
            table: Arc::new(NetTable::new(st.op.resources.clone())),
            policy: Arc::new(NetPolicy::new(&st.op.grants)),
            emit,
            queue,
            refd: RefCell::default(),
            parsers: RefCell::default(),
            next_parser: Cell::new(0),
        };
        ctx.store_userdata(NetHandle(Rc::new(ne)))
            .map(|_| ())
            .map_err(|_| rquickjs::Error::Unknown)
    })?;
    set(
        ctx,
        o,
        "op_net_take_events",
        |ctx: Ctx<'js>| -> Result<Value<'js>> {
            let ne = net(&ctx)?;
            let events = std::mem::take(&mut *ne.queue.lock().unwrap_or_else(|e| e.into_inner()));
            convert::to_js(&ctx, OpValue::Array(events))
        },
    )?;
    set(
        ctx,
        o,
        "op_net_connect",
        |ctx: Ctx<'js>, host: String, port: f64| {
            let ne = net(&ctx)?;
            let port = port_of(&ctx, port)?;
            spawn_op(
                &ctx,
                net::connect(ne.table.clone(), ne.policy.clone(), host, port),
            )
        },
    )?;
    set(
        ctx,
        o,
        "op_net_listen",
        |ctx: Ctx<'js>, host: Opt<Option<String>>, address: String, port: f64, backlog: f64| {
            let ne = net(&ctx)?;
            let (addr, backlog) = listen_address(&ctx, &address, port, backlog)?;
            let host = host.0.flatten();
            let (id, local) = throw(
                &ctx,
                ne.table
                    .listen(&ne.policy, host.as_deref(), addr, backlog, ne.emit.clone()),
            )?;
            set_ref(&ctx, &ne, id, true);
            let family = if local.is_ipv4() { "IPv4" } else { "IPv6" };
            convert::to_js(
                &ctx,
                OpValue::Array(vec![
                    (id as f64).into(),
                    local.ip().to_string().into(),
                    f64::from(local.port()).into(),
                    family.into(),
                ]),
            )
        },
    )?;
    set(
        ctx,
        o,
        "op_net_server_close",
        |ctx: Ctx<'js>, id: f64| -> Result<()> {
            let ne = net(&ctx)?;
            ne.table.close_server(id as u64);
            set_ref(&ctx, &ne, id as u64, false);
            Ok(())
        },
    )?;
    set(
        ctx,
        o,
        "op_net_server_address",
        |ctx: Ctx<'js>, id: f64| -> Result<Value<'js>> {
            let ne = net(&ctx)?;
            convert::to_js(&ctx, ne.table.server_address(id as u64))
        },
    )?;
    set(
        ctx,
        o,
        "op_net_read_start",
        |ctx: Ctx<'js>, id: f64| -> Result<()> {
            let ne = net(&ctx)?;
            throw(&ctx, ne.table.read_start(id as u64, &ne.emit))
        },
    )?;
    set(
        ctx,
        o,
        "op_net_read_stop",
        |ctx: Ctx<'js>, id: f64| -> Result<()> {
            net(&ctx)?.table.read_stop(id as u64);
            Ok(())
        },
    )?;
    set(
        ctx,
        o,
        "op_net_write",
        |ctx: Ctx<'js>, id: f64, data: Value<'js>| -> Result<Value<'js>> {
            let ne = net(&ctx)?;
            let bytes = convert::bytes_from_js(&ctx, &data)?;
            write_result(&ctx, ne.table.write(id as u64, &bytes))
        },
    )?;
    set(
        ctx,
        o,
        "op_http_server_attach",
        |ctx: Ctx<'js>, id: f64| -> Result<()> {
            let ne = net(&ctx)?;
            throw(&ctx, ne.table.http_server(id as u64))
        },
    )?;
    set(
        ctx,
        o,
        "op_http_write_response",
        |ctx: Ctx<'js>,
         id: f64,
         head: rquickjs::String<'js>,
         body: Value<'js>,
         flags: i32|
         -> Result<Value<'js>> {
            let ne = net(&ctx)?;
            let bytes = response_bytes(&ctx, &head, &body, flags)?;
            write_result(&ctx, ne.table.write(id as u64, &bytes))
        },
    )?;
    set(
        ctx,
        o,
        "op_net_shutdown",
        |ctx: Ctx<'js>, id: f64| -> Result<()> {
            let ne = net(&ctx)?;
            throw(&ctx, ne.table.shutdown(id as u64))
        },
    )?;
    set(
        ctx,
        o,
        "op_net_close",
        |ctx: Ctx<'js>, id: f64, reset: Opt<bool>| -> Result<()> {
            let ne = net(&ctx)?;
            ne.table.close(id as u64, reset.0.unwrap_or(false));
            set_ref(&ctx, &ne, id as u64, false);
            Ok(())
        },
    )?;
    set(
        ctx,
        o,
        "op_net_addresses",
        |ctx: Ctx<'js>, id: f64| -> Result<Value<'js>> {
            let ne = net(&ctx)?;
            convert::to_js(&ctx, ne.table.addresses(id as u64))
        },
    )?;
    set(
        ctx,
        o,
        "op_net_set_no_delay",
        |ctx: Ctx<'js>, id: f64, on: bool| -> Result<()> {
            let ne = net(&ctx)?;
            throw(&ctx, ne.table.set_no_delay(id as u64, on))
        },
    )?;
    set(
        ctx,
        o,
        "op_net_set_keep_alive",
        |ctx: Ctx<'js>, id: f64, on: bool, delay: f64| -> Result<()> {
            let ne = net(&ctx)?;
            throw(&ctx, ne.table.set_keep_alive(id as u64, on, delay))
        },
    )?;
    set(
        ctx,
        o,
        "op_net_ref",
        |ctx: Ctx<'js>, id: f64, on: bool| -> Result<()> {
            let ne = net(&ctx)?;
            set_ref(&ctx, &ne, id as u64, on);
            Ok(())
        },
    )?;
    set(ctx, o, "op_dns_lookup", |ctx: Ctx<'js>, host: String| {
        let ne = net(&ctx)?;
        spawn_op(&ctx, net::lookup(ne.policy.clone(), host))
    })?;
    set(
        ctx,
        o,
        "op_dns_lookup_service",
        |ctx: Ctx<'js>, address: String, port: u16| {
            let ne = net(&ctx)?;
            spawn_op(&ctx, net::lookup_service(ne.policy.clone(), address, port))
        },
    )?;
    set(
        ctx,
        o,
        "op_http_parser_new",
        |ctx: Ctx<'js>, response: bool| -> Result<f64> {
            let ne = net(&ctx)?;
            let id = ne.next_parser.get() + 1;
            ne.next_parser.set(id);
            let kind = if response {
                Kind::Response
            } else {
                Kind::Request
            };
            ne.parsers.borrow_mut().insert(id, Parser::new(kind));
            Ok(id as f64)
        },
    )?;
    set(
        ctx,
        o,
        "op_http_parser_execute",
        |ctx: Ctx<'js>, id: f64, data: Value<'js>| -> Result<Value<'js>> {
            let ne = net(&ctx)?;
            let bytes = convert::bytes_from_js(&ctx, &data)?;
            let r = match ne.parsers.borrow_mut().get_mut(&(id as u64)) {
                Some(p) => p.execute(&bytes).map_err(parse_error),
                None => Ok(Vec::new()),
            };
            let events = throw(&ctx, r)?;
            convert::to_js(&ctx, events_to_js(events))
        },
    )?;
    set(
        ctx,
        o,
        "op_http_parser_finish",
        |ctx: Ctx<'js>, id: f64| -> Result<Value<'js>> {
            let ne = net(&ctx)?;
            let r = match ne.parsers.borrow_mut().get_mut(&(id as u64)) {
                Some(p) => p.finish().map_err(parse_error),
                None => Ok(Vec::new()),
            };
            let events = throw(&ctx, r)?;
            convert::to_js(&ctx, events_to_js(events))
        },
    )?;
    set(
        ctx,
        o,
        "op_http_parser_reset",
        |ctx: Ctx<'js>, id: f64, response: bool| -> Result<()> {
            let ne = net(&ctx)?;
            if let Some(p) = ne.parsers.borrow_mut().get_mut(&(id as u64)) {
                p.reset(if response {
                    Kind::Response
                } else {
                    Kind::Request
                });
            }
            Ok(())
        },
    )?;
    set(
        ctx,
        o,
        "op_http_parser_no_body",
        |ctx: Ctx<'js>, id: f64| -> Result<()> {
            let ne = net(&ctx)?;
            if let Some(p) = ne.parsers.borrow_mut().get_mut(&(id as u64)) {
                p.no_body = true;
            }
            Ok(())
        },
    )?;
    set(
        ctx,
        o,
        "op_http_parser_free",
        |ctx: Ctx<'js>, id: f64| -> Result<()> {
            let ne = net(&ctx)?;
            ne.parsers.borrow_mut().remove(&(id as u64));
            Ok(())
        },
    )?;
    Ok(())
}
