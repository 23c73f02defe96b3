//! node:net / node:http end to end: client/server pairs on 127.0.0.1 (port 0) inside one atoll
//! process run with `--allow-net=127.0.0.1`, and the denials without it or with a partial grant.

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
const server = http.createServer((req, res) => res.end('ok ' + req.url));
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
