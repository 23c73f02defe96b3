//! `atoll run app.wasm` (wasi-bridge's wasm_host) on arbitrary bytes, with no grants, a 64 MB
//! memory cap and a 500 ms epoch deadline so no input can hang or exhaust the fuzzer: every
//! input ends in an exit status or a `WasmError`, never a panic.
//! Run with stdin from /dev/null (scripts/fuzz.sh does): a guest blocked reading a terminal is
//! only stopped by the watchdog, which ends the whole process.
#![no_main]

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use wasi_bridge::wasm_host::{run, WasmOptions, WasmRun};
use wasi_bridge::Grants;

fn dir() -> &'static PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let d = std::env::temp_dir().join(format!("atoll-fuzz-wasm-{}", std::process::id()));
        #[allow(clippy::disallowed_methods)] // the fuzzer's own scratch file
        std::fs::create_dir_all(&d).expect("scratch dir");
        d
    })
}

fuzz_target!(|data: &[u8]| {
    let file = Path::new("input.wasm");
    #[allow(clippy::disallowed_methods)] // the fuzzer's own scratch file
    std::fs::write(dir().join(file), data).expect("write input");
    let options = WasmOptions {
        no_cache: true,
        max_time_ms: Some(500),
        max_memory: Some(64 << 20),
        ..Default::default()
    };
    let result = run(&WasmRun {
        file,
        args: &[],
        grants: &Grants::default(),
        cwd: dir(),
        options: &options,
    });
    // Every failure has a one-line message (a trap may add its backtrace) and a known status.
    if let Err(e) = result {
        assert!(matches!(e.exit_code(), 1 | 124 | 134));
        assert!(!e.to_string().is_empty());
    }
});
