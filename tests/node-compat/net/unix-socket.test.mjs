// Unix domain sockets in TEST_TMPDIR (atoll: inside the harness's --allow-write grant): an echo
// pair, http over socketPath, EADDRINUSE / ENOENT / ECONNREFUSED in Node's shape, and the
// socket file removed by server.close().
import assert from 'node:assert';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';

const dir = process.env.TEST_TMPDIR;
assert.ok(dir, 'TEST_TMPDIR is set by the harness');
const sockPath = path.join(dir, `unix-echo-${process.pid}.sock`);
const httpPath = path.join(dir, `unix-http-${process.pid}.sock`);
for (const p of [sockPath, httpPath]) fs.rmSync(p, { force: true });

const once = (emitter, event) => new Promise((resolve) => emitter.once(event, resolve));

// Echo with half-close.
const server = net.createServer((s) => {
  assert.strictEqual(s.remoteAddress, undefined);
  s.pipe(s);
});
server.listen(sockPath);
await once(server, 'listening');
assert.strictEqual(server.address(), sockPath);
assert.strictEqual(fs.statSync(sockPath).isSocket(), true);

const got = await new Promise((resolve, reject) => {
  const c = net.connect(sockPath, () => c.end('over a unix socket'));
  let data = '';
  c.setEncoding('utf8');
  c.on('data', (d) => { data += d; });
  c.on('error', reject);
  c.on('close', () => resolve(data));
});
assert.strictEqual(got, 'over a unix socket');

// { path } options form.
const got2 = await new Promise((resolve, reject) => {
  const c = net.createConnection({ path: sockPath });
  c.on('connect', () => c.end('again'));
  let data = '';
  c.on('data', (d) => { data += d; });
  c.on('error', reject);
  c.on('end', () => resolve(data));
});
assert.strictEqual(got2, 'again');

// The path is taken.
const second = net.createServer();
second.listen(sockPath);
const inUse = await once(second, 'error');
assert.strictEqual(inUse.code, 'EADDRINUSE');
assert.strictEqual(inUse.syscall, 'listen');
assert.strictEqual(inUse.address, sockPath);
assert.strictEqual(inUse.port, -1);
assert.strictEqual(inUse.message, `listen EADDRINUSE: address already in use ${sockPath}`);

// Nothing there.
const missing = `${sockPath}.missing`;
const noent = await once(net.connect(missing), 'error');
assert.strictEqual(noent.code, 'ENOENT');
assert.strictEqual(noent.syscall, 'connect');
assert.strictEqual(noent.address, missing);
assert.strictEqual(noent.message, `connect ENOENT ${missing}`);

// Not a socket.
const plain = path.join(dir, `unix-plain-${process.pid}.txt`);
fs.writeFileSync(plain, 'x');
const refused = await once(net.connect(plain), 'error');
assert.strictEqual(refused.code, 'ECONNREFUSED');
assert.strictEqual(refused.message, `connect ECONNREFUSED ${plain}`);
fs.rmSync(plain);

await new Promise((resolve) => server.close(resolve));
assert.strictEqual(fs.existsSync(sockPath), false, 'close() removes the socket file');

// HTTP over a Unix socket.
const hs = http.createServer((req, res) => res.end(`${req.method} ${req.url} ${req.headers.host}`));
hs.listen(httpPath);
await once(hs, 'listening');
for (const agent of [undefined, false]) {
  const body = await new Promise((resolve, reject) => {
    http.get({ socketPath: httpPath, path: '/via-unix', agent }, (res) => {
      assert.strictEqual(res.statusCode, 200);
      let b = '';
      res.setEncoding('utf8');
      res.on('data', (d) => { b += d; });
      res.on('end', () => resolve(b));
    }).on('error', reject);
  });
  assert.strictEqual(body, 'GET /via-unix localhost');
}
http.globalAgent.destroy();
await new Promise((resolve) => hs.close(resolve));
assert.strictEqual(fs.existsSync(httpPath), false);
