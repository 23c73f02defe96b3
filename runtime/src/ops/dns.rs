//! `node:dns` resolve*/reverse: DNS queries on the wire through `hickory-resolver`, configured
//! like c-ares: the servers of /etc/resolv.conf unless the script called `setServers`.
//!
//! Gating follows Deno's `Deno.resolveDns`: a query is network access to the name servers it
//! is sent to, so every server must be granted by `--allow-net` (`ip:port` or the bare IP);
//! the queried name is data sent to that server, not a host contacted, and is not checked.
//! Each query builds its own resolver (no cache: c-ares answers each query afresh) and can be
//! cancelled by id (`Resolver#cancel`).

use std::{
    collections::HashMap,
    future::Future,
    io,
    net::{IpAddr, Ipv4Addr, SocketAddr},
    pin::Pin,
    sync::{Arc, Mutex, OnceLock},
    task::{Context, Poll},
    time::Duration,
};

use hickory_resolver::{
    config::{NameServerConfig, ResolveHosts, ResolverConfig, ResolverOpts},
    net::{
        runtime::{DnsUdpSocket, RuntimeProvider, TokioRuntimeProvider, TokioTime},
        DnsError, NetError,
    },
    proto::{
        op::ResponseCode,
        rr::{Name, RData, Record, RecordType},
    },
    Resolver,
};
use tokio::{io::Interest, sync::oneshot};
use wasi_bridge::net::NetPolicy;

use super::{OpError, OpValue};

/// The in-flight queries of one runtime, by the id JS gave them, for `cancel()`.
#[derive(Default)]
pub struct DnsTable {
    cancels: Mutex<HashMap<u64, oneshot::Sender<()>>>,
}

impl DnsTable {
    /// Register query `id` before it starts, so a `cancel()` right after the call reaches it.
    pub fn register(&self, id: u64) -> oneshot::Receiver<()> {
        let (tx, rx) = oneshot::channel();
        lock(&self.cancels).insert(id, tx);
        rx
    }

    /// Cancel query `id` (no-op when it already finished).
    pub fn cancel(&self, id: u64) {
        if let Some(tx) = lock(&self.cancels).remove(&id) {
            let _ = tx.send(());
        }
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

/// Tokio sockets, but each UDP socket is connected to its server as c-ares does, so an ICMP
/// port-unreachable fails the query with ECONNREFUSED at once instead of after the timeout.
#[derive(Clone, Default)]
struct Provider(TokioRuntimeProvider);

/// A connected UDP socket whose receive also wakes on a socket error: tokio's readable
/// readiness alone never sees the EPOLLERR an ICMP error raises.
struct ConnectedUdp(tokio::net::UdpSocket);

type RecvFuture<'a> = Pin<Box<dyn Future<Output = io::Result<(usize, SocketAddr)>> + Send + 'a>>;

impl DnsUdpSocket for ConnectedUdp {
    type Time = TokioTime;

    fn poll_recv_from(
        &self,
        cx: &mut Context<'_>,
        buf: &mut [u8],
    ) -> Poll<io::Result<(usize, SocketAddr)>> {
        let mut rb = tokio::io::ReadBuf::new(buf);
        let addr = std::task::ready!(self.0.poll_recv_from(cx, &mut rb))?;
        Poll::Ready(Ok((rb.filled().len(), addr)))
    }

    fn recv_from<'s, 'b, 'f>(&'s self, buf: &'b mut [u8]) -> RecvFuture<'f>
    where
        's: 'f,
        'b: 'f,
        Self: 'f,
    {
        Box::pin(async move {
            loop {
                let ready = self.0.ready(Interest::READABLE | Interest::ERROR).await?;
                if ready.is_error() {
                    // The ICMP error waits in SO_ERROR.
                    if let Some(e) = self.0.take_error()? {
                        return Err(e);
                    }
                    // Nothing pending: clear tokio's error readiness, or ready() would spin.
                    let _ = self.0.try_io(Interest::ERROR, || {
                        Err::<(), _>(io::ErrorKind::WouldBlock.into())
                    });
                }
                match self.0.try_recv_from(buf) {
                    Err(e) if e.kind() == io::ErrorKind::WouldBlock => continue,
                    r => return r,
                }
            }
        })
    }

    fn poll_send_to(
        &self,
        cx: &mut Context<'_>,
        buf: &[u8],
        target: SocketAddr,
    ) -> Poll<io::Result<usize>> {
        self.0.poll_send_to(cx, buf, target)
    }
}

type Tokio = TokioRuntimeProvider;
type Boxed<T> = Pin<Box<dyn Send + Future<Output = io::Result<T>>>>;

impl RuntimeProvider for Provider {
    type Handle = <Tokio as RuntimeProvider>::Handle;
    type Timer = <Tokio as RuntimeProvider>::Timer;
    type Udp = ConnectedUdp;
    type Tcp = <Tokio as RuntimeProvider>::Tcp;

    fn create_handle(&self) -> Self::Handle {
        self.0.create_handle()
    }

    fn connect_tcp(
        &self,
        server: SocketAddr,
        bind: Option<SocketAddr>,
        timeout: Option<Duration>,
    ) -> Boxed<Self::Tcp> {
        self.0.connect_tcp(server, bind, timeout)
    }

    fn bind_udp(&self, local: SocketAddr, server: SocketAddr) -> Boxed<Self::Udp> {
        Box::pin(async move {
            let sock = tokio::net::UdpSocket::bind(local).await?;
            sock.connect(server).await?;
            Ok(ConnectedUdp(sock))
        })
    }
}

/// The system configuration, read once: name servers and the per-try timeout.
struct SystemConf {
    servers: Vec<SocketAddr>,
    timeout: Duration,
}

fn system_conf() -> &'static SystemConf {
    static CONF: OnceLock<SystemConf> = OnceLock::new();
    CONF.get_or_init(|| match hickory_resolver::system_conf::read_system_conf() {
        Ok((conf, opts)) => {
            let mut servers = Vec::new();
            for ns in conf.name_servers() {
                let port = ns.connections.first().map_or(53, |c| c.port);
                let addr = SocketAddr::new(ns.ip, port);
                if !servers.contains(&addr) {
                    servers.push(addr);
                }
            }
            SystemConf {
                servers,
                timeout: opts.timeout,
            }
        }
        // c-ares falls back to a local server when resolv.conf is missing or unreadable.
        Err(_) => SystemConf {
            servers: vec![SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), 53)],
            timeout: Duration::from_secs(5),
        },
    })
}

/// The servers a new `Resolver` starts with (`dns.getServers()` before any `setServers`).
pub fn default_servers() -> Vec<SocketAddr> {
    system_conf().servers.clone()
}

/// One resolve call as JS describes it.
pub struct Query {
    pub id: u64,
    pub servers: Vec<SocketAddr>,
    /// Milliseconds per try; negative: the system default.
    pub timeout_ms: f64,
    pub tries: usize,
    /// The name asked for; for `reverse`, the IP address.
    pub name: String,
    /// `A`, `AAAA`, `ANY`, `CAA`, `CNAME`, `MX`, `NAPTR`, `NS`, `PTR`, `SOA`, `SRV`, `TXT`, or
    /// `REVERSE` (a PTR query for the address in `name`).
    pub rrtype: String,
    /// `resolve4/6({ ttl: true })`: `{ address, ttl }` objects.
    pub ttl: bool,
}

/// A DNS failure as c-ares names it; JS turns it into `queryA ENOTFOUND host`.
fn dns_err(code: &str) -> OpError {
    OpError::code(code, code)
}

fn record_type(s: &str) -> Option<RecordType> {
    Some(match s {
        "A" => RecordType::A,
        "AAAA" => RecordType::AAAA,
        "ANY" => RecordType::ANY,
        "CAA" => RecordType::CAA,
        "CNAME" => RecordType::CNAME,
        "MX" => RecordType::MX,
        "NAPTR" => RecordType::NAPTR,
        "NS" => RecordType::NS,
        "PTR" | "REVERSE" => RecordType::PTR,
        "SOA" => RecordType::SOA,
        "SRV" => RecordType::SRV,
        "TXT" => RecordType::TXT,
        _ => return None,
    })
}

/// Run `q`: checks the grants, then queries the servers in order until one answers.
/// `cancelled` comes from [`DnsTable::register`]; the entry is removed when the query ends.
pub async fn query(
    policy: Arc<NetPolicy>,
    table: Arc<DnsTable>,
    q: Query,
    cancelled: oneshot::Receiver<()>,
) -> Result<OpValue, OpError> {
    let id = q.id;
    let out = tokio::select! {
        r = checked(policy, q) => r,
        _ = cancelled => Err(dns_err("ECANCELLED")),
    };
    lock(&table.cancels).remove(&id);
    out
}

async fn checked(policy: Arc<NetPolicy>, q: Query) -> Result<OpValue, OpError> {
    for s in &q.servers {
        let host = s.ip().to_string();
        policy
            .check_connect(&host, &[*s], s.port())
            .map_err(|d| super::net::denied(d.resource))?;
    }
    let rtype = record_type(&q.rrtype)
        .ok_or_else(|| OpError::code("ERR_INVALID_ARG_VALUE", format!("rrtype {}", q.rrtype)))?;
    let name = if q.rrtype == "REVERSE" {
        let ip: IpAddr = q.name.parse().map_err(|_| dns_err("EINVAL"))?;
        Name::from(ip)
    } else {
        // c-ares sends the name as given (ares_query: no search list), so make it absolute.
        let mut n = Name::from_ascii(&q.name).map_err(|_| dns_err("EBADNAME"))?;
        n.set_fqdn(true);
        n
    };
    if q.servers.is_empty() {
        return Err(dns_err("ECONNREFUSED"));
    }
    run(q, name, rtype).await
}

async fn run(q: Query, name: Name, rtype: RecordType) -> Result<OpValue, OpError> {
    let mut config = ResolverConfig::default();
    for s in &q.servers {
        let mut ns = NameServerConfig::udp_and_tcp(s.ip());
        for c in &mut ns.connections {
            c.port = s.port();
        }
        config.add_name_server(ns);
    }
    let mut opts = ResolverOpts::default();
    opts.timeout = if q.timeout_ms >= 0.0 {
        Duration::from_millis(q.timeout_ms.max(1.0) as u64)
    } else {
        system_conf().timeout
    };
    opts.attempts = q.tries.max(1);
    opts.cache_size = 0;
    opts.use_hosts_file = ResolveHosts::Never;
    opts.num_concurrent_reqs = 1;
    opts.ndots = 0;
    let resolver = Resolver::builder_with_config(config, Provider::default())
        .with_options(opts)
        .build()
        .map_err(|e| map_error(&e))?;
    let lookup = resolver
        .lookup(name, rtype)
        .await
        .map_err(|e| map_error(&e))?;
    let records: Vec<&Record> = lookup
        .answers()
        .iter()
        .filter(|r| rtype == RecordType::ANY || r.record_type() == rtype)
        .collect();
    if records.is_empty() {
        return Err(dns_err("ENODATA"));
    }
    if rtype == RecordType::SOA {
        return Ok(soa(&records[0].data, false).unwrap_or(OpValue::Null));
    }
    let any = rtype == RecordType::ANY;
    let out: Vec<OpValue> = records
        .iter()
        .filter_map(|r| record_value(r, any, q.ttl))
        .collect();
    if out.is_empty() {
        return Err(dns_err("ENODATA"));
    }
    Ok(OpValue::Array(out))
}

/// c-ares status names for hickory's failures.
fn map_error(e: &NetError) -> OpError {
    let code = match e {
        NetError::Dns(DnsError::NoRecordsFound(nr)) => match nr.response_code {
            ResponseCode::NXDomain => "ENOTFOUND",
            ResponseCode::NoError => "ENODATA",
            c => response_code(c),
        },
        NetError::Dns(DnsError::ResponseCode(c)) => response_code(*c),
        NetError::Timeout => "ETIMEOUT",
        NetError::Io(_) | NetError::NoConnections | NetError::Busy => "ECONNREFUSED",
        NetError::Proto(_) | NetError::Truncated | NetError::QueryCaseMismatch => "EBADRESP",
        _ => "ESERVFAIL",
    };
    dns_err(code)
}

fn response_code(c: ResponseCode) -> &'static str {
    match c {
        ResponseCode::NXDomain => "ENOTFOUND",
        ResponseCode::FormErr => "EFORMERR",
        ResponseCode::NotImp => "ENOTIMP",
        ResponseCode::Refused => "EREFUSED",
        ResponseCode::NoError => "ENODATA",
        _ => "ESERVFAIL",
    }
}

/// A domain name as c-ares prints it: no trailing dot.
fn name_str(n: &Name) -> OpValue {
    let s = n.to_ascii();
    s.strip_suffix('.').unwrap_or(&s).to_owned().into()
}

/// Character strings as Node decodes them (one byte per UTF-16 unit, latin1).
fn latin1(b: &[u8]) -> OpValue {
    OpValue::String(b.iter().map(|&c| char::from(c)).collect())
}

fn with_type(mut fields: Vec<(&'static str, OpValue)>, any: bool, t: &'static str) -> OpValue {
    if any {
        fields.push(("type", t.into()));
    }
    OpValue::Object(fields)
}

fn soa(data: &RData, any: bool) -> Option<OpValue> {
    let RData::SOA(s) = data else { return None };
    Some(with_type(
        vec![
            ("nsname", name_str(&s.mname)),
            ("hostmaster", name_str(&s.rname)),
            ("serial", f64::from(s.serial).into()),
            ("refresh", f64::from(s.refresh).into()),
            ("retry", f64::from(s.retry).into()),
            ("expire", f64::from(s.expire).into()),
            ("minttl", f64::from(s.minimum).into()),
        ],
        any,
        "SOA",
    ))
}

/// One answer in the shape of Node's `resolveX` (or, with `any`, of `resolveAny`).
fn record_value(r: &Record, any: bool, ttl: bool) -> Option<OpValue> {
    let ttl_v = f64::from(r.ttl);
    let addr = |ip: String, t: &'static str| {
        if any || ttl {
            with_type(vec![("address", ip.into()), ("ttl", ttl_v.into())], any, t)
        } else {
            ip.into()
        }
    };
    let named = |n: &Name, t: &'static str| {
        if any {
            with_type(vec![("value", name_str(n))], true, t)
        } else {
            name_str(n)
        }
    };
    Some(match &r.data {
        RData::A(a) => addr(a.0.to_string(), "A"),
        RData::AAAA(a) => addr(a.0.to_string(), "AAAA"),
        RData::CNAME(n) => named(&n.0, "CNAME"),
        RData::NS(n) => named(&n.0, "NS"),
        RData::PTR(n) => named(&n.0, "PTR"),
        RData::MX(mx) => with_type(
            vec![
                ("exchange", name_str(&mx.exchange)),
                ("priority", f64::from(mx.preference).into()),
            ],
            any,
            "MX",
        ),
        RData::SRV(s) => with_type(
            vec![
                ("name", name_str(&s.target)),
                ("port", f64::from(s.port).into()),
                ("priority", f64::from(s.priority).into()),
                ("weight", f64::from(s.weight).into()),
            ],
            any,
            "SRV",
        ),
        RData::TXT(t) => {
            let chunks = OpValue::Array(t.txt_data.iter().map(|c| latin1(c)).collect());
            if any {
                with_type(vec![("entries", chunks)], true, "TXT")
            } else {
                chunks
            }
        }
        RData::NAPTR(n) => with_type(
            vec![
                ("flags", latin1(&n.flags)),
                ("service", latin1(&n.services)),
                ("regexp", latin1(&n.regexp)),
                ("replacement", name_str(&n.replacement)),
                ("order", f64::from(n.order).into()),
                ("preference", f64::from(n.preference).into()),
            ],
            any,
            "NAPTR",
        ),
        // The property is named after the tag (`issue`, `iodef`, ...): JS builds the object.
        RData::CAA(c) => with_type(
            vec![
                (
                    "critical",
                    f64::from(c.reserved_flags | if c.issuer_critical { 128 } else { 0 }).into(),
                ),
                ("tag", c.tag.clone().into()),
                ("value", latin1(&c.value)),
            ],
            any,
            "CAA",
        ),
        RData::SOA(_) => soa(&r.data, any)?,
        _ => return None,
    })
}
