//! The embedding API: isolated runtimes in one process, results, limits, termination.

#![allow(clippy::disallowed_methods)] // fixtures and host-side setup use ambient std::fs

use atoll::{embed::Sandbox, ResultValue, Termination};

fn json(s: &str) -> Option<Result<ResultValue, String>> {
    Some(Ok(ResultValue::Json(s.into())))
}

#[test]
fn concurrent_runtimes_share_no_state() {
    let runs: Vec<_> = (0..8)
        .map(|i| Sandbox::new().eval(format!("globalThis.seen = (globalThis.seen ?? 0) + {i}; new Promise((r) => setTimeout(() => r(globalThis.seen), 5))")))
        .collect();
    for (i, run) in runs.into_iter().enumerate() {
        let out = run.wait();
        assert_eq!(out.exit_code, 0);
        assert_eq!(out.result, json(&i.to_string()));
    }
}

#[test]
fn results_come_back_as_json_bytes_or_the_error() {
    assert_eq!(
        Sandbox::new()
            .eval("({ a: [1, 'x'], b: null })")
            .wait()
            .result,
        json(r#"{"a":[1,"x"],"b":null}"#)
    );
    assert_eq!(
        Sandbox::new()
            .eval("new Uint8Array([1, 2, 3]).subarray(1)")
            .wait()
            .result,
        Some(Ok(ResultValue::Bytes(vec![2, 3])))
    );
    let out = Sandbox::new()
        .eval("Promise.reject(new TypeError('bad input'))")
        .wait();
    match out.result {
        Some(Err(e)) => assert!(e.contains("TypeError: bad input"), "{e}"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_hostile_program_is_stopped_without_harming_the_host_or_its_neighbours() {
    let hostile = Sandbox::new().max_cpu_ms(100).eval("for (;;) {}");
    let greedy = Sandbox::new()
        .max_heap(16 << 20)
        .eval("const a = []; for (;;) a.push(new Array(1e5).fill(a.length));");
    let exits = Sandbox::new().eval("process.exit(7)");
    let fine = Sandbox::new().eval("1 + 1");
    assert_eq!(
        hostile.wait().exit_code,
        Termination::CpuTime(100).exit_code()
    );
    assert_eq!(
        greedy.wait().exit_code,
        Termination::HeapExhausted.exit_code()
    );
    assert_eq!(
        exits.wait().exit_code,
        7,
        "process.exit ends the runtime, not the host"
    );
    assert_eq!(fine.wait().result, json("2"));
}

#[test]
fn terminate_stops_an_idle_program_too() {
    let run = Sandbox::new().eval("new Promise(() => setInterval(() => {}, 1000))");
    let stop = run.terminator();
    std::thread::sleep(std::time::Duration::from_millis(30));
    stop.terminate();
    assert_eq!(run.wait().exit_code, Termination::Requested.exit_code());
}

#[test]
fn terminate_stops_wasm_that_never_returns_to_js() {
    // `(func (export "spin") (loop (br 0)))`: no JS runs until it returns, so only the wasm
    // epoch check can stop it.
    let run = Sandbox::new().eval(
        "new WebAssembly.Instance(new WebAssembly.Module(new Uint8Array([0,97,115,109,1,0,0,0,1,4,1,96,0,0,3,2,1,0,7,8,1,4,115,112,105,110,0,0,10,9,1,7,0,3,64,12,0,11,11]))).exports.spin()",
    );
    let stop = run.terminator();
    std::thread::sleep(std::time::Duration::from_millis(100));
    stop.terminate();
    assert_eq!(run.wait().exit_code, Termination::Requested.exit_code());
}

#[test]
fn sandboxes_are_deny_by_default() {
    let out = Sandbox::new()
        .eval("require('fs').readFileSync('/etc/hostname')")
        .wait();
    match out.result {
        Some(Err(e)) => assert!(e.contains("ERR_ACCESS_DENIED"), "{e}"),
        other => panic!("{other:?}"),
    }
    assert_eq!(
        Sandbox::new()
            .eval("Object.keys(process.env).length")
            .wait()
            .result,
        json("0")
    );
}
