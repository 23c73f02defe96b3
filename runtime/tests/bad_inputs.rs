//! A corpus of hostile or broken programs: each must end with a clear error and a known exit
//! code, never a panic, a crash or a hang.

#![allow(clippy::disallowed_methods)] // fixtures and host-side setup use ambient std::fs

use std::{path::PathBuf, process::Command, time::Duration};

struct Case {
    name: &'static str,
    file: &'static str,
    source: &'static [u8],
    flags: &'static [&'static str],
    exit: i32,
    stderr_has: &'static str,
}

const CASES: &[Case] = &[
    Case { name: "syntax error", file: "a.js", source: b"function (\n", flags: &[], exit: 1, stderr_has: "SyntaxError" },
    Case { name: "invalid utf-8 source", file: "a.js", source: b"console.log('\xff\xfe')\n", flags: &[], exit: 1, stderr_has: "not valid UTF-8" },
    Case { name: "huge string under --max-heap", file: "a.js", source: b"const s = 'x'.repeat(1 << 29); console.log(s.length);\n", flags: &["--max-heap=64M"], exit: 134, stderr_has: "heap out of memory" },
    Case { name: "100k-deep recursion", file: "a.js", source: b"function f(n) { return n === 0 ? 0 : 1 + f(n - 1); }\nf(100000);\n", flags: &[], exit: 1, stderr_has: "RangeError: Maximum call stack size exceeded" },
    Case { name: "deeply nested JSON", file: "a.js", source: b"JSON.parse('['.repeat(1e6) + ']'.repeat(1e6));\n", flags: &[], exit: 1, stderr_has: "Error" },
    Case { name: "infinite loop under --max-cpu-time", file: "a.js", source: b"for (;;) {}\n", flags: &["--max-cpu-time=200"], exit: 124, stderr_has: "--max-cpu-time=200" },
    Case { name: "promise storm", file: "a.js", source: b"let n = 0; function spin() { if (++n < 1e6) Promise.resolve().then(spin); } spin(); process.on('exit', () => console.log(n));\n", flags: &["--max-cpu-time=20000"], exit: 0, stderr_has: "" },
    Case { name: "timer storm", file: "a.js", source: b"let n = 0; for (let i = 0; i < 100000; i++) setTimeout(() => n++, i % 10); process.on('exit', () => { if (n !== 100000) throw new Error('lost timers ' + n); });\n", flags: &[], exit: 0, stderr_has: "" },
    Case { name: "microtask storm is stopped by the cpu limit", file: "a.js", source: b"function again() { queueMicrotask(again); } again();\n", flags: &["--max-cpu-time=300"], exit: 124, stderr_has: "--max-cpu-time" },
    Case { name: "throwing a non-error", file: "a.js", source: b"throw { weird: true };\n", flags: &[], exit: 1, stderr_has: "weird" },
    Case { name: "malformed JSON module", file: "a.mjs", source: b"import x from './bad.json' with { type: 'json' };\n", flags: &[], exit: 1, stderr_has: "bad.json" },
    // Wasm through the JS API never returns to QuickJS's interrupt checks: epochs stop it (found by fuzz/fuzz_targets/js_wasm.rs).
    Case { name: "wasm loop called from JS under --max-cpu-time", file: "a.mjs", source: b"const m = new WebAssembly.Module(new Uint8Array([0,97,115,109,1,0,0,0,1,4,1,96,0,0,3,2,1,0,7,8,1,4,115,112,105,110,0,0,10,9,1,7,0,3,64,12,0,11,11]));\ntry { new WebAssembly.Instance(m).exports.spin(); } catch (e) { console.log('caught', e); }\nconsole.log('went on');\n", flags: &["--max-cpu-time=300"], exit: 124, stderr_has: "--max-cpu-time=300" },
    Case { name: "wasm start function loop under --timeout", file: "a.mjs", source: b"try { await WebAssembly.instantiate(new Uint8Array([0,97,115,109,1,0,0,0,1,4,1,96,0,0,3,2,1,0,8,1,0,10,9,1,7,0,3,64,12,0,11,11])); } catch (e) { console.log('caught', e); }\n", flags: &["--timeout=300"], exit: 124, stderr_has: "--timeout=300" },
    Case { name: "truncated wasm", file: "a.wasm", source: b"\0asm\x01\0\0\0\x01", flags: &[], exit: 1, stderr_has: "a.wasm" },
    Case { name: "not wasm at all", file: "a.wasm", source: b"hello", flags: &[], exit: 1, stderr_has: "a.wasm" },
];

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "atoll-bad-{}-{}",
        std::process::id(),
        name.replace(' ', "-")
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn every_bad_input_ends_cleanly() {
    let mut failures = Vec::new();
    for case in CASES {
        let dir = scratch(case.name);
        std::fs::write(dir.join(case.file), case.source).unwrap();
        std::fs::write(dir.join("bad.json"), b"{ not json").unwrap();
        let mut child = Command::new(env!("CARGO_BIN_EXE_atoll"))
            .args(case.flags)
            .arg(case.file)
            .current_dir(&dir)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        // A hang is a failure too: nothing here may run for more than 60 s.
        let started = std::time::Instant::now();
        let status = loop {
            if let Some(status) = child.try_wait().unwrap() {
                break Some(status);
            }
            if started.elapsed() > Duration::from_secs(60) {
                let _ = child.kill();
                break None;
            }
            std::thread::sleep(Duration::from_millis(20));
        };
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        let problem = match status {
            None => Some("hung".to_string()),
            Some(s) if s.code() != Some(case.exit) => {
                Some(format!("exit {:?}, wanted {}", s.code(), case.exit))
            }
            Some(_) if !stderr.contains(case.stderr_has) => {
                Some(format!("stderr lacks {:?}", case.stderr_has))
            }
            Some(_) if stderr.contains("panicked") => Some("a Rust panic reached the user".into()),
            _ => None,
        };
        if let Some(p) = problem {
            failures.push(format!("{}: {p}\n--- stderr\n{stderr}", case.name));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
