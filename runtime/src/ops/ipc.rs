//! The IPC channel of `child_process.fork()` and of a stdio `'ipc'` entry: one end of a Unix
//! socketpair per child on the parent side, the inherited end on the child side, carrying one
//! message per line (Node's `'json'` serialization: `JSON.stringify(message) + '\n'`; atoll's
//! `'advanced'` is its structured-clone text, also one line). Lines are cut here and handed to JS
//! as strings; encoding and decoding stay in `polyfills/internal/child_process/ipc.js`.
//!
//! The child finds its end through `ATOLL_CHANNEL_FD` (set only by a parent that asked for a
//! channel; [`adopt_from_env`] takes it at start-up and removes it from the environment, as Node
//! does with `NODE_CHANNEL_FD`). A parent also sets `NODE_CHANNEL_FD` for `'json'` channels, so
//! a Node child (`fork(x, { execPath: 'node' })`) talks the same protocol.

use std::{
    cell::RefCell,
    collections::HashMap,
    io,
    os::fd::{AsRawFd, FromRawFd, OwnedFd, RawFd},
    sync::{Arc, Mutex},
    time::Duration,
};

use tokio::{io::Interest, net::UnixStream, sync::watch, task::AbortHandle};

use super::{OpError, OpValue};

/// The fd number of the child's channel end, in the child's environment.
pub const CHANNEL_FD_ENV: &str = "ATOLL_CHANNEL_FD";
/// `'json'` or `'advanced'`.
pub const SERIALIZATION_ENV: &str = "ATOLL_CHANNEL_SERIALIZATION";

/// The channel this process was started with, until the main runtime takes it.
static INHERITED: Mutex<Option<(RawFd, String)>> = Mutex::new(None);

/// Start-up, before any other thread exists: adopt the channel a parent atoll passed in
/// `ATOLL_CHANNEL_FD` and remove the channel variables from the environment (the program never
/// sees them, and its own children cannot inherit a stale number). Only a connected socket is
/// accepted, so a stray variable cannot turn another descriptor into a channel.
#[allow(clippy::disallowed_methods)] // process start-up, not script access
pub fn adopt_from_env() {
    let Some(value) = std::env::var_os(CHANNEL_FD_ENV) else {
        return;
    };
    let mode = std::env::var(SERIALIZATION_ENV).unwrap_or_else(|_| "json".into());
    for name in [
        CHANNEL_FD_ENV,
        SERIALIZATION_ENV,
        "NODE_CHANNEL_FD",
        "NODE_CHANNEL_SERIALIZATION_MODE",
    ] {
        std::env::remove_var(name);
    }
    let Some(fd) = value.to_str().and_then(|s| s.parse::<RawFd>().ok()) else {
        return;
    };
    if fd < 3 || !is_socket(fd) {
        return;
    }
    // SAFETY: fcntl on a descriptor we just checked is open; our own children must not inherit it.
    unsafe { libc::fcntl(fd, libc::F_SETFD, libc::FD_CLOEXEC) };
    let mode = if mode == "advanced" {
        mode
    } else {
        "json".into()
    };
    *INHERITED.lock().unwrap_or_else(|p| p.into_inner()) = Some((fd, mode));
}

fn is_socket(fd: RawFd) -> bool {
    let mut st = std::mem::MaybeUninit::<libc::stat>::zeroed();
    // SAFETY: fstat fills the struct we own; a closed fd just fails.
    let ok = unsafe { libc::fstat(fd, st.as_mut_ptr()) } == 0;
    // SAFETY: fstat succeeded, so the struct is initialised.
    ok && unsafe { st.assume_init() }.st_mode & libc::S_IFMT == libc::S_IFSOCK
}

/// The inherited channel (fd, serialization), once: the main runtime's, never a worker's.
pub fn take_inherited() -> Option<(OwnedFd, String)> {
    let (fd, mode) = INHERITED.lock().unwrap_or_else(|p| p.into_inner()).take()?;
    // SAFETY: adopt_from_env checked the fd is an open socket, and ownership moves here once.
    Some((unsafe { OwnedFd::from_raw_fd(fd) }, mode))
}

/// A connected pair of stream sockets, both close-on-exec: (parent end, child end). The child
/// end is never one of fds 0..2 (those are the child's stdio).
pub fn socketpair() -> io::Result<(OwnedFd, OwnedFd)> {
    let mut fds = [0; 2];
    // SAFETY: socketpair fills the two-element array on success.
    let r = unsafe {
        libc::socketpair(
            libc::AF_UNIX,
            libc::SOCK_STREAM | libc::SOCK_CLOEXEC,
            0,
            fds.as_mut_ptr(),
        )
    };
    if r != 0 {
        return Err(io::Error::last_os_error());
    }
    // SAFETY: both fds are fresh and owned by nobody else.
    let (a, b) = unsafe { (OwnedFd::from_raw_fd(fds[0]), OwnedFd::from_raw_fd(fds[1])) };
    if b.as_raw_fd() > 2 {
        return Ok((a, b));
    }
    // SAFETY: F_DUPFD_CLOEXEC returns a new fd >= 3 that we own (or -1, checked).
    let moved = unsafe { libc::fcntl(b.as_raw_fd(), libc::F_DUPFD_CLOEXEC, 3) };
    if moved < 0 {
        return Err(io::Error::last_os_error());
    }
    // SAFETY: as above.
    Ok((a, unsafe { OwnedFd::from_raw_fd(moved) }))
}

/// In the forked child, before exec: keep the channel end open across exec.
pub fn keep_across_exec(fd: RawFd) -> io::Result<()> {
    // SAFETY: fcntl on an fd the parent keeps open until the spawn returned.
    if unsafe { libc::fcntl(fd, libc::F_SETFD, 0) } < 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(())
}

struct Chan {
    stream: UnixStream,
    /// Bytes the kernel did not take yet, written in order by one flush task.
    out: Mutex<Outgoing>,
    /// Becomes true when reading ended (EOF, error) or the channel was closed.
    ended: watch::Sender<bool>,
}

#[derive(Default)]
struct Outgoing {
    buf: Vec<u8>,
    /// A flush task is running (it owns emptying `buf`).
    flushing: bool,
    /// `close` came while flushing: shut the socket down once `buf` is out.
    closing: bool,
}

struct Entry {
    chan: Arc<Chan>,
    reader: Option<AbortHandle>,
}

thread_local! {
    static CHANNELS: RefCell<HashMap<u32, Entry>> = RefCell::default();
    static NEXT_RID: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

fn chan(rid: u32) -> Option<Arc<Chan>> {
    CHANNELS.with(|c| c.borrow().get(&rid).map(|e| e.chan.clone()))
}

fn closed() -> OpError {
    OpError::io(&io::Error::from_raw_os_error(libc::EPIPE), "write", None)
}

/// Register a channel end (on the loop thread, inside the tokio runtime): its resource id.
pub fn open(fd: OwnedFd) -> Result<u32, OpError> {
    let std = std::os::unix::net::UnixStream::from(fd);
    let err = |e: io::Error| OpError::io(&e, "open", None);
    std.set_nonblocking(true).map_err(err)?;
    let stream = UnixStream::from_std(std).map_err(err)?;
    let rid = NEXT_RID.with(|n| {
        n.set(n.get() + 1);
        n.get()
    });
    let chan = Arc::new(Chan {
        stream,
        out: Mutex::default(),
        ended: watch::Sender::new(false),
    });
    CHANNELS.with(|c| c.borrow_mut().insert(rid, Entry { chan, reader: None }));
    Ok(rid)
}

/// Start delivering complete lines: `emit(Some(lines))` per read, `emit(None)` once at EOF or on
/// a read error (the peer is gone either way). `emit` returns false when nobody listens anymore.
pub fn start_reading<F>(rid: u32, mut emit: F)
where
    F: FnMut(Option<Vec<String>>) -> bool + Send + 'static,
{
    let Some(chan) = chan(rid) else {
        emit(None);
        return;
    };
    let task = tokio::spawn(async move {
        let mut buf = vec![0u8; 64 * 1024];
        let mut partial: Vec<u8> = Vec::new();
        loop {
            if chan.stream.readable().await.is_err() {
                break;
            }
            let n = match chan.stream.try_read(&mut buf) {
                Ok(0) => break,
                Ok(n) => n,
                Err(e)
                    if matches!(
                        e.kind(),
                        io::ErrorKind::WouldBlock | io::ErrorKind::Interrupted
                    ) =>
                {
                    continue
                }
                Err(_) => break,
            };
            let lines = split_lines(&mut partial, &buf[..n]);
            if !lines.is_empty() && !emit(Some(lines)) {
                chan.ended.send_replace(true);
                return;
            }
        }
        emit(None);
        chan.ended.send_replace(true);
    });
    CHANNELS.with(|c| {
        if let Some(e) = c.borrow_mut().get_mut(&rid) {
            e.reader = Some(task.abort_handle());
        }
    });
}

/// Append `data` to `partial` and return the complete lines in it (without their '\n').
fn split_lines(partial: &mut Vec<u8>, data: &[u8]) -> Vec<String> {
    let Some(last) = data.iter().rposition(|&b| b == b'\n') else {
        partial.extend_from_slice(data);
        return Vec::new();
    };
    let mut lines = Vec::new();
    let mut start = 0;
    for (i, _) in data[..=last]
        .iter()
        .enumerate()
        .filter(|(_, &b)| b == b'\n')
    {
        let line = if partial.is_empty() {
            String::from_utf8_lossy(&data[start..i]).into_owned()
        } else {
            partial.extend_from_slice(&data[start..i]);
            let s = String::from_utf8_lossy(partial).into_owned();
            partial.clear();
            s
        };
        lines.push(line);
        start = i + 1;
    }
    partial.extend_from_slice(&data[last + 1..]);
    lines
}

/// Resolves when the channel's reading ended (or it was closed); at once for an unknown rid.
/// A child's exit waits for this, so its last messages and 'disconnect' come before 'exit'
/// (bounded, in case a grandchild still holds the other end).
pub fn ended(rid: u32) -> impl std::future::Future<Output = ()> + Send + 'static {
    let rx = chan(rid).map(|c| c.ended.subscribe());
    async move {
        if let Some(mut rx) = rx {
            let _ = tokio::time::timeout(Duration::from_millis(500), rx.wait_for(|v| *v)).await;
        }
    }
}

/// How a write went.
pub enum Write {
    /// The kernel took all of it.
    Done,
    /// The kernel's buffer is full: the rest is queued and a flush started, which settles when
    /// the queue is empty (this write and every one queued behind it are out).
    Flush(std::pin::Pin<Box<dyn std::future::Future<Output = Result<OpValue, OpError>> + Send>>),
    /// Queued behind the running flush; the bytes now queued.
    Queued(usize),
}

fn lock(m: &Mutex<Outgoing>) -> std::sync::MutexGuard<'_, Outgoing> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

/// Send one encoded message, in order after any bytes still queued.
pub fn write(rid: u32, data: &[u8]) -> Result<Write, OpError> {
    let chan = chan(rid).ok_or_else(closed)?;
    let mut out = lock(&chan.out);
    if out.flushing {
        out.buf.extend_from_slice(data);
        return Ok(Write::Queued(out.buf.len()));
    }
    let mut done = 0;
    while done < data.len() {
        match send_now(&chan.stream, &data[done..]) {
            Ok(n) => done += n,
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => break,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(OpError::io(&e, "write", None)),
        }
    }
    if done == data.len() {
        return Ok(Write::Done);
    }
    out.buf.extend_from_slice(&data[done..]);
    out.flushing = true;
    drop(out);
    Ok(Write::Flush(Box::pin(flush(chan.clone()))))
}

/// One send(2) straight to the socket. Not tokio's `try_write`: that answers WouldBlock until
/// the reactor has reported the fd writable once, so a child's `process.send()` right before
/// `process.exit()` would never leave.
fn send_now(stream: &UnixStream, data: &[u8]) -> io::Result<usize> {
    // SAFETY: send(2) reads `data.len()` bytes from a live slice on a socket the stream owns.
    let n = unsafe {
        libc::send(
            stream.as_raw_fd(),
            data.as_ptr().cast(),
            data.len(),
            libc::MSG_NOSIGNAL,
        )
    };
    if n < 0 {
        Err(io::Error::last_os_error())
    } else {
        Ok(n as usize)
    }
}

/// Write the queue out as the socket drains; a `close` meanwhile takes effect after it.
async fn flush(chan: Arc<Chan>) -> Result<OpValue, OpError> {
    let result = loop {
        if let Err(e) = chan.stream.writable().await {
            break Err(OpError::io(&e, "write", None));
        }
        let mut out = lock(&chan.out);
        // try_io clears tokio's readiness when the kernel says EAGAIN, so the next
        // `writable()` really waits.
        let sent = chan
            .stream
            .try_io(Interest::WRITABLE, || send_now(&chan.stream, &out.buf));
        match sent {
            Ok(n) => {
                out.buf.drain(..n);
                if out.buf.is_empty() {
                    break Ok(OpValue::Undefined);
                }
            }
            Err(e)
                if matches!(
                    e.kind(),
                    io::ErrorKind::WouldBlock | io::ErrorKind::Interrupted
                ) => {}
            Err(e) => break Err(OpError::io(&e, "write", None)),
        }
    };
    let mut out = lock(&chan.out);
    out.flushing = false;
    out.buf = Vec::new();
    if out.closing {
        shutdown(&chan);
    }
    result
}

fn shutdown(chan: &Chan) {
    // SAFETY: shutdown(2) on a descriptor the stream still owns.
    unsafe { libc::shutdown(chan.stream.as_raw_fd(), libc::SHUT_RDWR) };
}

/// Close the channel (idempotent): reading stops now; the peer sees EOF once the messages
/// already sent are out (`disconnect()` after `send()` delivers them, as a graceful close).
pub fn close(rid: u32) {
    let Some(entry) = CHANNELS.with(|c| c.borrow_mut().remove(&rid)) else {
        return;
    };
    if let Some(r) = entry.reader {
        r.abort();
    }
    entry.chan.ended.send_replace(true);
    let mut out = lock(&entry.chan.out);
    if out.flushing {
        out.closing = true;
    } else {
        shutdown(&entry.chan);
    }
}

/// The channel's fd number (`subprocess.channel.fd`).
pub fn fd(rid: u32) -> Option<RawFd> {
    chan(rid).map(|c| c.stream.as_raw_fd())
}

#[cfg(test)]
mod tests {
    use super::split_lines;

    #[test]
    fn lines_are_cut_across_reads() {
        let mut partial = Vec::new();
        assert!(split_lines(&mut partial, b"{\"a\":").is_empty());
        assert_eq!(
            split_lines(&mut partial, b"1}\n2\n\"x"),
            vec!["{\"a\":1}", "2"]
        );
        assert_eq!(split_lines(&mut partial, b"y\"\n"), vec!["\"xy\""]);
        assert!(partial.is_empty());
    }
}
