//! The `atoll` command. It acts for the user who typed it: the entry file it is given is opened
//! with the user's authority (to sniff wasm and locate the module root); the program itself only
//! ever gets the grants.
#![allow(clippy::disallowed_methods)]

use std::io::Read;

use atoll::cli::{self, Command, Entry};
use atoll::ops::OpState;

/// Native stack for the JS thread: QuickJS gets most of it, so deep recursion throws a
/// RangeError instead of overflowing.
const JS_STACK: usize = 64 * 1024 * 1024;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (run, serve) = match cli::parse(&args) {
        Ok(Command::Help) => {
            print!("{}", cli::USAGE);
            return;
        }
        Ok(Command::Version) => {
            println!("atoll {}", env!("CARGO_PKG_VERSION"));
            return;
        }
        Ok(Command::Run(run)) => (run, None),
        Ok(Command::Serve(mut run, addr)) => {
            // `atoll serve` may listen where it was told to: that one address is granted.
            run.grants.net.add(Some(vec![wasi_bridge::net::resource(
                &addr.host, addr.port,
            )]));
            (run, Some(addr))
        }
        Err(msg) => {
            eprintln!("atoll: {msg}");
            std::process::exit(2);
        }
    };
    // Before any thread starts: a fork()ed child's IPC channel (and its env variables go).
    atoll::ops::ipc::adopt_from_env();
    let cwd = std::env::current_dir().unwrap_or_else(|_| "/".into());
    if let Entry::File(path) = &run.entry {
        if serve.is_none() && is_wasm(&cwd.join(path)) {
            std::process::exit(run_wasm(&run, path, &cwd));
        }
    }
    let exec_path = std::env::current_exe()
        .map(|p| p.to_string_lossy().into_owned())
        .unwrap_or_else(|_| "atoll".into());
    let (main, script) = match run.entry {
        Entry::File(path) => {
            let abs = atoll::ops::module::normalize(&cwd.join(path));
            let shown = abs.to_string_lossy().into_owned();
            (atoll::Main::File(abs), Some(shown))
        }
        Entry::Eval { code, print } => (
            atoll::Main::Eval {
                source: code,
                print,
            },
            None,
        ),
        Entry::Stdin => {
            let mut source = String::new();
            if let Err(e) = std::io::stdin().read_to_string(&mut source) {
                eprintln!("atoll: cannot read the script from stdin: {e}");
                std::process::exit(1);
            }
            (
                atoll::Main::Eval {
                    source,
                    print: false,
                },
                Some("-".to_string()),
            )
        }
    };
    let mut argv = vec![exec_path.clone()];
    argv.extend(script);
    argv.extend(run.script_args);
    let module_root = match &main {
        atoll::Main::File(path) => path.parent().map(std::path::Path::to_path_buf),
        atoll::Main::Eval { .. } | atoll::Main::Expression(_) | atoll::Main::Serve { .. } => None,
    };
    let main = match (main, serve) {
        (atoll::Main::File(path), Some(addr)) => atoll::Main::Serve {
            path,
            host: addr.host,
            port: addr.port,
        },
        (main, _) => main,
    };
    let limits = run.limits;
    let op_state =
        OpState::new(run.grants, argv, exec_path, cwd).and_then(|st| match module_root {
            Some(root) if root.is_dir() => st.with_module_root(&root),
            _ => Ok(st),
        });
    let op_state = match op_state {
        Ok(st) => st,
        Err(e) => {
            eprintln!("atoll: cannot open the granted paths: {e}");
            std::process::exit(1);
        }
    };
    // A forked child inherits these (ops/limits.rs); the deadline is taken before the JS
    // thread's own, so the child's share is never longer than what the parent has left.
    op_state
        .resources
        .set_inherited(atoll::ops::limits::Inherited {
            max_heap: limits.max_heap,
            max_cpu_ms: limits.max_cpu_ms,
            deadline: limits
                .timeout_ms
                .map(|ms| std::time::Instant::now() + std::time::Duration::from_millis(ms)),
            max_wasm_time_ms: run.wasm.max_time_ms,
            max_wasm_memory: run.wasm.max_memory,
        });
    let code = std::thread::Builder::new()
        .name("atoll-js".into())
        .stack_size(JS_STACK)
        .spawn(move || {
            atoll::run(atoll::Options {
                op_state,
                main,
                stack_size: JS_STACK,
                limits,
                terminate: None,
            })
        })
        .map(|h| h.join().unwrap_or(70))
        .unwrap_or_else(|e| {
            eprintln!("atoll: cannot start the JS thread: {e}");
            70
        });
    std::process::exit(code);
}

/// A `.wasm` file, or any non-JS file that starts with the wasm magic number.
fn is_wasm(path: &std::path::Path) -> bool {
    match path.extension().and_then(|e| e.to_str()) {
        Some("wasm") => true,
        Some("js" | "mjs" | "cjs" | "json") => false,
        _ => {
            let mut magic = [0u8; 4];
            std::fs::File::open(path)
                .and_then(|mut f| f.read_exact(&mut magic))
                .is_ok()
                && magic == *b"\0asm"
        }
    }
}

/// `atoll [run] app.wasm ARGS`: wasmtime with the same grants (wasi_bridge::wasm_host).
fn run_wasm(run: &cli::RunArgs, path: &std::path::Path, cwd: &std::path::Path) -> i32 {
    use std::io::Write;
    use wasi_bridge::wasm_host::{self, WasmRun};
    // wasmtime or wasmtime-wasi should never panic; if one does, say so in one line.
    std::panic::set_hook(Box::new(|info| {
        eprintln!("atoll: internal error in the wasm host: {info}");
    }));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        wasm_host::run(&WasmRun {
            file: path,
            args: &run.script_args,
            grants: &run.grants,
            cwd,
            options: &run.wasm,
        })
    }));
    let _ = std::io::stdout().flush();
    match result {
        Ok(Ok(code)) => code,
        Ok(Err(e)) => {
            eprintln!("atoll: {e}");
            e.exit_code()
        }
        Err(_) => 70,
    }
}
