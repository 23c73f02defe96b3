//! `node:worker_threads`: each worker is a fresh runtime (own thread, QuickJS heap and event
//! loop) started with a copy of the parent's grants and no more. Messages are already serialised
//! by JS (`internal/worker/serialize.js`), so only strings cross threads, over tokio channels
//! whose receiving ends are drained by tasks on the receiving runtime's loop.

use std::{
    cell::RefCell,
    path::PathBuf,
    sync::{
        atomic::{AtomicU64, Ordering},
        Arc,
    },
};

use tokio::sync::mpsc::{unbounded_channel, UnboundedReceiver, UnboundedSender};

use crate::{ops::OpState, Main, Options, TerminateHandle};

/// Native stack of a worker thread (QuickJS gets an eighth of it).
const STACK: usize = 32 * 1024 * 1024;

/// `threadId`s: the main thread is 0, workers count up from 1 across the whole process.
static NEXT_THREAD_ID: AtomicU64 = AtomicU64::new(1);

/// What a worker tells its parent, in order.
#[derive(Debug)]
pub enum WorkerEvent {
    Online,
    /// A serialised message from `parentPort.postMessage`.
    Message(String),
    /// The serialised value of an uncaught exception.
    Error(String),
    Exit(i32),
}

/// What the parent asked for (already validated by `worker_threads.js`).
pub struct SpawnRequest {
    /// The script (absolute path), or the source when `eval` is set.
    pub main: String,
    pub eval: bool,
    /// `process.argv.slice(2)` in the worker.
    pub argv: Vec<String>,
    /// Serialised `workerData`, `env` (or empty) and environment data, handed over unparsed.
    pub data: String,
    pub env: String,
    pub environment: String,
}

/// The parent's end of a running worker.
pub struct WorkerHandle {
    pub thread_id: u64,
    pub to_worker: UnboundedSender<String>,
    pub events: UnboundedReceiver<WorkerEvent>,
    pub terminate: Arc<TerminateHandle>,
}

/// The worker's end, installed on its thread before its runtime starts.
pub struct WorkerContext {
    pub thread_id: u64,
    pub data: String,
    pub env: String,
    pub environment: String,
    pub to_parent: UnboundedSender<WorkerEvent>,
    /// Taken by the first `parentPort` listener; messages queue in the channel until then.
    pub inbox: Option<UnboundedReceiver<String>>,
}

thread_local! {
    static CONTEXT: RefCell<Option<WorkerContext>> = const { RefCell::new(None) };
}

/// Whether this thread runs a worker (as opposed to the main program or an embedded sandbox).
pub fn is_worker_thread() -> bool {
    CONTEXT.with(|c| c.borrow().is_some())
}

/// Run `f` with this thread's worker context, if it is a worker.
pub fn with_context<R>(f: impl FnOnce(&mut WorkerContext) -> R) -> Option<R> {
    CONTEXT.with(|c| c.borrow_mut().as_mut().map(f))
}

/// Sends `Exit` when the worker thread ends, however it ends (a panic reports 70).
struct ExitGuard {
    tx: UnboundedSender<WorkerEvent>,
    code: i32,
}

impl Drop for ExitGuard {
    fn drop(&mut self) {
        let _ = self.tx.send(WorkerEvent::Exit(self.code));
    }
}

/// Start a worker thread running `req` with `parent`'s grants, cwd and module root.
pub fn spawn(parent: &OpState, req: SpawnRequest) -> std::io::Result<WorkerHandle> {
    let thread_id = NEXT_THREAD_ID.fetch_add(1, Ordering::Relaxed);
    let cwd: PathBuf = parent.cwd.borrow().clone();
    let mut argv = vec![parent.exec_path.clone()];
    if !req.eval {
        argv.push(req.main.clone());
    }
    argv.extend(req.argv);
    let mut op_state = OpState::new(
        parent.grants.clone(),
        argv,
        parent.exec_path.clone(),
        cwd.clone(),
    )?;
    // The implicit module-loading grant is the parent's own, not one for the worker's directory.
    op_state.modules = parent.modules.clone();
    // Same program, same --max-handles/--max-children budget: a worker cannot multiply it.
    op_state.resources = parent.resources.clone();
    op_state.fds = Arc::new(crate::ops::fs::FdTable::new(parent.resources.clone()));
    let main = if req.eval {
        Main::Eval {
            source: req.main,
            print: false,
        }
    } else {
        Main::File(crate::ops::module::normalize(&cwd.join(&req.main)))
    };
    let (to_worker, inbox) = unbounded_channel::<String>();
    let (to_parent, events) = unbounded_channel::<WorkerEvent>();
    let terminate = Arc::new(TerminateHandle::default());
    let handle = terminate.clone();
    let context = WorkerContext {
        thread_id,
        data: req.data,
        env: req.env,
        environment: req.environment,
        to_parent: to_parent.clone(),
        inbox: Some(inbox),
    };
    std::thread::Builder::new()
        .name(format!("atoll-worker-{thread_id}"))
        .stack_size(STACK)
        .spawn(move || {
            let mut guard = ExitGuard {
                tx: to_parent,
                code: 70,
            };
            CONTEXT.with(|c| *c.borrow_mut() = Some(context));
            let _ = guard.tx.send(WorkerEvent::Online);
            let outcome = crate::run_to_outcome(Options {
                op_state,
                main,
                stack_size: STACK,
                limits: Default::default(),
                terminate: Some(handle.clone()),
            });
            // Node reports exit code 1 for a worker stopped by `terminate()`.
            guard.code = if handle.is_terminated() {
                1
            } else {
                outcome.exit_code
            };
            CONTEXT.with(|c| c.borrow_mut().take());
        })?;
    Ok(WorkerHandle {
        thread_id,
        to_worker,
        events,
        terminate,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn main_thread_is_not_a_worker() {
        assert!(!is_worker_thread());
        assert!(with_context(|c| c.thread_id).is_none());
    }
}
