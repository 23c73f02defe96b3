// Setting an empty host on a URL with a port or credentials leaves it unchanged (WHATWG host
// setter). Found by fuzz/fuzz_targets/url_parse.rs: atoll used to reach a Rust panic here.
import assert from 'node:assert';

for (const [href, field] of [
  ['c://example.com:8080/a/b?x=1%00#f', 'hostname'],
  ['c://example.com:8080/a', 'host'],
  ['c://u:p@x.com/a', 'hostname'],
  ['http://x.com:8080/a', 'hostname'],
]) {
  const u = new URL(href);
  u[field] = '';
  assert.strictEqual(u.href, href);
  assert.strictEqual(u.password, new URL(href).password);
}
const u = new URL('c://x.com/a');
u.hostname = '';
assert.strictEqual(u.href, 'c:///a');
assert.strictEqual(u.host, '');
