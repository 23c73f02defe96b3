//! The `WebAssembly` JS API and `node:wasi`: the engine-free parts. The wasmtime engine
//! configuration, module introspection (imports, exports, custom sections), V8-style error
//! messages, and the WASI preview1 context built from `new WASI(options)` checked against the
//! runtime's fs grants. `engine/bind_wasm.rs` owns the store and the JS values.

use std::future::Future;
use std::sync::mpsc;
use std::time::Duration;

use wasmtime::{Config, Engine, ExternType, Module, Trap};
use wasmtime_wasi::p1::WasiP1Ctx;
use wasmtime_wasi::{FsPerms, WasiCtxBuilder};

use super::{fs::access_denied, OpError, OpState};
use wasi_bridge::fs::Access;

/// The wasmtime engine for one JS runtime: Cranelift, reference types with GC (externref),
/// exceptions. With `epochs` (a runtime with limits or a host that may terminate it), compiled
/// code checks an epoch counter, which costs a little in loops, so that wasm which never
/// returns to JS can still be stopped.
pub fn engine(epochs: bool) -> Result<Engine, String> {
    let mut config = Config::new();
    config.wasm_backtrace_details(wasmtime::WasmBacktraceDetails::Disable);
    config.epoch_interruption(epochs);
    Engine::new(&config).map_err(|e| format!("{e:#}"))
}

/// Advances `engine`'s epoch every `period` until the returned sender is dropped, so running
/// wasm reaches its epoch callback that often.
pub fn epoch_ticker(engine: &Engine, period: Duration) -> Result<mpsc::Sender<()>, String> {
    let (keep, dropped) = mpsc::channel::<()>();
    let engine = engine.clone();
    std::thread::Builder::new()
        .name("atoll-wasm-epoch".into())
        .stack_size(64 << 10)
        .spawn(move || {
            while let Err(mpsc::RecvTimeoutError::Timeout) = dropped.recv_timeout(period) {
                engine.increment_epoch();
            }
        })
        .map_err(|e| format!("cannot start the wasm epoch thread: {e}"))?;
    Ok(keep)
}

/// `WebAssembly.validate(bytes)`.
pub fn validate(engine: &Engine, bytes: &[u8]) -> bool {
    Module::validate(engine, bytes).is_ok()
}

/// `new WebAssembly.Module(bytes)`: the module, or the `CompileError` message.
pub fn compile(engine: &Engine, bytes: &[u8]) -> Result<Module, String> {
    Module::new(engine, bytes).map_err(|e| compile_message(bytes, &e))
}

fn compile_message(bytes: &[u8], e: &wasmtime::Error) -> String {
    if bytes.len() < 4 || bytes[..4] != *b"\0asm" {
        return "WebAssembly.Module(): expected magic word 00 61 73 6d".into();
    }
    format!("WebAssembly.Module(): {}", e.root_cause())
}

/// The JS API's `ImportExportKind` of an extern type.
pub fn kind(ty: &ExternType) -> &'static str {
    match ty {
        ExternType::Func(_) => "function",
        ExternType::Table(_) => "table",
        ExternType::Memory(_) => "memory",
        ExternType::Global(_) => "global",
        ExternType::Tag(_) => "tag",
    }
}

/// `(module, name, kind)` of each import, in order.
pub fn imports(module: &Module) -> Vec<(String, String, &'static str)> {
    module
        .imports()
        .map(|i| (i.module().to_owned(), i.name().to_owned(), kind(&i.ty())))
        .collect()
}

/// `(name, kind)` of each export, in order.
pub fn exports(module: &Module) -> Vec<(String, &'static str)> {
    module
        .exports()
        .map(|e| (e.name().to_owned(), kind(&e.ty())))
        .collect()
}

fn leb_u32(bytes: &[u8], pos: &mut usize) -> Option<u32> {
    let mut result: u32 = 0;
    for shift in (0..35).step_by(7) {
        let b = *bytes.get(*pos)?;
        *pos += 1;
        result |= u32::from(b & 0x7f).checked_shl(shift)?;
        if b & 0x80 == 0 {
            return Some(result);
        }
    }
    None
}

/// Every custom section of a (valid) module as `(name, contents)`, in order.
pub fn custom_sections(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut pos = 8;
    while pos < bytes.len() {
        let id = bytes[pos];
        pos += 1;
        let Some(size) = leb_u32(bytes, &mut pos) else {
            break;
        };
        let end = pos.saturating_add(size as usize).min(bytes.len());
        if id == 0 {
            let mut p = pos;
            if let Some(len) = leb_u32(bytes, &mut p) {
                let name_end = p.saturating_add(len as usize).min(end);
                let name = String::from_utf8_lossy(&bytes[p..name_end]).into_owned();
                out.push((name, bytes[name_end..end].to_vec()));
            }
        }
        pos = end;
    }
    out
}

/// What a trap says, in V8's words where they differ (tests written against node compare
/// messages), and whether it is a stack overflow (a `RangeError` in JS).
pub fn trap_message(trap: Trap) -> (String, bool) {
    let msg = match trap {
        Trap::UnreachableCodeReached => "unreachable",
        Trap::IntegerDivisionByZero => "divide by zero",
        Trap::IntegerOverflow => "divide result unrepresentable",
        Trap::BadConversionToInteger => "float unrepresentable in integer range",
        Trap::MemoryOutOfBounds | Trap::HeapMisaligned => "memory access out of bounds",
        Trap::TableOutOfBounds => "table index is out of bounds",
        Trap::IndirectCallToNull => "null function or function signature mismatch",
        Trap::BadSignature => "null function or function signature mismatch",
        Trap::NullReference => "dereferencing a null pointer",
        Trap::StackOverflow => return ("Maximum call stack size exceeded".into(), true),
        other => return (other.to_string(), false),
    };
    (msg.into(), false)
}

// ---------------------------------------------------------------------------------------
// node:wasi

/// `new WASI(options)` after the JS side validated it.
#[derive(Debug, Default)]
pub struct WasiOptions {
    pub args: Vec<String>,
    pub env: Vec<(String, String)>,
    /// `(guest path, host path as given)`.
    pub preopens: Vec<(String, String)>,
    /// stdin, stdout, stderr: host fds 0-2.
    pub stdio: [i32; 3],
}

/// The WASI context for `options`. Each preopen must lie inside the read grant (else
/// `ERR_ACCESS_DENIED`, `FileSystemRead`, resource = the host path); it is writable only when
/// the write grant covers it too, and a `--deny-read` inside it refuses it (a preopen is a
/// whole directory and cannot carve anything out).
pub fn wasi_ctx(st: &OpState, o: &WasiOptions) -> Result<WasiP1Ctx, OpError> {
    let mut b = WasiCtxBuilder::new();
    b.allow_blocking_current_thread(true)
        .allow_tcp(false)
        .allow_udp(false)
        .allow_ip_name_lookup(false);
    b.args(&o.args);
    for (k, v) in &o.env {
        b.env(k, v);
    }
    for (i, fd) in o.stdio.iter().enumerate() {
        match (i, fd) {
            (0, 0) => {
                b.inherit_stdin();
            }
            (1, 1) | (2, 1) => {
                if i == 1 {
                    b.stdout(wasmtime_wasi::cli::stdout());
                } else {
                    b.stderr(wasmtime_wasi::cli::stdout());
                }
            }
            (1, 2) | (2, 2) => {
                if i == 1 {
                    b.stdout(wasmtime_wasi::cli::stderr());
                } else {
                    b.stderr(wasmtime_wasi::cli::stderr());
                }
            }
            _ => {
                return Err(OpError::code(
                    "ERR_INVALID_ARG_VALUE",
                    format!(
                        "The property 'options.{}' is not supported by atoll: only fds 0, 1 and 2 can be passed to a WASI guest. Received {fd}",
                        ["stdin", "stdout", "stderr"][i]
                    ),
                ))
            }
        }
    }
    for (guest, host) in &o.preopens {
        let abs = st.absolute(host);
        let real = st
            .fs
            .canonicalize(&abs)
            .map_err(|e| super::fs::fs_error(e, "open", host))?;
        if !st.fs.allows(&real, Access::Read) {
            return Err(access_denied(Access::Read, &abs));
        }
        if st
            .grants
            .deny_read
            .iter()
            .any(|d| st.absolute(&d.to_string_lossy()).starts_with(&real))
        {
            return Err(access_denied(Access::Read, &abs));
        }
        let writable = st.fs.allows(&real, Access::Write)
            && !st
                .grants
                .deny_write
                .iter()
                .any(|d| st.absolute(&d.to_string_lossy()).starts_with(&real));
        let perms = if writable {
            FsPerms::ReadWrite
        } else {
            FsPerms::ReadOnly
        };
        b.preopened_dir(&real, guest, perms).map_err(|e| {
            match e.downcast_ref::<std::io::Error>() {
                Some(io) => OpError::io(io, "open", Some(host)),
                None => OpError::code("ERR_WASI_PREOPEN", format!("{host}: {e:#}")),
            }
        })?;
    }
    Ok(b.build_p1())
}

/// Runs a WASI host call's future to completion off the JS thread. The JS thread is inside
/// atoll's tokio `block_on`, where wasmtime-wasi's synchronous bindings would start a nested
/// runtime (a panic); on a helper thread they use wasmtime-wasi's own runtime. The JS thread
/// waits, so the guest memory and context borrowed by `f` are not used concurrently.
pub fn block_on_wasi<F: Future>(f: F) -> wasmtime::Result<F::Output> {
    struct AssertSend<T>(T);
    // SAFETY: the value moves to a scoped thread while this thread blocks until that thread
    // is done; nothing else touches it meanwhile, and it holds no thread-local state (a WASI
    // context, guest memory and a store context with no wasm running on it).
    unsafe impl<T> Send for AssertSend<T> {}
    let job = AssertSend(f);
    let out = std::thread::scope(|s| {
        s.spawn(move || {
            let job = job;
            AssertSend(wasmtime_wasi::runtime::in_tokio(job.0))
        })
        .join()
    });
    match out {
        Ok(v) => Ok(v.0),
        Err(_) => Err(wasmtime::Error::msg("a WASI host call panicked")),
    }
}

/// `wasi_snapshot_preview1` for a linker whose store data holds [`WasiP1Ctx`]s: wasmtime-wasi's
/// preview1 implementation with its blocking calls run by [`block_on_wasi`].
pub mod p1 {
    use super::block_on_wasi;

    wiggle::wasmtime_integration!({
        witx: ["src/ops/wasm_witx/wasi_snapshot_preview1.witx"],
        target: wasmtime_wasi::p1,
        block_on[block_on_wasi]: {
            wasi_snapshot_preview1::{
                fd_advise, fd_close, fd_datasync, fd_fdstat_get, fd_filestat_get, fd_filestat_set_size,
                fd_filestat_set_times, fd_read, fd_pread, fd_seek, fd_sync, fd_readdir, fd_write,
                fd_pwrite, poll_oneoff, path_create_directory, path_filestat_get,
                path_filestat_set_times, path_link, path_open, path_readlink, path_remove_directory,
                path_rename, path_symlink, path_unlink_file, fd_renumber
            }
        },
        errors: { errno => trappable Error },
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn custom_sections_are_found() {
        // magic, version, custom section "hi" with payload [1, 2]
        let bytes = [0, b'a', b's', b'm', 1, 0, 0, 0, 0, 5, 2, b'h', b'i', 1, 2];
        assert_eq!(
            custom_sections(&bytes),
            vec![("hi".to_owned(), vec![1u8, 2])]
        );
    }

    #[test]
    fn trap_messages_follow_v8() {
        assert_eq!(
            trap_message(Trap::IntegerDivisionByZero).0,
            "divide by zero"
        );
        assert!(trap_message(Trap::StackOverflow).1);
    }
}
