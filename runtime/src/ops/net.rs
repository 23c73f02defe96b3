//! TCP sockets and servers for `node:net` / `node:http` / `node:dns`. Every connect and bind
//! goes through `wasi_bridge::net::NetPolicy` (the capability check after resolution); this
//! file keeps the open handles and moves bytes. Events (data, end, new connections) are handed
//! to an `Emit` callback the engine glue turns into loop completions.

use std::{
    collections::HashMap,
    io,
    net::{IpAddr, SocketAddr},
    os::fd::AsRawFd,
    sync::{
        atomic::{AtomicU64, Ordering},
        Arc, Mutex,
    },
    time::Duration,
};

use tokio::{
    net::{TcpListener, TcpStream},
    sync::watch,
    task::AbortHandle,
};
use wasi_bridge::net::{NetError, NetPolicy};

use super::{OpError, OpValue};

/// Event kinds sent for a handle: `[id, kind, payload]`.
pub const EV_DATA: f64 = 0.0;
pub const EV_EOF: f64 = 1.0;
pub const EV_ERROR: f64 = 2.0;
pub const EV_CONNECTION: f64 = 3.0;

/// Delivers one event to JS; false once the runtime is gone.
pub type Emit = Arc<dyn Fn(OpValue) -> bool + Send + Sync>;

pub struct Sock {
    pub stream: TcpStream,
    flowing: watch::Sender<bool>,
    reader: Mutex<Option<AbortHandle>>,
}

struct Srv {
    accept: AbortHandle,
    local: SocketAddr,
}

/// The open sockets and servers of one runtime.
#[derive(Default)]
pub struct NetTable {
    next: AtomicU64,
    socks: Mutex<HashMap<u64, Arc<Sock>>>,
    servers: Mutex<HashMap<u64, Srv>>,
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

fn addr_value(a: Option<SocketAddr>) -> OpValue {
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
    fn id(&self) -> u64 {
        self.next.fetch_add(1, Ordering::Relaxed) + 1
    }

    fn add_sock(&self, stream: TcpStream) -> u64 {
        let id = self.id();
        let (flowing, _) = watch::channel(false);
        lock(&self.socks).insert(
            id,
            Arc::new(Sock {
                stream,
                flowing,
                reader: Mutex::new(None),
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
        addr_value(lock(&self.servers).get(&id).map(|s| s.local))
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

    /// Write what the kernel takes now; returns the unwritten rest (empty when done).
    pub fn try_write(&self, id: u64, data: &[u8]) -> Result<(Arc<Sock>, usize), OpError> {
        let sock = self.sock(id)?;
        let mut done = 0;
        while done < data.len() {
            match sock.stream.try_write(&data[done..]) {
                Ok(n) => done += n,
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => break,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(OpError::io(&e, "write", None)),
            }
        }
        Ok((sock, done))
    }

    /// `socket.end()`: half-close (FIN) after queued writes went out.
    pub fn shutdown(&self, id: u64) -> Result<(), OpError> {
        let sock = self.sock(id)?;
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

    pub fn set_no_delay(&self, id: u64, on: bool) -> Result<(), OpError> {
        self.sock(id)?
            .stream
            .set_nodelay(on)
            .map_err(|e| OpError::io(&e, "setNoDelay", None))
    }

    pub fn set_keep_alive(&self, id: u64, on: bool, delay_ms: f64) -> Result<(), OpError> {
        let sock = self.sock(id)?;
        let r = socket2::SockRef::from(&sock.stream);
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
                local,
            },
        );
        Ok((id, local))
    }

    pub fn close_server(&self, id: u64) {
        if let Some(s) = lock(&self.servers).remove(&id) {
            s.accept.abort();
        }
    }
}

/// `net.connect(port, host)`: resolve, check, connect; returns `[id, local, remote]`.
pub async fn connect(
    table: Arc<NetTable>,
    policy: Arc<NetPolicy>,
    host: String,
    port: u16,
) -> Result<OpValue, OpError> {
    let stream = policy
        .connect_tcp(&host, port)
        .await
        .map_err(|e| net_error(e, "connect", &host))?;
    let local = stream.local_addr().ok();
    let remote = stream.peer_addr().ok();
    let id = table.add_sock(stream);
    Ok(OpValue::Array(vec![
        (id as f64).into(),
        addr_value(local),
        addr_value(remote),
    ]))
}

/// The rest of a write the kernel did not take at once.
pub async fn write_rest(sock: Arc<Sock>, data: Vec<u8>) -> Result<OpValue, OpError> {
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

/// Parse a literal listen address (`host` already resolved by JS when it was a name).
pub fn parse_ip(s: &str) -> Option<IpAddr> {
    s.trim_start_matches('[').trim_end_matches(']').parse().ok()
}

fn io_event(id: u64, kind: f64, payload: OpValue) -> OpValue {
    OpValue::Array(vec![(id as f64).into(), kind.into(), payload])
}

fn error_value(e: &io::Error, syscall: &str) -> OpValue {
    let errno = e.raw_os_error().unwrap_or(libc::EIO);
    OpValue::Object(vec![
        ("errno", f64::from(-errno).into()),
        ("code", super::error::errno_code(errno).into()),
        ("syscall", syscall.into()),
    ])
}

async fn read_loop(id: u64, sock: Arc<Sock>, emit: Emit) {
    let mut flowing = sock.flowing.subscribe();
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        while !*flowing.borrow_and_update() {
            if flowing.changed().await.is_err() {
                return;
            }
        }
        if let Err(e) = sock.stream.readable().await {
            emit(io_event(id, EV_ERROR, error_value(&e, "read")));
            return;
        }
        match sock.stream.try_read(&mut buf) {
            Ok(0) => {
                emit(io_event(id, EV_EOF, OpValue::Null));
                return;
            }
            Ok(n) => {
                if !emit(io_event(id, EV_DATA, OpValue::Bytes(buf[..n].to_vec()))) {
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

async fn accept_loop(id: u64, listener: TcpListener, table: Arc<NetTable>, emit: Emit) {
    loop {
        match listener.accept().await {
            Ok((stream, peer)) => {
                let local = stream.local_addr().ok();
                let sid = table.add_sock(stream);
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
