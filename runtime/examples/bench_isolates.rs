//! Benchmark (not a test): how cheap an isolated runtime is. It creates, runs a tiny script in,
//! and drops N runtimes one after another on one thread; then it holds K idle runtimes (each
//! waiting on a timer in its own thread) and measures RSS per runtime.
//! Run through `scripts/bench-isolates`.

#![allow(clippy::disallowed_methods)] // fixtures and host-side setup use ambient std::fs

use std::time::Instant;

use atoll::{embed::Sandbox, ops::OpState, Main, Options};

fn rss_bytes() -> f64 {
    atoll::ops::process::rss()
}

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000);
    let k: usize = std::env::args()
        .nth(2)
        .and_then(|v| v.parse().ok())
        .unwrap_or(200);
    let cwd = std::env::temp_dir();

    // The sequential loop runs on a thread with the stack size atoll's runtimes expect.
    let throughput = std::thread::Builder::new()
        .stack_size(64 << 20)
        .spawn(move || {
            let start = Instant::now();
            for _ in 0..n {
                let op_state = OpState::new(
                    Default::default(),
                    vec!["atoll".into()],
                    "atoll".into(),
                    cwd.clone(),
                )
                .expect("state");
                let out = atoll::run_to_outcome(Options {
                    op_state,
                    main: Main::Expression("1 + 1".into()),
                    stack_size: 64 << 20,
                    limits: Default::default(),
                    terminate: None,
                });
                assert_eq!(out.exit_code, 0);
            }
            n as f64 / start.elapsed().as_secs_f64()
        })
        .expect("thread")
        .join()
        .expect("bench thread");
    println!("create+run+drop: {n} runtimes, {throughput:.0} runtimes/s");

    let before = rss_bytes();
    let idle: Vec<_> = (0..k)
        .map(|_| Sandbox::new().eval("new Promise(() => setInterval(() => {}, 1e6))"))
        .collect();
    std::thread::sleep(std::time::Duration::from_millis(500));
    let after = rss_bytes();
    let stops: Vec<_> = idle.iter().map(|r| r.terminator()).collect();
    for s in &stops {
        s.terminate();
    }
    let heap: usize = idle.into_iter().map(|r| r.wait().heap_bytes).sum();
    println!(
        "idle: {k} runtimes, {:.2} MB RSS per runtime (QuickJS heap {:.2} MB each, rest is thread stack and loop)",
        (after - before) / k as f64 / 1e6,
        heap as f64 / k as f64 / 1e6
    );
}
