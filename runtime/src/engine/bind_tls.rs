//! `atoll:ops` exports for the socket kinds beyond TCP: Unix domain sockets (`node:net` with a
//! path, gated by the file grants) and TLS (`node:tls` / `node:https`, gated by `--allow-net`).
//! Both hand JS an ordinary `node:net` socket handle (see `ops/tls.rs`), so everything after
//! connect/accept is `bind_net.rs`.

use rquickjs::{function::Opt, Ctx, Object, Result, Value};

use super::bind::OpSink;
use super::{
    bind_net::{listen_address, net, port_of, set, set_ref, throw},
    convert, spawn_op, state,
};
use crate::ops::{self, tls, OpError, OpValue};

pub const TLS_OP_NAMES: &[&str] = &[
    "op_net_connect_unix",
    "op_net_listen_unix",
    "op_tls_connect",
    "op_tls_listen",
];

fn alpn(list: Option<Vec<String>>) -> Vec<Vec<u8>> {
    list.unwrap_or_default()
        .into_iter()
        .map(String::into_bytes)
        .collect()
}

pub(crate) fn register<'js>(ctx: &Ctx<'js>, o: &OpSink<'js>) -> Result<()> {
    set(
        ctx,
        o,
        "op_net_connect_unix",
        |ctx: Ctx<'js>, path: String| {
            let ne = net(&ctx)?;
            let st = state(&ctx);
            let abs = wasi_bridge::fs::normalize(&st.op.cwd.borrow().join(&path));
            let fs = st.op.fs.clone();
            let table = ne.table.clone();
            spawn_op(&ctx, async move {
                // The error names the path as the script gave it, the check uses the absolute one.
                ops::net::connect_unix(table, fs, abs.to_string_lossy().into_owned())
                    .await
                    .map_err(|e| rename_path(e, &path))
            })
        },
    )?;
    set(
        ctx,
        o,
        "op_net_listen_unix",
        |ctx: Ctx<'js>, path: String| -> Result<f64> {
            let ne = net(&ctx)?;
            let st = state(&ctx);
            let abs = wasi_bridge::fs::normalize(&st.op.cwd.borrow().join(&path));
            let r = ne
                .table
                .listen_unix(&st.op.fs, &abs, ne.emit.clone())
                .map_err(|e| rename_path(e, &path));
            let id = throw(&ctx, r)?;
            set_ref(&ctx, &ne, id, true);
            Ok(id as f64)
        },
    )?;
    set(
        ctx,
        o,
        "op_tls_connect",
        |ctx: Ctx<'js>,
         host: String,
         port: f64,
         servername: String,
         reject_unauthorized: bool,
         ca: Opt<Option<String>>,
         protocols: Opt<Option<Vec<String>>>| {
            let ne = net(&ctx)?;
            let port = port_of(&ctx, port)?;
            let opts = tls::ClientOpts {
                ca: ca.0.flatten().map(String::into_bytes),
                reject_unauthorized,
                servername,
                alpn: alpn(protocols.0.flatten()),
            };
            spawn_op(
                &ctx,
                tls::connect(ne.table.clone(), ne.policy.clone(), host, port, opts),
            )
        },
    )?;
    set(
        ctx,
        o,
        "op_tls_listen",
        |ctx: Ctx<'js>,
         host: Opt<Option<String>>,
         address: String,
         port: f64,
         backlog: f64,
         material: Object<'js>|
         -> Result<Value<'js>> {
            let ne = net(&ctx)?;
            let (addr, backlog) = listen_address(&ctx, &address, port, backlog)?;
            // `{cert, key, ALPNProtocols}`, PEM strings (node:tls validated them).
            let cert: String = material.get("cert")?;
            let key: String = material.get("key")?;
            let protocols: Option<Vec<String>> = material.get("ALPNProtocols")?;
            let config = throw(
                &ctx,
                tls::server_config(cert.as_bytes(), key.as_bytes(), alpn(protocols)),
            )?;
            let host = host.0.flatten();
            let (id, local) = throw(
                &ctx,
                ne.table.listen_tls(
                    &ne.policy,
                    host.as_deref(),
                    addr,
                    backlog,
                    config,
                    ne.emit.clone(),
                ),
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
    Ok(())
}

/// OS errors name the path the script passed (Node's `connect ENOENT ./x.sock`).
fn rename_path(e: OpError, path: &str) -> OpError {
    match e {
        OpError::Sys {
            errno,
            code,
            syscall,
            path: Some(_),
            dest,
        } => OpError::Sys {
            errno,
            code,
            syscall,
            path: Some(path.to_owned()),
            dest,
        },
        e => e,
    }
}
