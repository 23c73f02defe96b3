//! The `WebAssembly` JS API and `node:wasi` inside atoll: WAT compiled at test time, loaded by
//! a JS file run with the built binary (the script's own directory is readable by default).

use std::path::Path;
use std::process::Command;

use atoll_wasm_tests::{atoll_bin, Run, TempDir};

const P1: &str = "wasi_snapshot_preview1";

/// `--allow-read` of the modules folder `js` writes.
fn mods_flag(dir: &Path) -> String {
    format!("--allow-read={}", dir.join("mods").display())
}

/// Writes each `(name, wat)` as `dir/mods/name.wasm` and `script` as `dir/main.mjs`, then runs
/// `atoll --allow-read=dir/mods FLAGS dir/main.mjs`.
fn js(dir: &Path, modules: &[(&str, &str)], script: &str, flags: &[&str]) -> Run {
    std::fs::create_dir_all(dir.join("mods")).unwrap();
    for (name, wat) in modules {
        let bytes = wat::parse_str(wat).expect("valid WAT");
        std::fs::write(dir.join("mods").join(format!("{name}.wasm")), bytes).unwrap();
    }
    let main = dir.join("main.mjs");
    let prelude = "import assert from 'node:assert';\nimport { readFileSync } from 'node:fs';\n\
                   const load = (n) => readFileSync(new URL(`./mods/${n}.wasm`, import.meta.url));\n";
    std::fs::write(&main, format!("{prelude}{script}")).unwrap();
    Command::new(atoll_bin())
        .env_clear()
        .current_dir(dir)
        .arg(mods_flag(dir))
        .args(flags)
        .arg(&main)
        .output()
        .expect("spawn atoll")
        .into()
}

fn ok(r: &Run) {
    assert_eq!(r.code, Some(0), "{r:?}");
    assert!(r.stdout.ends_with("ok\n"), "{r:?}");
}

const CALLS: &str = r#"(module
  (import "env" "twice" (func $twice (param i32) (result i32)))
  (import "env" "fail" (func $fail))
  (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
  (func (export "viaJs") (param i32) (result i32) (i32.add (call $twice (local.get 0)) (i32.const 1)))
  (func (export "callFail") (call $fail))
  (func (export "add64") (param i64 i64) (result i64) (i64.add (local.get 0) (local.get 1)))
  (func (export "ident") (param externref) (result externref) (local.get 0))
  (func (export "div") (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1)))
  (func (export "unreachable") unreachable)
  (func $rec (export "recurse") (call $rec)))"#;

#[test]
fn calls_both_ways_bigint_externref_and_exceptions() {
    let t = TempDir::new("wasm-js-calls");
    let r = js(
        t.path(),
        &[("calls", CALLS)],
        r#"
const boom = new Error('from js');
let fail = () => { throw boom; };
const { instance, module } = await WebAssembly.instantiate(load('calls'), {
  env: { twice: (x) => x * 2, fail: () => fail() },
});
assert.ok(module instanceof WebAssembly.Module);
const e = instance.exports;
assert.strictEqual(Object.getPrototypeOf(e), null);
assert.ok(Object.isFrozen(e));
assert.strictEqual(e.add(2, 3), 5);
assert.strictEqual(e.add(2 ** 32 + 1, '2'), 3);        // ToInt32
assert.strictEqual(e.add(0x7fffffff, 1), -0x80000000);
assert.strictEqual(e.viaJs(20), 41);
assert.strictEqual(e.add64(2n ** 63n - 1n, 1n), -(2n ** 63n));
assert.throws(() => e.add64(1, 2), TypeError);
const o = { x: 1 };
assert.strictEqual(e.ident(o), o);
assert.strictEqual(e.ident(null), null);
// The same exception object comes back out, through wasm.
assert.throws(() => e.callFail(), (err) => err === boom);
fail = () => { throw 42; };
assert.throws(() => e.callFail(), (err) => err === 42);
assert.throws(() => e.div(1, 0), (err) => err instanceof WebAssembly.RuntimeError && /divide by zero/.test(err.message));
assert.throws(() => e.unreachable(), WebAssembly.RuntimeError);
assert.throws(() => e.recurse(), RangeError);
// A wasm export used as another instance's import keeps its identity.
const again = new WebAssembly.Instance(module, { env: { twice: e.viaJs, fail: e.callFail } });
assert.strictEqual(again.exports.viaJs(5), 12);
console.log('ok');
"#,
        &[],
    );
    ok(&r);
}

const MEMORY: &str = r#"(module
  (import "env" "mem" (memory 1 4))
  (func (export "load") (param i32) (result i32) (i32.load (local.get 0)))
  (func (export "store") (param i32 i32) (i32.store (local.get 0) (local.get 1)))
  (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0))))"#;

#[test]
fn memory_buffer_aliases_and_grow_detaches() {
    let t = TempDir::new("wasm-js-memory");
    let r = js(
        t.path(),
        &[("memory", MEMORY)],
        r#"
const mem = new WebAssembly.Memory({ initial: 1, maximum: 4 });
const { exports: e } = new WebAssembly.Instance(new WebAssembly.Module(load('memory')), { env: { mem } });
const buf = mem.buffer;
assert.strictEqual(buf, mem.buffer);
assert.strictEqual(buf.byteLength, 65536);
new Uint32Array(buf)[4] = 0xdeadbeef;          // JS writes, wasm reads
assert.strictEqual(e.load(16) >>> 0, 0xdeadbeef);
e.store(32, 1234);                              // wasm writes, JS reads the same bytes
assert.strictEqual(new Uint32Array(buf)[8], 1234);
assert.strictEqual(mem.grow(1), 1);             // old size in pages
assert.strictEqual(buf.byteLength, 0);          // detached
assert.strictEqual(mem.buffer.byteLength, 2 * 65536);
assert.strictEqual(new Uint32Array(mem.buffer)[8], 1234);
const before = mem.buffer;
assert.strictEqual(e.grow(1), 2);               // memory.grow inside wasm detaches too
assert.strictEqual(before.byteLength, 0);
assert.strictEqual(mem.buffer.byteLength, 3 * 65536);
assert.throws(() => mem.grow(5), RangeError);
assert.strictEqual(e.grow(5), -1);
console.log('ok');
"#,
        &[],
    );
    ok(&r);
}

const TABLES: &str = r#"(module
  (import "env" "g" (global $g i32))
  (table (export "tbl") 2 funcref)
  (global (export "counter") (mut i32) (i32.const 7))
  (global (export "big") i64 (i64.const -5))
  (elem (i32.const 0) $one)
  (func $one (export "one") (result i32) (i32.const 1))
  (func (export "readG") (result i32) (global.get $g))
  (func (export "callAt") (param i32) (result i32) (call_indirect (result i32) (local.get 0))))"#;

#[test]
fn tables_and_globals() {
    let t = TempDir::new("wasm-js-tables");
    let r = js(
        t.path(),
        &[("tables", TABLES)],
        r#"
const { exports: e } = new WebAssembly.Instance(new WebAssembly.Module(load('tables')), { env: { g: 40 } });
assert.strictEqual(e.readG(), 40);
assert.strictEqual(e.tbl.length, 2);
assert.strictEqual(e.tbl.get(0), e.one);
assert.strictEqual(e.tbl.get(1), null);
assert.throws(() => e.callAt(1), WebAssembly.RuntimeError);
e.tbl.set(1, e.one);
assert.strictEqual(e.callAt(1), 1);
assert.strictEqual(e.tbl.grow(3), 2);
assert.strictEqual(e.tbl.length, 5);
assert.throws(() => e.tbl.get(10), RangeError);
assert.throws(() => e.tbl.set(0, () => 1), TypeError);
assert.strictEqual(e.counter.value, 7);
e.counter.value = 8;
assert.strictEqual(e.counter.value, 8);
assert.strictEqual(e.big.value, -5n);
assert.throws(() => { e.big.value = 1n; }, TypeError);
const g = new WebAssembly.Global({ value: 'f64', mutable: true }, 1.5);
g.value = 2.5;
assert.strictEqual(g.valueOf(), 2.5);
const t2 = new WebAssembly.Table({ element: 'externref', initial: 1 });
const x = {};
t2.set(0, x);
assert.strictEqual(t2.get(0), x);
console.log('ok');
"#,
        &[],
    );
    ok(&r);
}

#[test]
fn compile_and_link_errors() {
    let t = TempDir::new("wasm-js-errors");
    let r = js(
        t.path(),
        &[("calls", CALLS)],
        r#"
const bytes = load('calls');
assert.strictEqual(WebAssembly.validate(bytes), true);
assert.strictEqual(WebAssembly.validate(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 9])), false);
assert.throws(() => new WebAssembly.Module(new Uint8Array([1, 2, 3, 4])), WebAssembly.CompileError);
await assert.rejects(WebAssembly.compile(new Uint8Array(8)), WebAssembly.CompileError);
const m = new WebAssembly.Module(bytes);
assert.deepStrictEqual(WebAssembly.Module.imports(m)[0], { module: 'env', name: 'twice', kind: 'function' });
assert.throws(() => new WebAssembly.Instance(m, { env: { twice: 1, fail() {} } }), WebAssembly.LinkError);
assert.throws(() => new WebAssembly.Instance(m, {}), TypeError);
// A mistyped import: a wasm function of the wrong signature.
const other = new WebAssembly.Instance(m, { env: { twice: (x) => x, fail() {} } }).exports;
assert.throws(() => new WebAssembly.Instance(m, { env: { twice: other.add, fail() {} } }), WebAssembly.LinkError);
assert.ok(new WebAssembly.RuntimeError('x') instanceof Error);
assert.strictEqual(new WebAssembly.LinkError('x').name, 'LinkError');
console.log('ok');
"#,
        &[],
    );
    ok(&r);
}

fn hello_wat() -> String {
    format!(
        r#"(module
  (import "{P1}" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "{P1}" "proc_exit" (func $proc_exit (param i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "hello from wasi\n")
  (func (export "_start")
    (i32.store (i32.const 0) (i32.const 16))
    (i32.store (i32.const 4) (i32.const 16))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))
    (call $proc_exit (i32.const 3))))"#
    )
}

/// Opens `path` relative to fd 3 (the first preopen), copies it to stdout; exits with the
/// errno of the first failing call.
fn cat_wat(path: &str) -> String {
    format!(
        r#"(module
  (import "{P1}" "path_open" (func $path_open
    (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
  (import "{P1}" "fd_read" (func $fd_read (param i32 i32 i32 i32) (result i32)))
  (import "{P1}" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "{P1}" "proc_exit" (func $proc_exit (param i32)))
  (memory (export "memory") 1)
  (data (i32.const 64) "{path}")
  (func $check (param $errno i32)
    (if (local.get $errno) (then (call $proc_exit (local.get $errno)))))
  (func (export "_start")
    (call $check (call $path_open (i32.const 3) (i32.const 1) (i32.const 64) (i32.const {len})
      (i32.const 0) (i64.const 2) (i64.const 0) (i32.const 0) (i32.const 0)))
    (i32.store (i32.const 8) (i32.const 1024))
    (i32.store (i32.const 12) (i32.const 1000))
    (call $check (call $fd_read (i32.load (i32.const 0)) (i32.const 8) (i32.const 1)
      (i32.const 16)))
    (i32.store (i32.const 12) (i32.load (i32.const 16)))
    (call $check (call $fd_write (i32.const 1) (i32.const 8) (i32.const 1) (i32.const 20)))))"#,
        len = path.len()
    )
}

#[test]
fn wasi_hello_and_exit_codes() {
    let t = TempDir::new("wasm-js-wasi");
    let hello = hello_wat();
    let r = js(
        t.path(),
        &[("hello", &hello)],
        r#"
import { WASI } from 'node:wasi';
assert.throws(() => new WASI(), { code: 'ERR_INVALID_ARG_TYPE' });
assert.throws(() => new WASI({ version: 'preview2' }), { code: 'ERR_INVALID_ARG_VALUE' });
assert.throws(() => new WASI({ version: 'preview1', args: 'x' }), { code: 'ERR_INVALID_ARG_TYPE' });
assert.throws(() => new WASI({ version: 'preview1', returnOnExit: 1 }), { code: 'ERR_INVALID_ARG_TYPE' });
const wasi = new WASI({ version: 'preview1' });
assert.strictEqual(typeof wasi.wasiImport.fd_write, 'function');
const { instance } = await WebAssembly.instantiate(load('hello'), wasi.getImportObject());
assert.strictEqual(wasi.start(instance), 3);   // returnOnExit defaults to true
assert.throws(() => wasi.start(instance), { code: 'ERR_WASI_ALREADY_STARTED' });
// returnOnExit: false ends the process with the guest's code.
const w2 = new WASI({ version: 'preview1', returnOnExit: false });
const i2 = new WebAssembly.Instance(new WebAssembly.Module(load('hello')), w2.getImportObject());
w2.start(i2);
console.log('not reached');
"#,
        &[],
    );
    assert_eq!(r.code, Some(3), "{r:?}");
    assert_eq!(r.stdout, "hello from wasi\nhello from wasi\n", "{r:?}");
}

#[test]
fn wasi_preopens_follow_grants() {
    let t = TempDir::new("wasm-js-preopen");
    let data = t.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    std::fs::write(data.join("msg.txt"), "granted bytes\n").unwrap();
    let cat = cat_wat("msg.txt");
    let script = r#"
import { WASI } from 'node:wasi';
const dir = process.argv[2];
let wasi;
try {
  wasi = new WASI({ version: 'preview1', preopens: { '/data': dir } });
} catch (err) {
  console.log(`${err.code} ${err.permission} ${err.resource}`);
  process.exit(9);
}
const instance = new WebAssembly.Instance(new WebAssembly.Module(load('cat')), wasi.getImportObject());
process.exitCode = wasi.start(instance);
"#;
    let d = data.to_string_lossy().into_owned();
    let main = t.path().join("main.mjs").to_string_lossy().into_owned();
    let run = |flags: &[&str]| -> Run {
        js(t.path(), &[("cat", &cat)], script, &[]);
        Command::new(atoll_bin())
            .env_clear()
            .current_dir(t.path())
            .arg(mods_flag(t.path()))
            .args(flags)
            .arg(&main)
            .arg(&d)
            .output()
            .expect("spawn atoll")
            .into()
    };
    // Read granted: the guest reads the file.
    let r = run(&[&format!("--allow-read={d}")]);
    assert_eq!(r.code, Some(0), "{r:?}");
    assert_eq!(r.stdout, "granted bytes\n");
    // Not granted: ERR_ACCESS_DENIED naming the host path.
    let r = run(&[]);
    assert_eq!(r.code, Some(9), "{r:?}");
    assert_eq!(r.stdout, format!("ERR_ACCESS_DENIED FileSystemRead {d}\n"));
}

#[test]
fn wasi_read_only_preopen_refuses_writes() {
    let t = TempDir::new("wasm-js-ro");
    let data = t.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    // path_open with O_CREAT and fd_write rights; exits with the errno.
    let create = format!(
        r#"(module
  (import "{P1}" "path_open" (func $path_open
    (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 64) "new.txt")
  (func (export "_start") (result)
    (if (call $path_open (i32.const 3) (i32.const 1) (i32.const 64) (i32.const 7)
      (i32.const 1) (i64.const 64) (i64.const 0) (i32.const 0) (i32.const 0))
      (then unreachable))))"#
    );
    let script = r#"
import { WASI } from 'node:wasi';
const wasi = new WASI({ version: 'preview1', preopens: { '/d': process.argv[2] } });
const instance = new WebAssembly.Instance(new WebAssembly.Module(load('create')), wasi.getImportObject());
try { wasi.start(instance); console.log('created'); } catch (e) { console.log(e.constructor.name); }
"#;
    js(t.path(), &[("create", &create)], script, &[]);
    let d = data.to_string_lossy().into_owned();
    let main = t.path().join("main.mjs");
    let run = |flags: &[String]| -> Run {
        Command::new(atoll_bin())
            .env_clear()
            .current_dir(t.path())
            .arg(mods_flag(t.path()))
            .args(flags)
            .arg(&main)
            .arg(&d)
            .output()
            .expect("spawn atoll")
            .into()
    };
    let r = run(&[format!("--allow-read={d}")]);
    assert_eq!(r.stdout, "RuntimeError\n", "{r:?}");
    assert!(!data.join("new.txt").exists());
    let r = run(&[format!("--allow-read={d}"), format!("--allow-write={d}")]);
    assert_eq!(r.stdout, "created\n", "{r:?}");
    assert!(data.join("new.txt").exists());
}
