//! TCP sockets and servers for `node:net` / `node:http` / `node:dns`. Every connect and bind
//! goes through `wasi_bridge::net::NetPolicy` (the capability check after resolution); this
//! file keeps the open handles and moves bytes. Events (data, end, new connections) are handed
//! to an `Emit` callback the engine glue turns into loop completions.

use std::{
    collections::HashMap,
    io,
    net::{IpAddr, SocketAddr},
    os::fd::{AsFd, AsRawFd, BorrowedFd, RawFd},
    path::Path,
    sync::{
        atomic::{AtomicU64, Ordering},
        Arc, Mutex,
    },
    time::Duration,
};

use tokio::{
    io::{Interest, Ready},
    net::{TcpListener, TcpStream, UnixListener, UnixStream},
    sync::watch,
    task::AbortHandle,
};
use wasi_bridge::{
    fs::{CapFs, UnixBinding},
    net::{NetError, NetPolicy},
};

use super::{
    http::{Event, Kind, Parser},
    limits::{emfile, HandleSlot, Resources},
    OpError, OpValue,
};

/// Event kinds sent for a handle: `[id, kind, payload]`.
pub const EV_DATA: f64 = 0.0;
pub const EV_EOF: f64 = 1.0;
pub const EV_ERROR: f64 = 2.0;
pub const EV_CONNECTION: f64 = 3.0;
/// Parsed HTTP/1 request events of a socket in server mode (see `http_payload`).
pub const EV_HTTP: f64 = 4.0;

/// Delivers one event to JS; false once the runtime is gone.
pub type Emit = Arc<dyn Fn(OpValue) -> bool + Send + Sync>;

/// A connected stream socket: TCP, or Unix (also the plaintext end of a TLS connection, see
/// `ops/tls.rs`). The methods are tokio's, for either kind.
pub enum Stream {
    Tcp(TcpStream),
    Unix(UnixStream),
}

macro_rules! either {
    ($s:expr, $x:ident => $e:expr) => {
        match $s {
            Stream::Tcp($x) => $e,
            Stream::Unix($x) => $e,
        }
    };
}

impl Stream {
    pub fn try_read(&self, buf: &mut [u8]) -> io::Result<usize> {
        either!(self, s => s.try_read(buf))
    }

    pub fn try_write(&self, buf: &[u8]) -> io::Result<usize> {
        either!(self, s => s.try_write(buf))
    }

    pub async fn ready(&self, interest: Interest) -> io::Result<Ready> {
        either!(self, s => s.ready(interest).await)
    }

    pub async fn writable(&self) -> io::Result<()> {
        either!(self, s => s.writable().await)
    }

    pub fn try_io<R>(
        &self,
        interest: Interest,
        f: impl FnOnce() -> io::Result<R>,
    ) -> io::Result<R> {
        either!(self, s => s.try_io(interest, f))
    }

    /// TCP only: a Unix socket has no IP address (Node reports none).
    pub fn local_addr(&self) -> io::Result<SocketAddr> {
        match self {
            Stream::Tcp(s) => s.local_addr(),
            Stream::Unix(_) => Err(io::ErrorKind::Unsupported.into()),
        }
    }

    pub fn peer_addr(&self) -> io::Result<SocketAddr> {
        match self {
            Stream::Tcp(s) => s.peer_addr(),
            Stream::Unix(_) => Err(io::ErrorKind::Unsupported.into()),
        }
    }
}

impl From<TcpStream> for Stream {
    fn from(s: TcpStream) -> Self {
        Stream::Tcp(s)
    }
}

impl AsFd for Stream {
    fn as_fd(&self) -> BorrowedFd<'_> {
        either!(self, s => s.as_fd())
    }
}

impl AsRawFd for Stream {
    fn as_raw_fd(&self) -> RawFd {
        either!(self, s => s.as_raw_fd())
    }
}

pub struct Sock {
    pub stream: Stream,
    flowing: watch::Sender<bool>,
    reader: Mutex<Option<AbortHandle>>,
    /// `node:http` server mode: reads are parsed here and delivered as request events (Node's
    /// parser consuming the handle), not as data.
    http: Mutex<Option<Parser>>,
    /// Held by a write the kernel did not take at once until it is done, so later writes and
    /// the FIN queue behind it in order.
    wlock: Arc<tokio::sync::Mutex<()>>,
    /// The TCP connection under a TLS socket (a duplicate descriptor, dropped when the TLS pump
    /// ends): JS holds the pump's plaintext end, so setNoDelay/setKeepAlive are applied here.
    transport: Option<Transport>,
    /// Counted against `--max-handles` while the socket is in the table.
    _slot: HandleSlot,
}

/// A TLS socket's TCP descriptor, shared by its table entry and its pump.
pub type Transport = Arc<Mutex<Option<std::os::fd::OwnedFd>>>;

/// How a write went: all bytes taken now (`Done(n)`), or the rest is on its way.
pub enum Write {
    Done(usize),
    Pending(std::pin::Pin<Box<dyn std::future::Future<Output = Result<OpValue, OpError>> + Send>>),
}

struct Srv {
    accept: AbortHandle,
    /// None for a Unix socket server (JS knows its path).
    local: Option<SocketAddr>,
    /// A Unix socket server's file, removed on close like Node does.
    unix: Option<UnixBinding>,
    _slot: HandleSlot,
}

/// The open sockets and servers of one runtime.
#[derive(Default)]
pub struct NetTable {
    next: AtomicU64,
    socks: Mutex<HashMap<u64, Arc<Sock>>>,
    servers: Mutex<HashMap<u64, Srv>>,
    /// `--max-handles`: each socket and server holds a slot.
    resources: Arc<Resources>,
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

/// Node's permission error for a denied connect/listen.
pub fn denied(resource: String) -> OpError {
    OpError::AccessDenied {
        permission: "Net",
        // The error factory appends `=resource`, as for the fs flags.
        flag: "--allow-net".into(),
        resource,
    }
}

fn net_error(e: NetError, syscall: &'static str, host: &str) -> OpError {
    match e {
        NetError::Denied(d) => denied(d.resource),
        NetError::Resolve(e) => resolve_error(&e, host),
        NetError::Io(e) => OpError::io(&e, syscall, None),
    }
}

/// `getaddrinfo ENOTFOUND host` (the name is carried in `path`).
fn resolve_error(e: &io::Error, host: &str) -> OpError {
    let msg = e.to_string();
    let (errno, code) = if msg.contains("emporar") {
        (-3001, "EAI_AGAIN")
    } else {
        (-3008, "ENOTFOUND")
    };
    OpError::Sys {
        errno,
        code,
        syscall: "getaddrinfo",
        path: Some(host.to_owned()),
        dest: None,
    }
}

fn family(a: &SocketAddr) -> &'static str {
    if a.is_ipv4() {
        "IPv4"
    } else {
        "IPv6"
    }
}

pub(crate) fn addr_value(a: Option<SocketAddr>) -> OpValue {
    match a {
        Some(a) => OpValue::Array(vec![
            a.ip().to_string().into(),
            f64::from(a.port()).into(),
            family(&a).into(),
        ]),
        None => OpValue::Undefined,
    }
}

impl NetTable {
    pub fn new(resources: Arc<Resources>) -> Self {
        NetTable {
            resources,
            ..NetTable::default()
        }
    }

    fn id(&self) -> u64 {
        self.next.fetch_add(1, Ordering::Relaxed) + 1
    }

    pub(crate) fn add_sock(&self, stream: impl Into<Stream>, slot: HandleSlot) -> u64 {
        self.add_sock_over(stream, slot, None)
    }

    /// A socket whose options belong to another descriptor (`transport`: a TLS socket's TCP
    /// connection).
    pub(crate) fn add_sock_over(
        &self,
        stream: impl Into<Stream>,
        slot: HandleSlot,
        transport: Option<Transport>,
    ) -> u64 {
        let id = self.id();
        let (flowing, _) = watch::channel(false);
        lock(&self.socks).insert(
            id,
            Arc::new(Sock {
                stream: stream.into(),
                flowing,
                reader: Mutex::new(None),
                http: Mutex::new(None),
                wlock: Arc::default(),
                transport,
                _slot: slot,
            }),
        );
        id
    }

    pub fn sock(&self, id: u64) -> Result<Arc<Sock>, OpError> {
        lock(&self.socks)
            .get(&id)
            .cloned()
            .ok_or_else(|| OpError::io(&io::Error::from_raw_os_error(libc::EBADF), "write", None))
    }

    /// `[local, remote]` addresses of socket `id`, each `[address, port, family]`.
    pub fn addresses(&self, id: u64) -> OpValue {
        match lock(&self.socks).get(&id) {
            Some(s) => OpValue::Array(vec![
                addr_value(s.stream.local_addr().ok()),
                addr_value(s.stream.peer_addr().ok()),
            ]),
            None => OpValue::Undefined,
        }
    }

    /// `server.address()`.
    pub fn server_address(&self, id: u64) -> OpValue {
        addr_value(lock(&self.servers).get(&id).and_then(|s| s.local))
    }

    /// Start (or resume) delivering data events for socket `id`.
    pub fn read_start(self: &Arc<Self>, id: u64, emit: &Emit) -> Result<(), OpError> {
        let sock = self.sock(id)?;
        sock.flowing.send_replace(true);
        let mut reader = lock(&sock.reader);
        if reader.is_none() {
            let task = tokio::spawn(read_loop(id, sock.clone(), emit.clone()));
            *reader = Some(task.abort_handle());
        }
        Ok(())
    }

    /// Stop reading (`socket.pause()` / backpressure); the kernel buffers meanwhile.
    pub fn read_stop(&self, id: u64) {
        if let Some(s) = lock(&self.socks).get(&id) {
            s.flowing.send_replace(false);
        }
    }

    /// Parse what socket `id` reads as HTTP/1 requests from now on (`EV_HTTP` events).
    pub fn http_server(&self, id: u64) -> Result<(), OpError> {
        let sock = self.sock(id)?;
        *lock(&sock.http) = Some(Parser::new(Kind::Request));
        Ok(())
    }

    /// Write `data` in order after any write still in flight: what the kernel takes now is
    /// written here, the rest by a task.
    pub fn write(&self, id: u64, data: &[u8]) -> Result<Write, OpError> {
        let sock = self.sock(id)?;
        let Ok(guard) = sock.wlock.clone().try_lock_owned() else {
            let data = data.to_vec();
            return Ok(Write::Pending(Box::pin(async move {
                let guard = sock.wlock.clone().lock_owned().await;
                write_rest(sock, data, guard).await
            })));
        };
        let mut done = 0;
        while done < data.len() {
            match sock.stream.try_write(&data[done..]) {
                Ok(n) => done += n,
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => break,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(OpError::io(&e, "write", None)),
            }
        }
        if done == data.len() {
            return Ok(Write::Done(done));
        }
        let rest = data[done..].to_vec();
        Ok(Write::Pending(Box::pin(write_rest(sock, rest, guard))))
    }

    /// `socket.end()`: half-close (FIN) after queued writes went out.
    pub fn shutdown(&self, id: u64) -> Result<(), OpError> {
        let sock = self.sock(id)?;
        match sock.wlock.clone().try_lock_owned() {
            Ok(_guard) => shutdown_now(&sock),
            Err(_) => {
                // A write is still going out: the FIN follows it.
                tokio::spawn(async move {
                    let _guard = sock.wlock.clone().lock_owned().await;
                    let _ = shutdown_now(&sock);
                });
                Ok(())
            }
        }
    }

    /// `socket.destroy()`; with `reset`, an RST instead of a FIN (`resetAndDestroy`).
    pub fn close(&self, id: u64, reset: bool) {
        if let Some(s) = lock(&self.socks).remove(&id) {
            if let Some(r) = lock(&s.reader).take() {
                r.abort();
            }
            if reset {
                let _ = socket2::SockRef::from(&s.stream).set_linger(Some(Duration::ZERO));
            }
            // Other holders (a pending write) may keep the Arc; make sure the peer sees the end.
            // SAFETY: shutdown(2) on a descriptor the stream still owns.
            unsafe { libc::shutdown(s.stream.as_raw_fd(), libc::SHUT_RDWR) };
        }
    }

    /// A no-op on a Unix socket, as in Node (a pipe handle has no setNoDelay); a TLS socket
    /// sets it on its TCP connection.
    pub fn set_no_delay(&self, id: u64, on: bool) -> Result<(), OpError> {
        let sock = self.sock(id)?;
        let r = match (&sock.stream, &sock.transport) {
            (Stream::Tcp(s), _) => s.set_nodelay(on),
            (Stream::Unix(_), Some(tcp)) => match &*lock(tcp) {
                Some(fd) => socket2::SockRef::from(fd).set_tcp_nodelay(on),
                None => return Ok(()), // the TLS connection already ended
            },
            (Stream::Unix(_), None) => return Ok(()),
        };
        r.map_err(|e| OpError::io(&e, "setNoDelay", None))
    }

    pub fn set_keep_alive(&self, id: u64, on: bool, delay_ms: f64) -> Result<(), OpError> {
        let sock = self.sock(id)?;
        let transport = sock.transport.as_ref().map(|t| lock(t));
        let r = match (&sock.stream, transport.as_deref()) {
            (Stream::Tcp(s), _) => socket2::SockRef::from(s),
            (Stream::Unix(_), Some(Some(fd))) => socket2::SockRef::from(fd),
            (Stream::Unix(_), _) => return Ok(()), // as setNoDelay
        };
        let res = if on {
            let mut ka = socket2::TcpKeepalive::new();
            if delay_ms >= 1000.0 {
                ka = ka.with_time(Duration::from_millis(delay_ms as u64));
            }
            r.set_tcp_keepalive(&ka)
        } else {
            r.set_keepalive(false)
        };
        res.map_err(|e| OpError::io(&e, "setKeepAlive", None))
    }

    /// `server.listen(port, host, backlog)`: bound through the policy; accepting starts now.
    pub fn listen(
        self: &Arc<Self>,
        policy: &NetPolicy,
        host: Option<&str>,
        addr: SocketAddr,
        backlog: u32,
        emit: Emit,
    ) -> Result<(u64, SocketAddr), OpError> {
        let slot = self
            .resources
            .handle()
            .ok_or_else(|| emfile("listen", None))?;
        let listener = policy.bind_tcp(host, addr, backlog).map_err(|e| match e {
            NetError::Io(e) => OpError::io(&e, "listen", None),
            e => net_error(e, "listen", host.unwrap_or_default()),
        })?;
        let local = listener
            .local_addr()
            .map_err(|e| OpError::io(&e, "listen", None))?;
        let id = self.id();
        let task = tokio::spawn(accept_loop(id, listener, self.clone(), emit));
        lock(&self.servers).insert(
            id,
            Srv {
                accept: task.abort_handle(),
                local: Some(local),
                unix: None,
                _slot: slot,
            },
        );
        Ok((id, local))
    }

    pub fn close_server(&self, id: u64) {
        if let Some(s) = lock(&self.servers).remove(&id) {
            s.accept.abort();
            if let Some(u) = &s.unix {
                u.unlink();
            }
        }
    }

    /// A `--max-handles` slot for a new socket or server.
    pub(crate) fn slot(&self, syscall: &'static str) -> Result<HandleSlot, OpError> {
        self.resources.handle().ok_or_else(|| emfile(syscall, None))
    }

    fn add_server(
        &self,
        id: u64,
        task: AbortHandle,
        local: Option<SocketAddr>,
        unix: Option<UnixBinding>,
        slot: HandleSlot,
    ) {
        lock(&self.servers).insert(
            id,
            Srv {
                accept: task,
                local,
                unix,
                _slot: slot,
            },
        );
    }

    /// `server.listen(path)`: a Unix socket created inside a write grant (see
    /// `wasi_bridge::fs::CapFs::bind_unix`); accepting starts now.
    pub fn listen_unix(
        self: &Arc<Self>,
        fs: &CapFs,
        path: &Path,
        emit: Emit,
    ) -> Result<u64, OpError> {
        let slot = self.slot("listen")?;
        let display = path.to_string_lossy();
        let binding = fs
            .bind_unix(path)
            .map_err(|e| super::fs::fs_error(e, "listen", &display))?;
        let std = binding
            .listener
            .try_clone()
            .and_then(|l| {
                l.set_nonblocking(true)?;
                UnixListener::from_std(l)
            })
            .map_err(|e| OpError::io(&e, "listen", Some(&display)))?;
        let id = self.id();
        let task = tokio::spawn(accept_loop_unix(id, std, self.clone(), emit));
        self.add_server(id, task.abort_handle(), None, Some(binding), slot);
        Ok(id)
    }

    /// `tls.createServer().listen(...)`: a TCP listener through the policy whose connections
    /// are handshaken before they are delivered (`ops/tls.rs`).
    pub fn listen_tls(
        self: &Arc<Self>,
        policy: &NetPolicy,
        host: Option<&str>,
        addr: SocketAddr,
        backlog: u32,
        config: Arc<rustls::ServerConfig>,
        emit: Emit,
    ) -> Result<(u64, SocketAddr), OpError> {
        let slot = self.slot("listen")?;
        let listener = policy.bind_tcp(host, addr, backlog).map_err(|e| match e {
            NetError::Io(e) => OpError::io(&e, "listen", None),
            e => net_error(e, "listen", host.unwrap_or_default()),
        })?;
        let local = listener
            .local_addr()
            .map_err(|e| OpError::io(&e, "listen", None))?;
        let id = self.id();
        let task = tokio::spawn(super::tls::accept_loop(
            id,
            listener,
            config,
            self.clone(),
            emit,
        ));
        self.add_server(id, task.abort_handle(), Some(local), None, slot);
        Ok((id, local))
    }
}

/// The `--allow-net` checked TCP connect of `net.connect` and `tls.connect`.
pub(crate) async fn connect_tcp(
    policy: &NetPolicy,
    host: &str,
    port: u16,
) -> Result<TcpStream, OpError> {
    policy
        .connect_tcp(host, port)
        .await
        .map_err(|e| net_error(e, "connect", host))
}

/// `net.connect(path)`: a Unix socket file inside a write grant; returns the handle id.
pub async fn connect_unix(
    table: Arc<NetTable>,
    fs: Arc<CapFs>,
    path: String,
) -> Result<OpValue, OpError> {
    let slot = table.slot("connect")?;
    let target = fs
        .open_unix(Path::new(&path))
        .map_err(|e| super::fs::fs_error(e, "connect", &path))?;
    let stream = UnixStream::connect(&target.path)
        .await
        .map_err(|e| OpError::io(&e, "connect", Some(&path)))?;
    drop(target);
    Ok((table.add_sock(Stream::Unix(stream), slot) as f64).into())
}

/// `net.connect(port, host)`: resolve, check, connect; returns `[id, local, remote]`.
pub async fn connect(
    table: Arc<NetTable>,
    policy: Arc<NetPolicy>,
    host: String,
    port: u16,
) -> Result<OpValue, OpError> {
    // Checked before the socket exists, as socket(2) would fail.
    let slot = table
        .resources
        .handle()
        .ok_or_else(|| emfile("connect", None))?;
    let stream = policy
        .connect_tcp(&host, port)
        .await
        .map_err(|e| net_error(e, "connect", &host))?;
    let local = stream.local_addr().ok();
    let remote = stream.peer_addr().ok();
    let id = table.add_sock(stream, slot);
    Ok(OpValue::Array(vec![
        (id as f64).into(),
        addr_value(local),
        addr_value(remote),
    ]))
}

fn shutdown_now(sock: &Sock) -> Result<(), OpError> {
    // SAFETY: shutdown(2) on a descriptor the stream owns and keeps open.
    let r = unsafe { libc::shutdown(sock.stream.as_raw_fd(), libc::SHUT_WR) };
    if r != 0 {
        let e = io::Error::last_os_error();
        if e.raw_os_error() != Some(libc::ENOTCONN) {
            return Err(OpError::io(&e, "shutdown", None));
        }
    }
    Ok(())
}

/// The rest of a write the kernel did not take at once (holding the socket's write lock).
async fn write_rest(
    sock: Arc<Sock>,
    data: Vec<u8>,
    _guard: tokio::sync::OwnedMutexGuard<()>,
) -> Result<OpValue, OpError> {
    let mut done = 0;
    while done < data.len() {
        sock.stream
            .writable()
            .await
            .map_err(|e| OpError::io(&e, "write", None))?;
        match sock.stream.try_write(&data[done..]) {
            Ok(n) => done += n,
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => {}
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(OpError::io(&e, "write", None)),
        }
    }
    Ok(OpValue::Undefined)
}

/// `dns.lookup(host)`: `[[address, family], ...]`, gated like a connect.
pub async fn lookup(policy: Arc<NetPolicy>, host: String) -> Result<OpValue, OpError> {
    let addrs = policy
        .resolve(&host, 0)
        .await
        .map_err(|e| net_error(e, "getaddrinfo", &host))?;
    let mut seen = Vec::new();
    for a in addrs {
        if !seen.contains(&a.ip()) {
            seen.push(a.ip());
        }
    }
    Ok(OpValue::Array(
        seen.into_iter()
            .map(|ip| {
                OpValue::Array(vec![
                    ip.to_string().into(),
                    (if ip.is_ipv4() { 4.0 } else { 6.0 }).into(),
                ])
            })
            .collect(),
    ))
}

/// `dns.lookupService(address, port)`: `[hostname, service]` from getnameinfo(3) with
/// NI_NAMEREQD, as libuv asks. The system resolver may send a PTR query for `address`, so it is
/// gated like a connect to `address:port`.
pub async fn lookup_service(
    policy: Arc<NetPolicy>,
    address: String,
    port: u16,
) -> Result<OpValue, OpError> {
    let ip = parse_ip(&address).ok_or_else(|| {
        OpError::code(
            "ERR_INVALID_ARG_VALUE",
            format!("The argument 'address' is invalid. Received '{address}'"),
        )
    })?;
    let sa = SocketAddr::new(ip, port);
    policy
        .check_connect(&address, &[sa], port)
        .map_err(|d| denied(d.resource))?;
    let names = tokio::task::spawn_blocking(move || getnameinfo(sa))
        .await
        .map_err(|e| OpError::code("ERR_INTERNAL_ASSERTION", e.to_string()))?;
    let (host, service) = names.map_err(|(errno, code)| OpError::Sys {
        errno,
        code,
        syscall: "getnameinfo",
        path: Some(address),
        dest: None,
    })?;
    Ok(OpValue::Array(vec![host.into(), service.into()]))
}

/// getnameinfo(3), failures as libuv's `(errno, code)` (EAI_NONAME is Node's ENOTFOUND).
fn getnameinfo(sa: SocketAddr) -> Result<(String, String), (i32, &'static str)> {
    // NI_MAXHOST and NI_MAXSERV from <netdb.h>.
    let mut host = [0 as libc::c_char; 1025];
    let mut serv = [0 as libc::c_char; 32];
    let addr = socket2::SockAddr::from(sa);
    // SAFETY: `addr` is a valid sockaddr of `addr.len()` bytes; both buffers are writable for
    // the lengths given, and getnameinfo NUL-terminates what it writes on success.
    let r = unsafe {
        libc::getnameinfo(
            addr.as_ptr().cast(),
            addr.len(),
            host.as_mut_ptr(),
            host.len() as libc::socklen_t,
            serv.as_mut_ptr(),
            serv.len() as libc::socklen_t,
            libc::NI_NAMEREQD,
        )
    };
    let text = |b: &[libc::c_char]| {
        // SAFETY: NUL-terminated by getnameinfo (checked r == 0 before use).
        unsafe { std::ffi::CStr::from_ptr(b.as_ptr()) }
            .to_string_lossy()
            .into_owned()
    };
    match r {
        0 => Ok((text(&host), text(&serv))),
        libc::EAI_NONAME => Err((-3008, "ENOTFOUND")),
        libc::EAI_AGAIN => Err((-3001, "EAI_AGAIN")),
        libc::EAI_FAIL => Err((-3004, "EAI_FAIL")),
        libc::EAI_FAMILY => Err((-3005, "EAI_FAMILY")),
        libc::EAI_MEMORY => Err((-3006, "EAI_MEMORY")),
        libc::EAI_OVERFLOW => Err((-3009, "EAI_OVERFLOW")),
        _ => Err((-3008, "ENOTFOUND")),
    }
}

/// Parse a literal listen address (`host` already resolved by JS when it was a name).
pub fn parse_ip(s: &str) -> Option<IpAddr> {
    s.trim_start_matches('[').trim_end_matches(']').parse().ok()
}

pub(crate) fn io_event(id: u64, kind: f64, payload: OpValue) -> OpValue {
    OpValue::Array(vec![(id as f64).into(), kind.into(), payload])
}

pub(crate) fn error_value(e: &io::Error, syscall: &str) -> OpValue {
    let errno = e.raw_os_error().unwrap_or(libc::EIO);
    OpValue::Object(vec![
        ("errno", f64::from(-errno).into()),
        ("code", super::error::errno_code(errno).into()),
        ("syscall", syscall.into()),
    ])
}

async fn read_loop(id: u64, sock: Arc<Sock>, emit: Emit) {
    let mut flowing = sock.flowing.subscribe();
    loop {
        while !*flowing.borrow_and_update() {
            if flowing.changed().await.is_err() {
                return;
            }
        }
        let ready = match sock.stream.ready(tokio::io::Interest::READABLE).await {
            Ok(r) => r,
            Err(e) => {
                emit(io_event(id, EV_ERROR, error_value(&e, "read")));
                return;
            }
        };
        // The buffer is the thread's, not the socket's: an idle connection holds none.
        let read = READ_BUF.with_borrow_mut(|buf| {
            let read = sock.stream.try_read(buf);
            if matches!(read, Ok(n) if n > 0 && n < buf.len()) && !ready.is_read_closed() {
                // A short read drained the socket: drop the readiness now rather than learn it
                // from one more read that fails with EAGAIN (a syscall per request). Data
                // arriving later raises a new edge; a FIN already seen is left to be read.
                let _ = sock
                    .stream
                    .try_io(tokio::io::Interest::READABLE, || -> io::Result<()> {
                        Err(io::ErrorKind::WouldBlock.into())
                    });
            }
            read.map(|n| (n > 0).then(|| read_event(id, &sock, &buf[..n])))
        });
        match read {
            Ok(None) => {
                let finish = lock(&sock.http).as_mut().map(http_finish);
                if let Some(Some(ev)) = finish {
                    emit(io_event(id, EV_HTTP, ev));
                }
                emit(io_event(id, EV_EOF, OpValue::Null));
                return;
            }
            Ok(Some(ev)) => {
                if !emit(ev) {
                    return;
                }
            }
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => {}
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => {
                emit(io_event(id, EV_ERROR, error_value(&e, "read")));
                return;
            }
        }
    }
}

thread_local! {
    static READ_BUF: std::cell::RefCell<Vec<u8>> = std::cell::RefCell::new(vec![0; 64 * 1024]);
}

/// The event for bytes read from a socket: parsed requests in server mode, else the data.
fn read_event(id: u64, sock: &Sock, data: &[u8]) -> OpValue {
    let parsed = {
        let mut http = lock(&sock.http);
        let parsed = http.as_mut().map(|p| http_payload(p, data));
        if parsed.as_ref().is_some_and(|(_, done)| *done) {
            // Upgraded or failed: what follows is raw data for the new owner.
            *http = None;
        }
        parsed
    };
    match parsed {
        Some((payload, _)) => io_event(id, EV_HTTP, payload),
        None => io_event(id, EV_DATA, OpValue::Bytes(data.to_vec())),
    }
}

/// HTTP event tags inside an `EV_HTTP` payload.
const HTTP_HEAD: f64 = 0.0;
const HTTP_BODY: f64 = 1.0;
const HTTP_COMPLETE: f64 = 2.0;
const HTTP_UPGRADE: f64 = 3.0;
const HTTP_ERROR: f64 = 4.0;
/// Flag bits of a head record.
const HEAD_KEEP_ALIVE: u32 = 1;
const HEAD_UPGRADE: u32 = 2;
const HEAD_HOST: u32 = 4;
const HEAD_EXPECT: u32 = 8;

/// One read of a server-mode socket as a flat record list `[bytes, tag, fields.., tag, ..]`:
/// `HEAD method url minor rawHeaders flags` (rawHeaders: names and values joined by NUL),
/// `BODY bytes`, `COMPLETE`, `UPGRADE rest`,
/// `ERROR code reason rawPacket`. A request without a body is one `HEAD .. COMPLETE` pair.
/// The bool is true once the parser is done with this socket (upgrade or error).
fn http_payload(p: &mut Parser, data: &[u8]) -> (OpValue, bool) {
    let (events, err) = p.execute_partial(data);
    // (A head is six values, a completion one: room for a request without growing.)
    let mut out = Vec::with_capacity(1 + 7 * events.len());
    out.push((data.len() as f64).into());
    let mut done = push_http_events(&mut out, events);
    if let Some(e) = err {
        out.push(HTTP_ERROR.into());
        out.push(e.code.into());
        out.push(e.reason.into());
        out.push(OpValue::Bytes(data.to_vec()));
        done = true;
    }
    (OpValue::Array(out), done)
}

/// The peer closed a server-mode socket: an error if it stopped mid-request.
fn http_finish(p: &mut Parser) -> Option<OpValue> {
    match p.finish() {
        Ok(events) if events.is_empty() => None,
        Ok(events) => {
            let mut out = vec![0.0.into()];
            push_http_events(&mut out, events);
            Some(OpValue::Array(out))
        }
        Err(e) => Some(OpValue::Array(vec![
            0.0.into(),
            HTTP_ERROR.into(),
            e.code.into(),
            e.reason.into(),
            OpValue::Bytes(Vec::new()),
        ])),
    }
}

fn push_http_events(out: &mut Vec<OpValue>, events: Vec<Event>) -> bool {
    let mut done = false;
    for e in events {
        match e {
            Event::Head(h) => {
                let mut flags = 0;
                // The parser's NUL-joined string as is: JS splits it into rawHeaders only when
                // they are read.
                for (k, _) in h.headers() {
                    if k.eq_ignore_ascii_case("host") {
                        flags |= HEAD_HOST;
                    } else if k.eq_ignore_ascii_case("expect") {
                        flags |= HEAD_EXPECT;
                    }
                }
                if h.keep_alive {
                    flags |= HEAD_KEEP_ALIVE;
                }
                if h.upgrade {
                    flags |= HEAD_UPGRADE;
                }
                out.push(HTTP_HEAD.into());
                out.push(h.method.into());
                out.push(h.url.into());
                out.push(f64::from(h.minor).into());
                out.push(OpValue::String(h.raw_headers));
                out.push(f64::from(flags).into());
            }
            Event::Body(b) => {
                out.push(HTTP_BODY.into());
                out.push(OpValue::Bytes(b));
            }
            Event::Complete => out.push(HTTP_COMPLETE.into()),
            Event::Upgrade(rest) => {
                out.push(HTTP_UPGRADE.into());
                out.push(OpValue::Bytes(rest));
                done = true;
            }
        }
    }
    done
}

async fn accept_loop_unix(id: u64, listener: UnixListener, table: Arc<NetTable>, emit: Emit) {
    loop {
        match listener.accept().await {
            Ok((stream, _)) => {
                let Ok(slot) = table.slot("accept") else {
                    drop(stream);
                    let e = io::Error::from_raw_os_error(libc::EMFILE);
                    if !emit(io_event(id, EV_ERROR, error_value(&e, "accept"))) {
                        return;
                    }
                    continue;
                };
                let sid = table.add_sock(Stream::Unix(stream), slot);
                let ev = OpValue::Array(vec![
                    (sid as f64).into(),
                    OpValue::Undefined,
                    OpValue::Undefined,
                ]);
                if !emit(io_event(id, EV_CONNECTION, ev)) {
                    return;
                }
            }
            Err(e) => {
                emit(io_event(id, EV_ERROR, error_value(&e, "accept")));
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
        }
    }
}

async fn accept_loop(id: u64, listener: TcpListener, table: Arc<NetTable>, emit: Emit) {
    loop {
        match listener.accept().await {
            Ok((stream, peer)) => {
                let Some(slot) = table.resources.handle() else {
                    // At --max-handles: refuse this connection and report EMFILE on the
                    // server, as Node does when accept(2) hits the fd limit.
                    drop(stream);
                    let e = io::Error::from_raw_os_error(libc::EMFILE);
                    if !emit(io_event(id, EV_ERROR, error_value(&e, "accept"))) {
                        return;
                    }
                    continue;
                };
                let local = stream.local_addr().ok();
                let sid = table.add_sock(stream, slot);
                let ev = OpValue::Array(vec![
                    (sid as f64).into(),
                    addr_value(local),
                    addr_value(Some(peer)),
                ]);
                if !emit(io_event(id, EV_CONNECTION, ev)) {
                    return;
                }
            }
            Err(e) => {
                // EMFILE and friends: report, back off briefly, keep serving.
                emit(io_event(id, EV_ERROR, error_value(&e, "accept")));
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn denied_names_the_flag() {
        match denied("127.0.0.1:1".into()) {
            OpError::AccessDenied {
                permission,
                resource,
                flag,
            } => {
                assert_eq!(permission, "Net");
                assert_eq!(resource, "127.0.0.1:1");
                assert_eq!(flag, "--allow-net");
            }
            e => panic!("{e:?}"),
        }
    }
}
