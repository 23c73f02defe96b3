//! node:net / node:http end to end: client/server pairs on 127.0.0.1 (port 0) inside one atoll
//! process run with `--allow-net=127.0.0.1`, and the denials without it or with a partial grant.

#![allow(clippy::disallowed_methods)] // fixtures and host-side setup use ambient std::fs

use std::{
    path::PathBuf,
    process::{Command, Output},
};

fn run(name: &str, flags: &[&str], source: &str) -> Output {
    let dir = std::env::temp_dir().join(format!("atoll-net-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let script: PathBuf = dir.join("main.js");
    std::fs::write(&script, source).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_atoll"))
        .arg("run")
        .args(flags)
        .arg(&script)
        .current_dir(&dir)
        .output()
        .expect("atoll runs");
    let _ = std::fs::remove_dir_all(&dir);
    out
}

fn ok(name: &str, flags: &[&str], source: &str) -> String {
    let out = run(name, flags, source);
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "{name}: exit {:?}\nstdout: {stdout}\nstderr: {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
    stdout
}

const LO: &[&str] = &["--allow-net=127.0.0.1"];

#[test]
fn tcp_echo_with_half_close() {
    let out = ok(
        "echo",
        LO,
        r#"
const net = require('node:net');
const assert = require('node:assert');
const server = net.createServer((s) => {
  s.on('data', (d) => s.write(d));
  s.on('end', () => s.end());
});
server.listen(0, '127.0.0.1', () => {
  const { port, address, family } = server.address();
  assert.strictEqual(address, '127.0.0.1');
  assert.strictEqual(family, 'IPv4');
  const c = net.connect({ port, host: '127.0.0.1' }, () => {
    assert.strictEqual(c.remotePort, port);
    c.setNoDelay(true);
    c.write('hello ');
    c.end('world');
  });
  let got = '';
  c.setEncoding('utf8');
  c.on('data', (d) => { got += d; });
  c.on('close', (hadError) => {
    assert.strictEqual(hadError, false);
    assert.strictEqual(got, 'hello world');
    assert.strictEqual(c.bytesRead, 11);
    assert.strictEqual(c.bytesWritten, 11);
    server.getConnections((err, n) => {
      server.close(() => console.log('echo ok'));
    });
  });
});
"#,
    );
    assert!(out.contains("echo ok"), "{out}");
}

#[test]
fn large_write_backpressure_and_pause_resume() {
    let out = ok(
        "bulk",
        LO,
        r#"
const net = require('node:net');
const assert = require('node:assert');
const total = 8 * 1024 * 1024;
const server = net.createServer((s) => {
  let n = 0;
  s.on('data', (d) => {
    n += d.length;
    s.pause();
    setTimeout(() => s.resume(), 1);
  });
  s.on('end', () => { s.end(String(n)); });
});
server.listen(0, '127.0.0.1', () => {
  const c = net.connect(server.address().port, '127.0.0.1');
  const chunk = Buffer.alloc(64 * 1024, 7);
  let sent = 0;
  let sawBackpressure = false;
  function pump() {
    while (sent < total) {
      sent += chunk.length;
      if (!c.write(chunk)) { sawBackpressure = true; c.once('drain', pump); return; }
    }
    c.end();
  }
  pump();
  let reply = '';
  c.on('data', (d) => { reply += d; });
  c.on('end', () => {
    assert.strictEqual(Number(reply), total);
    assert.ok(sawBackpressure);
    server.close();
    console.log('bulk ok');
  });
});
"#,
    );
    assert!(out.contains("bulk ok"), "{out}");
}

#[test]
fn connection_refused_has_node_shape() {
    let out = ok(
        "refused",
        LO,
        r#"
const net = require('node:net');
const assert = require('node:assert');
const srv = net.createServer().listen(0, '127.0.0.1', () => {
  const { port } = srv.address();
  srv.close(() => {
    net.connect(port, '127.0.0.1').on('error', (e) => {
      assert.strictEqual(e.code, 'ECONNREFUSED');
      assert.strictEqual(e.syscall, 'connect');
      assert.strictEqual(e.message, `connect ECONNREFUSED 127.0.0.1:${port}`);
      const again = net.createServer().listen(0, '127.0.0.1', () => {
        const p = again.address().port;
        net.createServer().listen(p, '127.0.0.1').on('error', (e2) => {
          assert.strictEqual(e2.code, 'EADDRINUSE');
          assert.strictEqual(e2.syscall, 'listen');
          assert.strictEqual(e2.port, p);
          again.close();
          console.log('errors ok');
        });
      });
    });
  });
});
"#,
    );
    assert!(out.contains("errors ok"), "{out}");
}

#[test]
fn unrefd_server_does_not_keep_the_loop_alive() {
    let out = ok(
        "unref",
        LO,
        r#"
const net = require('node:net');
const s = net.createServer().listen(0, '127.0.0.1', () => { console.log('listening'); });
s.unref();
"#,
    );
    assert!(out.contains("listening"), "{out}");
}

#[test]
fn socket_timeout_fires_on_idle() {
    let out = ok(
        "timeout",
        LO,
        r#"
const net = require('node:net');
const server = net.createServer((s) => {
  s.setTimeout(100, () => { console.log('idle timeout'); s.destroy(); });
});
server.listen(0, '127.0.0.1', () => {
  const c = net.connect(server.address().port, '127.0.0.1');
  c.on('close', () => server.close());
});
"#,
    );
    assert!(out.contains("idle timeout"), "{out}");
}

#[test]
fn http_get_post_chunked_and_keep_alive() {
    let out = ok(
        "http",
        LO,
        r#"
const http = require('node:http');
const assert = require('node:assert');
const server = http.createServer((req, res) => {
  let body = '';
  req.setEncoding('utf8');
  req.on('data', (d) => { body += d; });
  req.on('end', () => {
    res.setHeader('X-Port', String(req.socket.remotePort));
    if (req.url === '/chunked') {
      res.write('a');
      res.write('b');
      res.end('c');
    } else {
      res.statusCode = 201;
      res.setHeader('Content-Type', 'text/plain');
      res.end(`${req.method} ${req.url} ${body}`);
    }
  });
});
function fetchText(options, body) {
  return new Promise((resolve, reject) => {
    const req = http.request(options, (res) => {
      let d = '';
      res.setEncoding('utf8');
      res.on('data', (c) => { d += c; });
      res.on('end', () => resolve({ res, d, reused: req.reusedSocket }));
    });
    req.on('error', reject);
    if (body) for (const part of body) req.write(part);
    req.end();
  });
}
server.listen(0, '127.0.0.1', async () => {
  const port = server.address().port;
  const a = await fetchText({ port, host: '127.0.0.1', path: '/x' });
  assert.strictEqual(a.res.statusCode, 201);
  assert.strictEqual(a.res.headers['content-length'], String(a.d.length));
  assert.strictEqual(a.d, 'GET /x ');
  const b = await fetchText({ port, host: '127.0.0.1', method: 'POST', path: '/chunked' }, ['p1', 'p2']);
  assert.strictEqual(b.res.headers['transfer-encoding'], 'chunked');
  assert.strictEqual(b.d, 'abc');
  assert.strictEqual(b.reused, true);
  assert.strictEqual(b.res.headers['x-port'], a.res.headers['x-port']);
  const c = await fetchText({ port, host: '127.0.0.1', method: 'PUT', path: '/cl', headers: { 'Content-Length': 5 } }, ['hello']);
  assert.strictEqual(c.d, 'PUT /cl hello');
  server.close(() => console.log('http ok'));
});
"#,
    );
    assert!(out.contains("http ok"), "{out}");
}

/// The server paths Rust takes over (head parsing, one-write responses, lazy requests) keep
/// Node's wire format and event order; this script passes unchanged under node 20.
#[test]
fn http_server_wire_format_and_event_order() {
    let out = ok(
        "wire",
        LO,
        r#"
const http = require('node:http');
const net = require('node:net');
const assert = require('node:assert');
const norm = (s) => s.replace(/Date: [^\r]*\r\n/g, 'Date: X\r\n');
function raw(port, data, wait = 300) {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1', () => s.write(data));
    let out = '';
    let done = false;
    const fin = (why) => { if (!done) { done = true; s.destroy(); resolve(norm(out) + why); } };
    s.on('data', (d) => { out += d.toString('latin1'); });
    s.on('end', () => fin('<end>'));
    setTimeout(() => fin(''), wait);
  });
}
const events = [];
const server = http.createServer((req, res) => {
  const u = req.url;
  if (u === '/events') {
    assert.strictEqual(req.complete, false);
    req.on('end', () => events.push('req-end'));
    req.on('close', () => events.push('req-close'));
    res.on('finish', () => events.push('res-finish'));
    res.on('close', () => events.push('res-close'));
    assert.strictEqual(res.headersSent, false);
    res.writeHead(200);
    assert.strictEqual(res.headersSent, true);
    res.end('e');
    assert.strictEqual(res.writableFinished, true);
    return;
  }
  if (u === '/wh') { res.writeHead(200, { 'Content-Type': 'text/plain' }); res.end('Hello World'); return; }
  if (u === '/len') { res.end('hello'); return; }
  if (u === '/buf') { res.setHeader('X-A', 'b'); res.setHeader('Set-Cookie', ['a=1', 'b=2']); res.end(Buffer.from('bytes')); return; }
  if (u === '/utf8') { res.setHeader('X-U', 'caf\u00e9'); res.end('\u00e9t\u00e9'); return; }
  if (u === '/body') {
    let b = '';
    req.setEncoding('utf8');
    req.on('data', (d) => { b += d; });
    req.on('end', () => res.end(`${req.headers['content-length'] ?? 'chunked'}:${b}`));
    return;
  }
  res.end(u);
});
server.on('upgrade', (req, socket, head) => { socket.end(`upgraded ${req.url} ${head}`); });
server.listen(0, '127.0.0.1', async () => {
  const { port } = server.address();
  const ka = 'Connection: keep-alive\r\nKeep-Alive: timeout=5\r\n';
  assert.strictEqual(await raw(port, 'GET /wh HTTP/1.1\r\nHost: x\r\n\r\n'),
    `HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nDate: X\r\n${ka}Transfer-Encoding: chunked\r\n\r\nb\r\nHello World\r\n0\r\n\r\n`);
  assert.strictEqual(await raw(port, 'GET /len HTTP/1.1\r\nHost: x\r\n\r\nGET /p2 HTTP/1.1\r\nHost: x\r\n\r\n'),
    `HTTP/1.1 200 OK\r\nDate: X\r\n${ka}Content-Length: 5\r\n\r\nhello` +
    `HTTP/1.1 200 OK\r\nDate: X\r\n${ka}Content-Length: 3\r\n\r\n/p2`);
  assert.strictEqual(await raw(port, 'GET /buf HTTP/1.1\r\nHost: x\r\n\r\n'),
    `HTTP/1.1 200 OK\r\nX-A: b\r\nSet-Cookie: a=1\r\nSet-Cookie: b=2\r\nDate: X\r\n${ka}Content-Length: 5\r\n\r\nbytes`);
  // A UTF-8 string body takes the head with it in UTF-8 (Node's _send).
  assert.strictEqual(await raw(port, 'GET /utf8 HTTP/1.1\r\nHost: x\r\n\r\n'),
    `HTTP/1.1 200 OK\r\nX-U: caf\u00c3\u00a9\r\nDate: X\r\n${ka}Content-Length: 5\r\n\r\n\u00c3\u00a9t\u00c3\u00a9`);
  assert.strictEqual(await raw(port, 'HEAD /len HTTP/1.1\r\nHost: x\r\n\r\n'),
    `HTTP/1.1 200 OK\r\nDate: X\r\n${ka}\r\n`);
  assert.strictEqual(await raw(port, 'GET /len HTTP/1.0\r\n\r\n'),
    'HTTP/1.1 200 OK\r\nDate: X\r\nConnection: close\r\n\r\nhello<end>');
  assert.strictEqual(await raw(port, 'GET /len HTTP/1.1\r\n\r\n'),
    'HTTP/1.1 400 Bad Request\r\nConnection: close\r\nDate: X\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n<end>');
  assert.match(await raw(port, 'POST /body HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello'), /\r\n\r\n5:hello$/);
  assert.match(await raw(port, 'POST /body HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n'),
    /Content-Length: 13\r\n\r\nchunked:abcde$/);
  assert.match(await raw(port, 'POST /body HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\nok'),
    /^HTTP\/1\.1 100 Continue\r\n\r\nHTTP\/1\.1 200 OK\r\n[^]*2:ok$/);
  assert.strictEqual(await raw(port, 'GET /up HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: foo\r\n\r\nleft'),
    'upgraded /up left<end>');
  await raw(port, 'GET /events HTTP/1.1\r\nHost: x\r\n\r\n');
  assert.deepStrictEqual(events, ['res-finish', 'res-close', 'req-end', 'req-close']);
  // An idle keep-alive connection is closed after keepAliveTimeout.
  server.keepAliveTimeout = 200;
  const t0 = Date.now();
  assert.match(await raw(port, 'GET /len HTTP/1.1\r\nHost: x\r\n\r\n', 3000), /Keep-Alive: timeout=0\r\n[^]*hello<end>$/);
  const waited = Date.now() - t0;
  assert.ok(waited >= 150 && waited < 2000, String(waited));
  server.close(() => console.log('wire ok'));
});
"#,
    );
    assert!(out.contains("wire ok"), "{out}");
}

#[test]
fn http_malformed_requests_get_400_and_the_server_keeps_serving() {
    let out = ok(
        "malformed",
        LO,
        r#"
const http = require('node:http');
const net = require('node:net');
const assert = require('node:assert');
function raw(port, data) {
  return new Promise((resolve) => {
    const c = net.connect(port, '127.0.0.1', () => c.end(data));
    let out = '';
    c.on('data', (d) => { out += d; });
    c.on('close', () => resolve(out));
    c.on('error', () => {});
  });
}
// The body is read before answering: a bad chunk then fails the request before any response
// (answering at once would, as in Node, send the 200 first and then just drop the socket).
const server = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => res.end('ok ' + req.url));
});
server.headersTimeout = 300;
server.requestTimeout = 500;
server.connectionsCheckingInterval = 100;
server.listen(0, '127.0.0.1', async () => {
  const { port } = server.address();
  assert.match(await raw(port, 'GET\x01 / HTTP/1.1\r\n\r\n'), /^HTTP\/1\.1 400 Bad Request/);
  assert.match(await raw(port, 'GET / HTTP/1.1\r\nX: ' + 'a'.repeat(20000) + '\r\n\r\n'), /^HTTP\/1\.1 431/);
  assert.match(await raw(port, 'POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n'), /^HTTP\/1\.1 400/);
  // An abrupt reset mid-body must not take the server down.
  await new Promise((r) => {
    const c = net.connect(port, '127.0.0.1', () => {
      c.write('POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nab');
      setTimeout(() => { c.resetAndDestroy(); r(); }, 20);
    });
  });
  // Slowloris: a head that never completes is timed out.
  const t0 = Date.now();
  const slow = await new Promise((r) => {
    const c = net.connect(port, '127.0.0.1', () => c.write('GET / HTTP/1.1\r\nX-A: 1\r\n'));
    let o = '';
    c.on('data', (d) => { o += d; });
    c.on('close', () => r(o));
  });
  assert.match(slow, /^HTTP\/1\.1 408/);
  assert.ok(Date.now() - t0 < 5000);
  assert.match(await raw(port, 'GET /still HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'), /ok \/still$/);
  server.close(() => console.log('malformed ok'));
});
"#,
    );
    assert!(out.contains("malformed ok"), "{out}");
}

#[test]
fn dns_lookup_localhost_and_denied_names() {
    let out = ok(
        "dns",
        LO,
        r#"
const dns = require('node:dns');
const assert = require('node:assert');
dns.lookup('localhost', { family: 4 }, (err, address, family) => {
  assert.ifError(err);
  assert.strictEqual(address, '127.0.0.1');
  assert.strictEqual(family, 4);
  dns.promises.lookup('example.com').then(() => assert.fail('resolved'), (e) => {
    assert.strictEqual(e.code, 'ERR_ACCESS_DENIED');
    console.log('dns ok');
  });
});
"#,
    );
    assert!(out.contains("dns ok"), "{out}");
}

const DENIED: &str = r#"
const net = require('node:net');
const assert = require('node:assert');
const port = Number(process.argv[2] || 1);
const server = net.createServer();
server.on('error', (e) => {
  assert.strictEqual(e.code, 'ERR_ACCESS_DENIED');
  assert.strictEqual(e.permission, 'Net');
  console.log('listen denied', e.resource, e.message);
  const c = net.connect(port, '127.0.0.1');
  c.on('error', (e2) => {
    assert.strictEqual(e2.code, 'ERR_ACCESS_DENIED');
    console.log('connect denied', e2.resource);
  });
});
server.listen(0, '127.0.0.1');
"#;

#[test]
fn listen_and_connect_denied_without_the_flag() {
    let out = ok("denied", &[], DENIED);
    assert!(
        out.contains("listen denied 127.0.0.1:0 Access to this API has been restricted. Use --allow-net=127.0.0.1:0 to grant it."),
        "{out}"
    );
    assert!(out.contains("connect denied 127.0.0.1:1"), "{out}");
}

#[test]
fn partial_grant_denies_other_ports() {
    let out = ok(
        "partial",
        &["--allow-net=127.0.0.1:1"],
        r#"
const net = require('node:net');
const assert = require('node:assert');
// Port 1 is granted (refused by the OS), port 2 is not (denied by the policy).
net.connect(1, '127.0.0.1').on('error', (e) => {
  assert.strictEqual(e.code, 'ECONNREFUSED');
  net.connect(2, 'localhost').on('error', (e2) => {
    assert.strictEqual(e2.code, 'ERR_ACCESS_DENIED');
    assert.strictEqual(e2.resource, 'localhost:2');
    net.createServer().listen(0, '127.0.0.1').on('error', (e3) => {
      assert.strictEqual(e3.code, 'ERR_ACCESS_DENIED');
      console.log('partial ok');
    });
  });
});
"#,
    );
    assert!(out.contains("partial ok"), "{out}");
}

/// A tests/node-compat file that checks only the denial without the grant, with the grant.
fn compat_file_with_the_grant(dir: &str, name: &str) {
    let file = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/node-compat")
        .join(dir)
        .join(name);
    let out = Command::new(env!("CARGO_BIN_EXE_atoll"))
        .arg("run")
        .args(LO)
        .arg(&file)
        .output()
        .expect("atoll runs");
    assert!(
        out.status.success(),
        "{name}: exit {:?}\nstdout: {}\nstderr: {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn http_server_timeouts_node_compat_file_with_the_grant() {
    compat_file_with_the_grant("http", "server-timeouts.test.mjs");
}

#[test]
fn http_server_head_framing_node_compat_file_with_the_grant() {
    compat_file_with_the_grant("http", "server-head-framing.test.mjs");
}

#[test]
fn http_server_request_fields_node_compat_file_with_the_grant() {
    compat_file_with_the_grant("http", "server-request-fields.test.mjs");
}

#[test]
fn net_event_batch_node_compat_file_with_the_grant() {
    compat_file_with_the_grant("net", "event-batch.test.mjs");
}

#[test]
fn dns_lookup_service_node_compat_file_with_the_grant() {
    let file = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/node-compat/dns/lookup-service.test.mjs");
    let out = Command::new(env!("CARGO_BIN_EXE_atoll"))
        .arg("run")
        .args(LO)
        .arg(&file)
        .output()
        .expect("atoll runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success() && stdout.contains("lookupService ok"),
        "exit {:?}\nstdout: {stdout}\nstderr: {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
}
