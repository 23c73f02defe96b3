//! Buffer and TextDecoder decoders (polyfills/internal/encoding.js and friends) on arbitrary
//! bytes, in a sandboxed runtime: decoding may throw only the errors Node throws, and the
//! lossless encodings round-trip.
#![no_main]

use atoll::embed::Sandbox;
use libfuzzer_sys::fuzz_target;

const SCRIPT: &str = r#"(() => {
  const eq = (a, b, what) => {
    if (a.length !== b.length || a.some((x, i) => x !== b[i])) throw new Error(what + ' did not round-trip');
  };
  const b = Buffer.from(bytes);
  // Lossless: bytes -> string -> the same bytes.
  eq(Buffer.from(b.toString('hex'), 'hex'), b, 'hex');
  eq(Buffer.from(b.toString('base64'), 'base64'), b, 'base64');
  eq(Buffer.from(b.toString('base64url'), 'base64url'), b, 'base64url');
  eq(Buffer.from(b.toString('latin1'), 'latin1'), b, 'latin1');
  if (b.length % 2 === 0) eq(Buffer.from(b.toString('utf16le'), 'utf16le'), b, 'utf16le');
  // Lossy decoders on arbitrary bytes: any string, and it encodes again.
  for (const enc of ['utf8', 'ascii', 'ucs2']) Buffer.from(b.toString(enc), enc);
  // The bytes read as a (latin1) string fed to the string decoders: junk is skipped, not fatal.
  const s = b.toString('latin1');
  for (const enc of ['hex', 'base64', 'base64url', 'utf8', 'utf16le', 'latin1', 'ascii']) {
    Buffer.from(s, enc);
    Buffer.byteLength(s, enc);
  }
  try { atob(s) } catch (e) { if (e.name !== 'InvalidCharacterError') throw e }
  // TextDecoder: fatal throws a TypeError and nothing else; non-fatal agrees with Buffer.
  for (const label of ['utf-8', 'utf-16le', 'latin1']) {
    let fatal = null;
    try { fatal = new TextDecoder(label, { fatal: true }).decode(b) } catch (e) {
      if (!(e instanceof TypeError)) throw e;
    }
    const lossy = new TextDecoder(label).decode(b);
    if (fatal !== null && fatal !== lossy) throw new Error(label + ': fatal and lossy decodes differ');
  }
  const streaming = new TextDecoder();
  let out = '';
  for (let i = 0; i < b.length; i += 3) out += streaming.decode(b.subarray(i, i + 3), { stream: true });
  out += streaming.decode();
  if (out !== new TextDecoder().decode(b)) throw new Error('streaming utf-8 decode differs');
  return true;
})()"#;

fuzz_target!(|data: &[u8]| {
    let list: Vec<String> = data.iter().map(u8::to_string).collect();
    let src = format!(
        "(() => {{ const bytes = new Uint8Array([{}]); return {SCRIPT}; }})()",
        list.join(",")
    );
    let out = Sandbox::new()
        .max_heap(64 << 20)
        .max_cpu_ms(5_000)
        .eval(src)
        .wait();
    assert_eq!(out.exit_code, 0, "{:?}", out.result);
});
