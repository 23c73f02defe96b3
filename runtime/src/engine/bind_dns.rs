//! `atoll:ops` exports for `node:dns` resolve*/reverse and `Resolver` (ops/dns.rs). JS keeps
//! each resolver's servers and options and passes them with every query; Rust keeps only the
//! in-flight queries so `cancel()` can stop them.

use std::{rc::Rc, sync::Arc};

use rquickjs::{Ctx, JsLifetime, Result};
use wasi_bridge::net::NetPolicy;

use super::bind::OpSink;
use super::{spawn_op, state};
use crate::ops::{
    dns::{self, DnsTable, Query},
    OpError,
};

pub const DNS_OP_NAMES: &[&str] = &["op_dns_default_servers", "op_dns_query", "op_dns_cancel"];

struct DnsEngine {
    table: Arc<DnsTable>,
    policy: Arc<NetPolicy>,
}

#[derive(Clone)]
struct DnsHandle(Rc<DnsEngine>);

// SAFETY: DnsHandle holds no JS values.
unsafe impl<'js> JsLifetime<'js> for DnsHandle {
    type Changed<'to> = DnsHandle;
}

fn engine(ctx: &Ctx<'_>) -> Rc<DnsEngine> {
    if let Some(h) = ctx.userdata::<DnsHandle>() {
        return h.0.clone();
    }
    let h = DnsHandle(Rc::new(DnsEngine {
        table: Arc::default(),
        policy: Arc::new(NetPolicy::new(&state(ctx).op.grants)),
    }));
    let _ = ctx.store_userdata(h.clone());
    h.0
}

fn set<'js, F, P>(ctx: &Ctx<'js>, obj: &OpSink<'js>, name: &str, f: F) -> Result<()>
where
    F: rquickjs::function::IntoJsFunc<'js, P> + 'js,
{
    obj.set(ctx, name, f)
}

pub(crate) fn register<'js>(ctx: &Ctx<'js>, o: &OpSink<'js>) -> Result<()> {
    set(ctx, o, "op_dns_default_servers", || -> Vec<String> {
        dns::default_servers()
            .iter()
            .map(|a| a.to_string())
            .collect()
    })?;
    // (id, ["ip:port", ...], name, rrtype, [timeoutMs, tries, ttl]) -> Promise
    set(
        ctx,
        o,
        "op_dns_query",
        |ctx: Ctx<'js>,
         id: f64,
         servers: Vec<String>,
         name: String,
         rrtype: String,
         opts: Vec<f64>| {
            let e = engine(&ctx);
            let servers: std::result::Result<Vec<_>, _> =
                servers.iter().map(|s| s.parse()).collect();
            let cancelled = e.table.register(id as u64);
            let fut = {
                let (policy, table) = (e.policy.clone(), e.table.clone());
                async move {
                    let servers = servers.map_err(|_| {
                        OpError::code("ERR_INVALID_IP_ADDRESS", "Invalid IP address")
                    })?;
                    let q = Query {
                        id: id as u64,
                        servers,
                        timeout_ms: opts.first().copied().unwrap_or(-1.0),
                        tries: opts.get(1).copied().unwrap_or(4.0) as usize,
                        name,
                        rrtype,
                        ttl: opts.get(2).is_some_and(|t| *t != 0.0),
                    };
                    dns::query(policy, table, q, cancelled).await
                }
            };
            spawn_op(&ctx, fut)
        },
    )?;
    set(ctx, o, "op_dns_cancel", |ctx: Ctx<'js>, id: f64| {
        engine(&ctx).table.cancel(id as u64);
    })?;
    Ok(())
}
