//! `atoll serve` end to end: a handler module served on 127.0.0.1 (`--port 0`, the bound address
//! read from stdout), queried with a std::net client and with fetch() from a second atoll; 500s
//! on handler errors with the server still serving; streamed bodies; SIGTERM finishing in-flight
//! requests and `ctx.waitUntil` work before exiting 0; fetch denied without --allow-net.

#![allow(clippy::disallowed_methods)] // fixtures and host-side setup use ambient std::fs

use std::{
    io::{BufRead, BufReader, Read, Write},
    net::TcpStream,
    path::{Path, PathBuf},
    process::{Child, Command, Stdio},
    time::{Duration, Instant},
};

const APP: &str = r#"
export default {
  async fetch(request, env, ctx) {
    const url = new URL(request.url);
    switch (url.pathname) {
      case '/': return new Response('Hello World');
      case '/echo': return new Response(await request.text(), {
        status: 201,
        headers: { 'x-method': request.method, 'x-seen': request.headers.get('x-test') ?? '' },
      });
      case '/json': return Response.json({ path: url.pathname, query: url.searchParams.get('q') });
      case '/throw': throw new Error('handler exploded');
      case '/not-a-response': return 'nope';
      case '/stream': return new Response(ReadableStream.from(['one,', 'two,', 'three'].map((s) => new TextEncoder().encode(s))));
      case '/cookies': {
        const h = new Headers();
        h.append('set-cookie', 'a=1');
        h.append('set-cookie', 'b=2');
        return new Response(null, { status: 204, headers: h });
      }
      case '/slow':
        await new Promise((r) => setTimeout(r, 400));
        return new Response('slow done');
      case '/hang':
        await new Promise((r) => request.signal.addEventListener('abort', r));
        console.log('client went away:', request.signal.reason.name);
        return new Response('too late');
      case '/later':
        ctx.waitUntil(new Promise((r) => setTimeout(() => { console.log('waitUntil finished'); r(); }, 300)));
        return new Response('queued');
      default: return new Response('not found', { status: 404 });
    }
  },
};
"#;

struct Server {
    child: Child,
    port: u16,
    dir: PathBuf,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn tempdir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("atoll-serve-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn start(name: &str, source: &str) -> Server {
    let dir = tempdir(name);
    std::fs::write(dir.join("app.mjs"), source).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_atoll"))
        .args(["serve", "app.mjs", "--port", "0"])
        .current_dir(&dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("atoll serve starts");
    let mut line = String::new();
    BufReader::new(child.stdout.as_mut().unwrap())
        .read_line(&mut line)
        .unwrap();
    let port = line
        .trim()
        .strip_prefix("Listening on http://127.0.0.1:")
        .and_then(|rest| rest.trim_end_matches('/').parse().ok())
        .unwrap_or_else(|| panic!("unexpected first line: {line:?}"));
    Server { child, port, dir }
}

/// One HTTP/1.1 request on a fresh connection (`Connection: close`); the raw response.
fn request(port: u16, method: &str, path: &str, headers: &[(&str, &str)], body: &[u8]) -> String {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let mut head = format!("{method} {path} HTTP/1.1\r\nHost: localhost:{port}\r\nConnection: close\r\nContent-Length: {}\r\n", body.len());
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    s.write_all(head.as_bytes()).unwrap();
    s.write_all(body).unwrap();
    let mut out = String::new();
    s.read_to_string(&mut out).unwrap();
    out
}

fn body_of(resp: &str) -> &str {
    resp.split_once("\r\n\r\n").map_or("", |(_, b)| b)
}

fn sigterm(child: &Child) {
    // SAFETY: kill(2) on our own child's pid.
    unsafe { libc::kill(child.id() as i32, libc::SIGTERM) };
}

fn finish(mut server: Server) -> (i32, String, String) {
    let status = server.child.wait().unwrap();
    let mut out = String::new();
    let mut err = String::new();
    server
        .child
        .stdout
        .take()
        .unwrap()
        .read_to_string(&mut out)
        .unwrap();
    server
        .child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    (status.code().unwrap_or(-1), out, err)
}

#[test]
fn serves_requests_errors_and_streams() {
    let server = start("basic", APP);
    let port = server.port;

    let r = request(port, "GET", "/", &[], b"");
    assert!(r.starts_with("HTTP/1.1 200 OK\r\n"), "{r}");
    assert!(
        r.to_ascii_lowercase()
            .contains("content-type: text/plain;charset=utf-8"),
        "{r}"
    );
    assert!(r.contains("content-length: 11"), "{r}");
    assert_eq!(body_of(&r), "Hello World");

    let r = request(port, "POST", "/echo", &[("X-Test", "yes")], b"posted body");
    assert!(r.starts_with("HTTP/1.1 201 Created\r\n"), "{r}");
    assert!(
        r.contains("x-method: POST") && r.contains("x-seen: yes"),
        "{r}"
    );
    assert_eq!(body_of(&r), "posted body");

    let r = request(port, "GET", "/json?q=42", &[], b"");
    assert!(r.contains("content-type: application/json"), "{r}");
    assert_eq!(body_of(&r), r#"{"path":"/json","query":"42"}"#);

    // Handler errors are 500s, printed to stderr; the server keeps serving.
    let r = request(port, "GET", "/throw", &[], b"");
    assert!(r.starts_with("HTTP/1.1 500 "), "{r}");
    let r = request(port, "GET", "/not-a-response", &[], b"");
    assert!(r.starts_with("HTTP/1.1 500 "), "{r}");
    let r = request(port, "GET", "/", &[], b"");
    assert_eq!(body_of(&r), "Hello World");

    let r = request(port, "GET", "/stream", &[], b"");
    assert!(r.contains("transfer-encoding: chunked"), "{r}");
    let chunks: String = body_of(&r)
        .split("\r\n")
        .enumerate()
        .filter(|(i, _)| i % 2 == 1)
        .map(|(_, s)| s)
        .collect();
    assert_eq!(chunks, "one,two,three");

    let r = request(port, "GET", "/cookies", &[], b"");
    assert!(r.starts_with("HTTP/1.1 204 "), "{r}");
    assert!(
        r.contains("set-cookie: a=1\r\n") && r.contains("set-cookie: b=2\r\n"),
        "{r}"
    );

    // Keep-alive: two requests on one connection.
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    s.write_all(b"GET / HTTP/1.1\r\nHost: x\r\n\r\nGET /json HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        .unwrap();
    let mut both = String::new();
    s.read_to_string(&mut both).unwrap();
    assert_eq!(both.matches("HTTP/1.1 200 OK").count(), 2, "{both}");

    sigterm(&server.child);
    let (code, _, err) = finish(server);
    assert_eq!(code, 0, "stderr: {err}");
    assert!(err.contains("handler exploded"), "{err}");
    assert!(err.contains("must return a Response"), "{err}");
}

#[test]
fn sigterm_finishes_in_flight_requests_and_wait_until() {
    let server = start("graceful", APP);
    let port = server.port;
    let r = request(port, "GET", "/later", &[], b"");
    assert_eq!(body_of(&r), "queued");
    let slow = std::thread::spawn(move || request(port, "GET", "/slow", &[], b""));
    std::thread::sleep(Duration::from_millis(150));
    sigterm(&server.child);
    let r = slow.join().unwrap();
    assert!(r.starts_with("HTTP/1.1 200 OK"), "{r}");
    assert_eq!(body_of(&r), "slow done");
    let (code, out, err) = finish(server);
    assert_eq!(code, 0, "stderr: {err}");
    assert!(out.contains("waitUntil finished"), "stdout: {out}");
    // No longer accepting.
    assert!(TcpStream::connect(("127.0.0.1", port)).is_err());
}

#[test]
fn client_disconnect_aborts_request_signal() {
    let server = start("abort", APP);
    let port = server.port;
    {
        let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
        s.write_all(b"GET /hang HTTP/1.1\r\nHost: x\r\n\r\n")
            .unwrap();
        std::thread::sleep(Duration::from_millis(200));
    }
    std::thread::sleep(Duration::from_millis(200));
    let r = request(port, "GET", "/", &[], b"");
    assert_eq!(body_of(&r), "Hello World");
    sigterm(&server.child);
    let (code, out, err) = finish(server);
    assert_eq!(code, 0, "stderr: {err}");
    assert!(
        out.contains("client went away: AbortError"),
        "stdout: {out}"
    );
}

fn atoll_run(dir: &Path, flags: &[&str], source: &str, args: &[&str]) -> (i32, String, String) {
    std::fs::write(dir.join("client.mjs"), source).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_atoll"))
        .arg("run")
        .args(flags)
        .arg("client.mjs")
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

const CLIENT: &str = r#"
const base = `http://127.0.0.1:${process.argv[2]}`;
try {
  const r = await fetch(`${base}/echo`, { method: 'POST', body: 'from fetch', headers: { 'x-test': 'client' } });
  console.log(r.status, r.headers.get('x-method'), r.headers.get('x-seen'), await r.text());
  const j = await (await fetch(`${base}/json?q=7`)).json();
  console.log(JSON.stringify(j));
  const s = await fetch(`${base}/stream`);
  let text = '';
  for await (const chunk of s.body) text += new TextDecoder().decode(chunk);
  console.log(text);
  const c = await fetch(`${base}/cookies`);
  console.log(c.status, JSON.stringify(c.headers.getSetCookie()));
} catch (err) {
  console.log('error', err.code, err.message);
}
"#;

#[test]
fn fetch_from_a_second_atoll() {
    let server = start("fetch", APP);
    let port = server.port.to_string();
    let dir = tempdir("fetch-client");
    let (code, out, err) = atoll_run(&dir, &["--allow-net=127.0.0.1"], CLIENT, &[&port]);
    assert_eq!(code, 0, "stderr: {err}");
    assert_eq!(
        out,
        "201 POST client from fetch\n{\"path\":\"/json\",\"query\":\"7\"}\none,two,three\n204 [\"a=1\",\"b=2\"]\n"
    );
    // Denied without --allow-net, naming the flag and the address.
    let (code, out, _) = atoll_run(&dir, &[], CLIENT, &[&port]);
    assert_eq!(code, 0);
    assert!(out.starts_with("error ERR_ACCESS_DENIED"), "{out}");
    assert!(
        out.contains(&format!("--allow-net=127.0.0.1:{port}")),
        "{out}"
    );
    // A partial grant for another port is still a denial.
    let (_, out, _) = atoll_run(&dir, &["--allow-net=127.0.0.1:1"], CLIENT, &[&port]);
    assert!(out.starts_with("error ERR_ACCESS_DENIED"), "{out}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn bad_app_and_bad_port() {
    let dir = tempdir("bad");
    std::fs::write(dir.join("app.mjs"), "export default { notFetch() {} };").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_atoll"))
        .args(["serve", "app.mjs", "--port", "0"])
        .current_dir(&dir)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("fetch(request, env, ctx)"));
    let out = Command::new(env!("CARGO_BIN_EXE_atoll"))
        .args(["serve", "app.mjs", "--port", "http"])
        .current_dir(&dir)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn slow_request_heads_are_dropped_after_headers_timeout() {
    let server = start(
        "slowloris",
        "export default { headersTimeout: 300, fetch(req) { return new Response('ok ' + new URL(req.url).pathname); } };",
    );
    // A head that never completes: hyper closes the connection without an answer.
    let t0 = Instant::now();
    let mut slow = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    slow.set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    slow.write_all(b"GET / HTTP/1.1\r\nHost: x\r\nX-Slow: 1\r\n")
        .unwrap();
    let mut got = Vec::new();
    let n = slow.read_to_end(&mut got).unwrap_or(0);
    let waited = t0.elapsed();
    assert_eq!(n, 0, "{:?}", String::from_utf8_lossy(&got));
    assert!(
        waited >= Duration::from_millis(250) && waited < Duration::from_secs(8),
        "dropped after {waited:?}"
    );
    // A connection that sends nothing is dropped too; whole requests are still served.
    let mut idle = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    idle.set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    assert_eq!(idle.read(&mut [0; 16]).unwrap_or(0), 0);
    assert_eq!(
        body_of(&request(server.port, "GET", "/fine", &[], b"")),
        "ok /fine"
    );
}

#[test]
fn headers_timeout_must_be_milliseconds() {
    let dir = tempdir("bad-timeout");
    std::fs::write(
        dir.join("app.mjs"),
        "export default { headersTimeout: 'soon', fetch() { return new Response(''); } };",
    )
    .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_atoll"))
        .args(["serve", "app.mjs", "--port", "0"])
        .current_dir(&dir)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("headersTimeout must be a number"));
    let _ = std::fs::remove_dir_all(&dir);
}
