//! `atoll serve app.js`: an HTTP/1.1 server on hyper, with no node:http layer in between. Each
//! request becomes ONE event for JS (`[EV_REQUEST, id, method, target, flatHeaders, body]`,
//! the body collected into bytes, or null when there is none); the handler's `Response` comes
//! back in one call ([`Server::respond`]) or as a status/header call followed by chunks
//! ([`Server::respond_stream`] + [`Server::write`]). The listen address is checked by the
//! same `NetPolicy` as every other bind.
//!
//! Shutdown: SIGINT/SIGTERM (or [`Server::close`]) stops accepting, lets in-flight requests
//! finish (idle keep-alive connections close at once), then emits `[EV_CLOSED]`.

use std::{
    collections::HashMap,
    convert::Infallible,
    io,
    net::SocketAddr,
    pin::Pin,
    sync::{
        atomic::{AtomicU64, AtomicUsize, Ordering},
        Arc, Mutex,
    },
    task::{Context, Poll},
    time::Duration,
};

use bytes::Bytes;
use http_body::{Body, Frame, SizeHint};
use hyper::{
    header::{HeaderName, HeaderValue},
    Request, Response, StatusCode,
};
use tokio::{
    io::{AsyncRead, AsyncWrite},
    net::{TcpListener, TcpStream},
    sync::{mpsc, oneshot, watch, Notify},
};
use wasi_bridge::net::{NetError, NetPolicy};

use super::{net::Emit, OpError, OpValue};

/// Event kinds: `[EV_REQUEST, id, method, target, [name, value, ...], body | null]`,
/// `[EV_CLOSED]`, `[EV_ERROR, message]`, `[EV_ABORT, id]` (the client left before the answer).
pub const EV_REQUEST: f64 = 0.0;
pub const EV_CLOSED: f64 = 1.0;
pub const EV_ERROR: f64 = 2.0;
pub const EV_ABORT: f64 = 3.0;

/// Chunks a streamed response may queue before `write` makes JS wait.
const STREAM_QUEUE: usize = 16;

type Chunk = Result<Bytes, io::Error>;

/// A response body: all bytes at once, or chunks from JS.
pub enum ReplyBody {
    Full(Option<Bytes>),
    Stream(mpsc::Receiver<Chunk>),
}

impl Body for ReplyBody {
    type Data = Bytes;
    type Error = io::Error;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, io::Error>>> {
        match self.get_mut() {
            ReplyBody::Full(b) => Poll::Ready(b.take().map(|b| Ok(Frame::data(b)))),
            ReplyBody::Stream(rx) => rx.poll_recv(cx).map(|c| c.map(|c| c.map(Frame::data))),
        }
    }

    fn is_end_stream(&self) -> bool {
        matches!(self, ReplyBody::Full(None))
    }

    fn size_hint(&self) -> SizeHint {
        match self {
            ReplyBody::Full(Some(b)) => SizeHint::with_exact(b.len() as u64),
            ReplyBody::Full(None) => SizeHint::with_exact(0),
            ReplyBody::Stream(_) => SizeHint::default(),
        }
    }
}

/// What JS answered for one request.
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: ReplyBody,
}

/// One running `atoll serve` listener.
pub struct Server {
    next: AtomicU64,
    waiting: Mutex<HashMap<u64, oneshot::Sender<Reply>>>,
    streams: Mutex<HashMap<u64, mpsc::Sender<Chunk>>>,
    shutdown: watch::Sender<bool>,
    pub local: SocketAddr,
    /// How long a connection may take to send a request head (slowloris): hyper drops it.
    header_timeout: Option<Duration>,
}

/// The default `headersTimeout` of a handler module: hyper's own default.
pub const DEFAULT_HEADER_TIMEOUT: Duration = Duration::from_secs(30);

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

/// Whether a streamed write went out now, must wait, or has nowhere to go.
pub enum WriteState {
    Done,
    /// The queue is full: await this sender's capacity.
    Wait(mpsc::Sender<Chunk>, Bytes),
    /// The client is gone (or the stream was ended).
    Gone,
}

impl Server {
    /// Bind `addr` through `policy` and start serving; events go to `emit`.
    pub fn listen(
        policy: &NetPolicy,
        host: &str,
        addr: SocketAddr,
        header_timeout: Option<Duration>,
        emit: Emit,
    ) -> Result<Arc<Server>, OpError> {
        let listener = policy
            .bind_tcp(Some(host), addr, 1024)
            .map_err(|e| match e {
                NetError::Denied(d) => super::net::denied(d.resource),
                NetError::Io(e) | NetError::Resolve(e) => OpError::io(&e, "listen", None),
            })?;
        let local = listener
            .local_addr()
            .map_err(|e| OpError::io(&e, "listen", None))?;
        let (shutdown, _) = watch::channel(false);
        let server = Arc::new(Server {
            next: AtomicU64::new(0),
            waiting: Mutex::default(),
            streams: Mutex::default(),
            shutdown,
            local,
            header_timeout,
        });
        tokio::spawn(accept_loop(listener, server.clone(), emit));
        Ok(server)
    }

    /// Stop accepting and close once in-flight requests are answered (`[EV_CLOSED]` follows).
    pub fn close(&self) {
        self.shutdown.send_replace(true);
    }

    /// Answer request `id` with the whole body. False when the client has gone away.
    pub fn respond(&self, id: u64, reply: Reply) -> bool {
        match lock(&self.waiting).remove(&id) {
            Some(tx) => tx.send(reply).is_ok(),
            None => false,
        }
    }

    /// Answer request `id` with status and headers; the body follows through [`Self::write`].
    pub fn respond_stream(&self, id: u64, status: u16, headers: Vec<(String, String)>) -> bool {
        let (tx, rx) = mpsc::channel(STREAM_QUEUE);
        let sent = self.respond(
            id,
            Reply {
                status,
                headers,
                body: ReplyBody::Stream(rx),
            },
        );
        if sent {
            lock(&self.streams).insert(id, tx);
        }
        sent
    }

    /// One chunk of a streamed body.
    pub fn write(&self, id: u64, data: Vec<u8>) -> WriteState {
        let Some(tx) = lock(&self.streams).get(&id).cloned() else {
            return WriteState::Gone;
        };
        match tx.try_send(Ok(Bytes::from(data))) {
            Ok(()) => WriteState::Done,
            Err(mpsc::error::TrySendError::Full(Ok(b))) => WriteState::Wait(tx, b),
            Err(_) => {
                lock(&self.streams).remove(&id);
                WriteState::Gone
            }
        }
    }

    /// End a streamed body; with `error`, abort the connection instead of finishing cleanly.
    pub fn end(&self, id: u64, error: Option<String>) {
        if let Some(tx) = lock(&self.streams).remove(&id) {
            if let Some(msg) = error {
                let _ = tx.try_send(Err(io::Error::other(msg)));
            }
        }
    }
}

/// Wait for room in a full stream queue, then queue `chunk`.
pub async fn write_when_ready(tx: mpsc::Sender<Chunk>, chunk: Bytes) -> Result<OpValue, OpError> {
    Ok(OpValue::Bool(tx.send(Ok(chunk)).await.is_ok()))
}

/// Wait for SIGINT or SIGTERM, then close `server`; a second signal exits at once (130).
pub async fn close_on_signal(server: Arc<Server>) {
    use tokio::signal::unix::{signal, SignalKind};
    let (Ok(mut int), Ok(mut term)) = (
        signal(SignalKind::interrupt()),
        signal(SignalKind::terminate()),
    ) else {
        return;
    };
    let mut closed = server.shutdown.subscribe();
    tokio::select! {
        _ = int.recv() => {}
        _ = term.recv() => {}
        _ = stopped(&mut closed) => return,
    }
    server.close();
    tokio::select! {
        _ = int.recv() => {}
        _ = term.recv() => {}
    }
    std::process::exit(130);
}

/// Resolves once shutdown was requested (the guard `wait_for` returns is not `Send`).
async fn stopped(rx: &mut watch::Receiver<bool>) {
    let _ = rx.wait_for(|s| *s).await;
}

fn event(kind: f64, rest: Vec<OpValue>) -> OpValue {
    let mut v = Vec::with_capacity(rest.len() + 1);
    v.push(kind.into());
    v.extend(rest);
    OpValue::Array(v)
}

/// Counts open connections; wakes the closer when the last one ends.
struct Active {
    count: AtomicUsize,
    idle: Notify,
}

struct ConnGuard(Arc<Active>);

impl Drop for ConnGuard {
    fn drop(&mut self) {
        if self.0.count.fetch_sub(1, Ordering::SeqCst) == 1 {
            self.0.idle.notify_waiters();
        }
    }
}

async fn accept_loop(listener: TcpListener, server: Arc<Server>, emit: Emit) {
    let active = Arc::new(Active {
        count: AtomicUsize::new(0),
        idle: Notify::new(),
    });
    let mut stop = server.shutdown.subscribe();
    loop {
        tokio::select! {
            _ = stopped(&mut stop) => break,
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => {
                    let _ = stream.set_nodelay(true);
                    active.count.fetch_add(1, Ordering::SeqCst);
                    let guard = ConnGuard(active.clone());
                    tokio::spawn(serve_conn(stream, server.clone(), emit.clone(), guard));
                }
                Err(e) => {
                    if !emit(event(EV_ERROR, vec![format!("accept: {e}").into()])) {
                        return;
                    }
                    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
                }
            },
        }
    }
    drop(listener);
    loop {
        let idle = active.idle.notified();
        if active.count.load(Ordering::SeqCst) == 0 {
            break;
        }
        idle.await;
    }
    emit(event(EV_CLOSED, Vec::new()));
}

async fn serve_conn(stream: TcpStream, server: Arc<Server>, emit: Emit, _guard: ConnGuard) {
    let mut stop = server.shutdown.subscribe();
    let header_timeout = server.header_timeout;
    let svc = hyper::service::service_fn(move |req| handle(req, server.clone(), emit.clone()));
    let conn = hyper::server::conn::http1::Builder::new()
        .keep_alive(true)
        .timer(TokioTimer)
        .header_read_timeout(header_timeout)
        .serve_connection(Io(stream), svc);
    tokio::pin!(conn);
    tokio::select! {
        _ = conn.as_mut() => {}
        _ = stopped(&mut stop) => {
            conn.as_mut().graceful_shutdown();
            let _ = conn.await;
        }
    }
}

/// hyper's clock on tokio (what `hyper_util::rt::TokioTimer` does), which its
/// `header_read_timeout` needs.
#[derive(Clone, Copy)]
struct TokioTimer;

struct TokioSleep(Pin<Box<tokio::time::Sleep>>);

impl std::future::Future for TokioSleep {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        self.0.as_mut().poll(cx)
    }
}

impl hyper::rt::Sleep for TokioSleep {}

impl hyper::rt::Timer for TokioTimer {
    fn sleep(&self, duration: Duration) -> Pin<Box<dyn hyper::rt::Sleep>> {
        Box::pin(TokioSleep(Box::pin(tokio::time::sleep(duration))))
    }

    fn sleep_until(&self, deadline: std::time::Instant) -> Pin<Box<dyn hyper::rt::Sleep>> {
        Box::pin(TokioSleep(Box::pin(tokio::time::sleep_until(
            deadline.into(),
        ))))
    }
}

async fn collect(body: hyper::body::Incoming) -> Result<Option<Vec<u8>>, hyper::Error> {
    if body.is_end_stream() {
        return Ok(None);
    }
    let mut body = std::pin::pin!(body);
    let mut out = Vec::new();
    while let Some(frame) = std::future::poll_fn(|cx| body.as_mut().poll_frame(cx)).await {
        if let Ok(data) = frame?.into_data() {
            out.extend_from_slice(&data);
        }
    }
    Ok(Some(out))
}

fn plain(status: StatusCode, text: &'static str) -> Response<ReplyBody> {
    let mut r = Response::new(ReplyBody::Full(Some(Bytes::from_static(text.as_bytes()))));
    *r.status_mut() = status;
    r.headers_mut().insert(
        hyper::header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain;charset=UTF-8"),
    );
    r
}

async fn handle(
    req: Request<hyper::body::Incoming>,
    server: Arc<Server>,
    emit: Emit,
) -> Result<Response<ReplyBody>, Infallible> {
    let (parts, body) = req.into_parts();
    let body = match collect(body).await {
        Ok(b) => b,
        Err(_) => return Ok(plain(StatusCode::BAD_REQUEST, "Bad Request")),
    };
    let mut flat = Vec::with_capacity(parts.headers.len() * 2);
    for (name, value) in &parts.headers {
        flat.push(OpValue::String(name.as_str().to_owned()));
        flat.push(OpValue::String(
            String::from_utf8_lossy(value.as_bytes()).into_owned(),
        ));
    }
    let target = parts
        .uri
        .path_and_query()
        .map_or_else(|| parts.uri.to_string(), |p| p.as_str().to_owned());
    let id = server.next.fetch_add(1, Ordering::Relaxed) + 1;
    let (tx, rx) = oneshot::channel();
    lock(&server.waiting).insert(id, tx);
    let ev = event(
        EV_REQUEST,
        vec![
            (id as f64).into(),
            parts.method.as_str().into(),
            target.into(),
            OpValue::Array(flat),
            body.map_or(OpValue::Null, OpValue::Bytes),
        ],
    );
    if !emit(ev) {
        lock(&server.waiting).remove(&id);
        return Ok(plain(
            StatusCode::SERVICE_UNAVAILABLE,
            "Service Unavailable",
        ));
    }
    // A client that hangs up drops this future: JS hears of it (request.signal aborts).
    let mut pending = Pending {
        id,
        server: server.clone(),
        emit,
        answered: false,
    };
    let reply = rx.await;
    pending.answered = true;
    // A dropped sender (the runtime went away) is a 500.
    let Ok(reply) = reply else {
        return Ok(plain(
            StatusCode::INTERNAL_SERVER_ERROR,
            "Internal Server Error",
        ));
    };
    let mut resp = Response::new(reply.body);
    *resp.status_mut() = StatusCode::from_u16(reply.status).unwrap_or(StatusCode::OK);
    let headers = resp.headers_mut();
    headers.reserve(reply.headers.len());
    for (k, v) in reply.headers {
        if let (Ok(k), Ok(v)) = (
            HeaderName::from_bytes(k.as_bytes()),
            HeaderValue::from_str(&v),
        ) {
            headers.append(k, v);
        }
    }
    Ok(resp)
}

/// Tells JS when a request is dropped unanswered.
struct Pending {
    id: u64,
    server: Arc<Server>,
    emit: Emit,
    answered: bool,
}

impl Drop for Pending {
    fn drop(&mut self) {
        if !self.answered {
            lock(&self.server.waiting).remove(&self.id);
            (self.emit)(event(EV_ABORT, vec![(self.id as f64).into()]));
        }
    }
}

/// tokio's TcpStream as hyper's IO traits.
struct Io(TcpStream);

impl hyper::rt::Read for Io {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        mut buf: hyper::rt::ReadBufCursor<'_>,
    ) -> Poll<io::Result<()>> {
        // SAFETY: tokio's ReadBuf only writes initialised bytes into the uninit slice and
        // reports how many; we advance hyper's cursor by exactly that many.
        let n = unsafe {
            let mut tbuf = tokio::io::ReadBuf::uninit(buf.as_mut());
            match Pin::new(&mut self.get_mut().0).poll_read(cx, &mut tbuf) {
                Poll::Ready(Ok(())) => tbuf.filled().len(),
                Poll::Ready(Err(e)) => return Poll::Ready(Err(e)),
                Poll::Pending => return Poll::Pending,
            }
        };
        // SAFETY: `n` bytes were just initialised by the read above.
        unsafe { buf.advance(n) };
        Poll::Ready(Ok(()))
    }
}

impl hyper::rt::Write for Io {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.get_mut().0).poll_write(cx, buf)
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().0).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().0).poll_shutdown(cx)
    }

    fn is_write_vectored(&self) -> bool {
        self.0.is_write_vectored()
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.get_mut().0).poll_write_vectored(cx, bufs)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_body_has_an_exact_size() {
        let b = ReplyBody::Full(Some(Bytes::from_static(b"hello")));
        assert_eq!(b.size_hint().exact(), Some(5));
        assert!(ReplyBody::Full(None).is_end_stream());
    }

    #[test]
    fn listen_is_denied_without_a_grant() {
        let policy = NetPolicy::new(&wasi_bridge::Grants::default());
        let emit: Emit = Arc::new(|_| true);
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        let err = rt
            .block_on(async {
                Server::listen(
                    &policy,
                    "127.0.0.1",
                    "127.0.0.1:0".parse().unwrap(),
                    Some(DEFAULT_HEADER_TIMEOUT),
                    emit,
                )
            })
            .err()
            .unwrap();
        assert!(matches!(err, OpError::AccessDenied { .. }), "{err:?}");
    }
}
