//! `atoll run app.wasm`: WASI preview1 modules written in WAT, compiled at test time, run
//! through the built binary with explicit grants.

use std::path::Path;

use atoll_wasm_tests::{atoll, Run, TempDir};

const P1: &str = "wasi_snapshot_preview1";

/// Writes `wat` compiled to `dir/name`, returning the path as a string.
fn module(dir: &Path, name: &str, wat: &str) -> String {
    let bytes = wat::parse_str(wat).expect("valid WAT");
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path.to_string_lossy().into_owned()
}

/// A command that writes `text` (plain ASCII) to stdout.
fn hello_wat(text: &str) -> String {
    let escaped: String = text.bytes().map(|b| format!("\\{b:02x}")).collect();
    format!(
        r#"(module
  (import "{P1}" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "{escaped}")
  (func (export "_start")
    (i32.store (i32.const 0) (i32.const 16))
    (i32.store (i32.const 4) (i32.const {len}))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))))"#,
        len = text.len()
    )
}

/// Opens `path` relative to the first preopen (fd 3) — for reading, or creating for writing —
/// copies it to stdout when reading, and exits with the WASI errno of the first failing call.
fn open_wat(path: &str, write: bool) -> String {
    // oflags: creat = 1; rights: fd_read = 1<<1, fd_write = 1<<6
    let (oflags, rights) = if write { (1, 1 << 6) } else { (0, 1 << 1) };
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
    ;; fd at 0, iovec at 8 (buf 1024, len 1000), nread at 16
    (call $check (call $path_open (i32.const 3) (i32.const 1) (i32.const 64) (i32.const {len})
      (i32.const {oflags}) (i64.const {rights}) (i64.const 0) (i32.const 0) (i32.const 0)))
    (if (i32.const {write}) (then (return)))
    (i32.store (i32.const 8) (i32.const 1024))
    (i32.store (i32.const 12) (i32.const 1000))
    (call $check (call $fd_read (i32.load (i32.const 0)) (i32.const 8) (i32.const 1)
      (i32.const 16)))
    (i32.store (i32.const 12) (i32.load (i32.const 16)))
    (call $check (call $fd_write (i32.const 1) (i32.const 8) (i32.const 1) (i32.const 20)))))"#,
        len = path.len(),
        write = write as i32,
    )
}

fn ok(r: &Run) {
    assert_eq!(r.code, Some(0), "{r:?}");
}

#[test]
fn hello_world_via_fd_write() {
    let t = TempDir::new("wasm-hello");
    let m = module(t.path(), "hello.wasm", &hello_wat("hello from wasm\n"));
    let r = atoll(&[&m], &[], t.path());
    ok(&r);
    assert_eq!(r.stdout, "hello from wasm\n");
    assert_eq!(r.stderr, "");
}

#[test]
fn reads_a_preopened_file_and_nothing_else() {
    let t = TempDir::new("wasm-read");
    let data = t.path().join("data");
    std::fs::create_dir(&data).unwrap();
    std::fs::write(data.join("in.txt"), "granted contents").unwrap();
    std::fs::write(t.path().join("secret.txt"), "secret").unwrap();
    let d = data.to_string_lossy().into_owned();
    let read = module(t.path(), "read.wasm", &open_wat("in.txt", false));
    let r = atoll(&[&format!("--allow-read={d}"), &read], &[], t.path());
    ok(&r);
    assert_eq!(r.stdout, "granted contents");

    // --map renames the preopen; the file is still reached relative to fd 3.
    let r = atoll(
        &[
            &format!("--allow-read={d}"),
            "--map",
            &format!("/data={d}"),
            &read,
        ],
        &[],
        t.path(),
    );
    ok(&r);
    assert_eq!(r.stdout, "granted contents");

    // No grant: no preopen at all, fd 3 is not open (EBADF = 8).
    let r = atoll(&[&read], &[], t.path());
    assert_eq!(r.code, Some(8), "{r:?}");
    assert_eq!(r.stdout, "");

    // `..` and absolute paths cannot leave the preopen (ENOTCAPABLE = 76 or EPERM = 63).
    for escape in ["../secret.txt", "/secret.txt"] {
        let m = module(t.path(), "escape.wasm", &open_wat(escape, false));
        let r = atoll(&[&format!("--allow-read={d}"), &m], &[], t.path());
        assert!(matches!(r.code, Some(63 | 76)), "{escape}: {r:?}");
        assert_eq!(r.stdout, "");
    }
    // A symlink pointing out of the preopen is refused too.
    std::os::unix::fs::symlink(t.path().join("secret.txt"), data.join("link")).unwrap();
    let m = module(t.path(), "link.wasm", &open_wat("link", false));
    let r = atoll(&[&format!("--allow-read={d}"), &m], &[], t.path());
    assert!(matches!(r.code, Some(63 | 76)), "{r:?}");

    // Read-only grant: creating a file fails; a write grant allows it.
    let create = module(t.path(), "create.wasm", &open_wat("new.txt", true));
    let r = atoll(&[&format!("--allow-read={d}"), &create], &[], t.path());
    assert_ne!(r.code, Some(0), "{r:?}");
    assert!(!data.join("new.txt").exists());
    let r = atoll(&[&format!("--allow-write={d}"), &create], &[], t.path());
    ok(&r);
    assert!(data.join("new.txt").exists());
}

#[test]
fn grants_that_cannot_be_preopens_are_errors() {
    let t = TempDir::new("wasm-grants");
    let m = module(t.path(), "hello.wasm", &hello_wat("hi"));
    let missing = t.path().join("missing").to_string_lossy().into_owned();
    let r = atoll(&[&format!("--allow-read={missing}"), &m], &[], t.path());
    assert_eq!(r.code, Some(1), "{r:?}");
    assert!(r.stderr.starts_with("atoll: --allow-read="), "{r:?}");
    let r = atoll(&["--map", &format!("/x={missing}"), &m], &[], t.path());
    assert_eq!(r.code, Some(1), "{r:?}");
    let d = t.path().to_string_lossy().into_owned();
    let r = atoll(&["--map", &format!("/x={d}"), &m], &[], t.path());
    assert!(r.stderr.contains("is not granted"), "{r:?}");
}

#[test]
fn exit_codes_args_and_env() {
    let t = TempDir::new("wasm-exit");
    let exit = |code: i32| {
        format!(
            r#"(module (import "{P1}" "proc_exit" (func $exit (param i32)))
                 (memory (export "memory") 1)
                 (func (export "_start") (call $exit (i32.const {code}))))"#
        )
    };
    for code in [0, 1, 42, 125] {
        let m = module(t.path(), "exit.wasm", &exit(code));
        assert_eq!(atoll(&[&m], &[], t.path()).code, Some(code));
    }
    // `atoll app.wasm` without `run` works too (the helper adds `run`; call the binary here).
    let m = module(t.path(), "exit.wasm", &exit(7));
    let st = std::process::Command::new(atoll_wasm_tests::atoll_bin())
        .arg(&m)
        .env("XDG_CACHE_HOME", t.path())
        .status()
        .unwrap();
    assert_eq!(st.code(), Some(7));

    // Exit with argc, then with the number of visible environment variables.
    let sizes = |func: &str| {
        format!(
            r#"(module
                 (import "{P1}" "{func}" (func $sizes (param i32 i32) (result i32)))
                 (import "{P1}" "proc_exit" (func $exit (param i32)))
                 (memory (export "memory") 1)
                 (func (export "_start")
                   (drop (call $sizes (i32.const 0) (i32.const 4)))
                   (call $exit (i32.load (i32.const 0)))))"#
        )
    };
    let args = module(t.path(), "args.wasm", &sizes("args_sizes_get"));
    assert_eq!(atoll(&[&args], &[], t.path()).code, Some(1));
    assert_eq!(atoll(&[&args, "a", "--b"], &[], t.path()).code, Some(3));
    let envs = module(t.path(), "env.wasm", &sizes("environ_sizes_get"));
    let vars = [("A", "1"), ("B", "2"), ("C", "3")];
    assert_eq!(atoll(&[&envs], &vars, t.path()).code, Some(0));
    assert_eq!(
        atoll(&["--allow-env=A,C", &envs], &vars, t.path()).code,
        Some(2)
    );
    // Bare --allow-env: all of them (plus XDG_CACHE_HOME set by the helper).
    assert_eq!(
        atoll(&["--allow-env", &envs], &vars, t.path()).code,
        Some(4)
    );
}

#[test]
fn trap_prints_message_and_backtrace() {
    let t = TempDir::new("wasm-trap");
    let m = module(
        t.path(),
        "trap.wasm",
        r#"(module
             (func $inner_boom unreachable)
             (func $outer (call $inner_boom))
             (func (export "_start") (call $outer)))"#,
    );
    let r = atoll(&[&m], &[], t.path());
    assert_eq!(r.code, Some(134), "{r:?}");
    assert!(
        r.stderr
            .starts_with(&format!("atoll: {m}: wasm trap: wasm `unreachable`")),
        "{r:?}"
    );
    assert!(r.stderr.contains("wasm backtrace"), "{r:?}");
    let (inner, outer) = (r.stderr.find("inner_boom"), r.stderr.find("outer"));
    assert!(inner.is_some() && outer.is_some() && inner < outer, "{r:?}");

    let m = module(
        t.path(),
        "div.wasm",
        r#"(module (func (export "_start")
             (drop (i32.div_s (i32.const 1) (i32.const 0)))))"#,
    );
    let r = atoll(&[&m], &[], t.path());
    assert_eq!(r.code, Some(134), "{r:?}");
    assert!(r.stderr.contains("integer divide by zero"), "{r:?}");
}

#[test]
fn bad_modules_give_one_line_errors() {
    let t = TempDir::new("wasm-bad");
    let good = wat::parse_str(hello_wat("hi")).unwrap();
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("empty.wasm", vec![], "empty"),
        (
            "magic.wasm",
            b"\x7fELF\x02\x01\x01\0\0\0".to_vec(),
            "bad magic number",
        ),
        (
            "truncated.wasm",
            good[..good.len() - 7].to_vec(),
            "truncated",
        ),
        (
            "invalid.wasm",
            // A type section whose single entry is not a function type.
            b"\0asm\x01\0\0\0\x01\x02\x01\x42".to_vec(),
            "invalid WebAssembly",
        ),
        (
            "import.wasm",
            wat::parse_str(r#"(module (import "env" "nope" (func)) (func (export "_start")))"#)
                .unwrap(),
            "env::nope",
        ),
        (
            "nostart.wasm",
            wat::parse_str("(module)").unwrap(),
            "_start",
        ),
    ];
    for (name, bytes, what) in cases {
        let path = t.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let p = path.to_string_lossy().into_owned();
        let r = atoll(&[&p], &[], t.path());
        assert_eq!(r.code, Some(1), "{name}: {r:?}");
        assert!(
            r.stderr.starts_with(&format!("atoll: {p}: ")),
            "{name}: {r:?}"
        );
        assert!(r.stderr.contains(what), "{name}: {r:?}");
        assert_eq!(r.stderr.lines().count(), 1, "{name}: {r:?}");
        assert!(!r.stderr.contains("panicked"), "{name}: {r:?}");
    }
    let r = atoll(&["/nonexistent/app.wasm"], &[], t.path());
    assert_eq!(r.code, Some(1), "{r:?}");
    assert!(
        r.stderr
            .starts_with("atoll: /nonexistent/app.wasm: cannot read"),
        "{r:?}"
    );
}

#[test]
fn max_wasm_time_stops_an_infinite_loop() {
    let t = TempDir::new("wasm-time");
    let m = module(
        t.path(),
        "loop.wasm",
        r#"(module (func (export "_start") (loop $l (br $l))))"#,
    );
    let start = std::time::Instant::now();
    let r = atoll(&["--max-wasm-time=300", &m], &[], t.path());
    assert_eq!(r.code, Some(124), "{r:?}");
    assert_eq!(
        r.stderr.trim_end(),
        "atoll: wasm execution exceeded --max-wasm-time=300"
    );
    assert!(start.elapsed().as_secs() < 10);
    // A guest blocked in a host call (a 10 s poll_oneoff sleep) is stopped too.
    let sleep = module(
        t.path(),
        "sleep.wasm",
        &format!(
            r#"(module
                 (import "{P1}" "poll_oneoff" (func $poll (param i32 i32 i32 i32) (result i32)))
                 (memory (export "memory") 1)
                 (func (export "_start")
                   (i32.store8 (i32.const 8) (i32.const 0))       ;; tag: clock
                   (i32.store (i32.const 16) (i32.const 1))       ;; monotonic
                   (i64.store (i32.const 24) (i64.const 10000000000))
                   (drop (call $poll (i32.const 0) (i32.const 64) (i32.const 1) (i32.const 128)))))"#
        ),
    );
    let start = std::time::Instant::now();
    let r = atoll(&["--max-wasm-time=200", &sleep], &[], t.path());
    assert_eq!(r.code, Some(124), "{r:?}");
    assert!(r.stderr.contains("exceeded --max-wasm-time=200"), "{r:?}");
    assert!(start.elapsed().as_secs() < 5);
    // A quick program under the same limit is unaffected.
    let h = module(t.path(), "hello.wasm", &hello_wat("ok"));
    let r = atoll(&["--max-wasm-time=5000", &h], &[], t.path());
    ok(&r);
    assert_eq!(r.stdout, "ok");
}

#[test]
fn max_wasm_memory_refuses_memory_grow() {
    let t = TempDir::new("wasm-mem");
    // Grows by 64 pages (4 MiB); exits 1 if memory.grow returned -1.
    let grow = module(
        t.path(),
        "grow.wasm",
        &format!(
            r#"(module (import "{P1}" "proc_exit" (func $exit (param i32)))
                 (memory (export "memory") 1)
                 (func (export "_start")
                   (call $exit (i32.eq (memory.grow (i32.const 64)) (i32.const -1)))))"#
        ),
    );
    assert_eq!(atoll(&[&grow], &[], t.path()).code, Some(0));
    assert_eq!(
        atoll(&["--max-wasm-memory=8M", &grow], &[], t.path()).code,
        Some(0)
    );
    assert_eq!(
        atoll(&["--max-wasm-memory=1M", &grow], &[], t.path()).code,
        Some(1)
    );
    // A refused grow followed by a trap says why.
    let oom = module(
        t.path(),
        "oom.wasm",
        r#"(module (memory (export "memory") 1)
             (func (export "_start")
               (if (i32.eq (memory.grow (i32.const 64)) (i32.const -1)) (then unreachable))))"#,
    );
    let r = atoll(&["--max-wasm-memory=1M", &oom], &[], t.path());
    assert_eq!(r.code, Some(134), "{r:?}");
    assert!(
        r.stderr.contains("refused by --max-wasm-memory=1048576"),
        "{r:?}"
    );
    // An initial memory over the limit is a load error.
    let big = module(
        t.path(),
        "big.wasm",
        r#"(module (memory (export "memory") 100) (func (export "_start")))"#,
    );
    let r = atoll(&["--max-wasm-memory=1M", &big], &[], t.path());
    assert_eq!(r.code, Some(1), "{r:?}");
    assert!(
        r.stderr
            .contains("initial memory exceeds --max-wasm-memory"),
        "{r:?}"
    );
}

#[test]
fn compiled_code_is_cached_unless_disabled() {
    let t = TempDir::new("wasm-cache");
    let m = module(t.path(), "hello.wasm", &hello_wat("cached"));
    let cached = |dir: &Path| -> usize {
        std::fs::read_dir(dir.join("atoll/wasm"))
            .map(|d| d.count())
            .unwrap_or(0)
    };
    let none = TempDir::new("wasm-nocache");
    let r = atoll(&["--no-cache", &m], &[], none.path());
    ok(&r);
    assert_eq!(cached(none.path()), 0);
    for _ in 0..2 {
        let r = atoll(&[&m], &[], t.path());
        ok(&r);
        assert_eq!(r.stdout, "cached");
        assert_eq!(cached(t.path()), 1);
    }
    // A corrupt cache entry is recompiled, not trusted.
    let entry = std::fs::read_dir(t.path().join("atoll/wasm"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    std::fs::write(&entry, b"garbage").unwrap();
    let r = atoll(&[&m], &[], t.path());
    ok(&r);
    assert_eq!(r.stdout, "cached");
    // The cache is not used when a grant covers it.
    let d = t.path().to_string_lossy().into_owned();
    std::fs::remove_dir_all(t.path().join("atoll")).unwrap();
    let r = atoll(&[&format!("--allow-write={d}"), &m], &[], t.path());
    ok(&r);
    assert_eq!(cached(t.path()), 0);
}

#[test]
fn wasip2_command_components_run() {
    let t = TempDir::new("wasm-component");
    // A command component exporting wasi:cli/run (an older 0.2 patch version, matched by
    // semver) whose `run` returns `ok` or `err`, or traps.
    let component = |body: &str| {
        format!(
            r#"(component
                 (core module $m (func (export "run") (result i32) {body}))
                 (core instance $i (instantiate $m))
                 (func $run (result (result)) (canon lift (core func $i "run")))
                 (instance $inst (export "run" (func $run)))
                 (export "wasi:cli/run@0.2.0" (instance $inst)))"#
        )
    };
    let ok_c = module(t.path(), "ok.wasm", &component("i32.const 0"));
    assert_eq!(atoll(&[&ok_c], &[], t.path()).code, Some(0));
    let err_c = module(t.path(), "err.wasm", &component("i32.const 1"));
    assert_eq!(atoll(&[&err_c], &[], t.path()).code, Some(1));
    let trap_c = module(t.path(), "trap.wasm", &component("unreachable"));
    let r = atoll(&[&trap_c], &[], t.path());
    assert_eq!(r.code, Some(134), "{r:?}");
    assert!(r.stderr.contains("wasm trap"), "{r:?}");
    // A second start comes from the cache.
    assert_eq!(atoll(&[&ok_c], &[], t.path()).code, Some(0));
    // A component that is not a command.
    let lib = module(t.path(), "lib.wasm", "(component)");
    let r = atoll(&[&lib], &[], t.path());
    assert_eq!(r.code, Some(1), "{r:?}");
    assert!(r.stderr.contains("wasi:cli/run"), "{r:?}");
}
