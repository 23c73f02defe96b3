//! `--max-handles` and `--max-children`: per-runtime caps on what a script can hold open, so an
//! untrusted program cannot exhaust the host's descriptors or process table. Reaching a cap
//! fails the call the way the OS limit does in Node: `EMFILE` for open/connect/listen/accept,
//! `EAGAIN` for spawn. A worker thread shares its parent's counters (it is the same program).

use std::{
    sync::{
        atomic::{AtomicBool, AtomicUsize, Ordering},
        Arc, Mutex,
    },
    time::Instant,
};

use super::OpError;

/// The counters of one program. Unlimited until [`Resources::set_limits`].
#[derive(Debug)]
pub struct Resources {
    max_handles: AtomicUsize,
    handles: AtomicUsize,
    max_children: AtomicUsize,
    /// One `exited` flag per child started and not yet known to have ended.
    children: Mutex<Vec<Arc<AtomicBool>>>,
    /// The other limits, for a forked child's flags.
    inherited: Mutex<Inherited>,
}

/// The limits besides the caps that a forked child must not escape: `--max-heap` and the wasm
/// limits pass on as they are; `--max-cpu-time` and `--timeout` as what is left of the
/// parent's budget when it forks.
#[derive(Debug, Default, Clone, Copy)]
pub struct Inherited {
    pub max_heap: Option<usize>,
    pub max_cpu_ms: Option<u64>,
    /// When `--timeout` runs out for the parent.
    pub deadline: Option<Instant>,
    pub max_wasm_time_ms: Option<u64>,
    pub max_wasm_memory: Option<usize>,
}

impl Default for Resources {
    fn default() -> Self {
        Resources {
            max_handles: AtomicUsize::new(usize::MAX),
            handles: AtomicUsize::new(0),
            max_children: AtomicUsize::new(usize::MAX),
            children: Mutex::default(),
            inherited: Mutex::default(),
        }
    }
}

/// One open file, socket or server counted against `--max-handles`; dropping it frees the slot.
#[derive(Debug)]
pub struct HandleSlot(Arc<Resources>);

impl Drop for HandleSlot {
    fn drop(&mut self) {
        self.0.handles.fetch_sub(1, Ordering::AcqRel);
    }
}

/// `EMFILE: too many open files, <syscall> '<path>'`, as Node reports the OS limit.
pub fn emfile(syscall: &'static str, path: Option<&str>) -> OpError {
    OpError::io(
        &std::io::Error::from_raw_os_error(libc::EMFILE),
        syscall,
        path,
    )
}

impl Resources {
    /// Apply the caps that were given; `None` leaves that cap as it is (a worker, started with
    /// no limits of its own, keeps the parent's).
    pub fn set_limits(&self, max_handles: Option<usize>, max_children: Option<usize>) {
        if let Some(n) = max_handles {
            self.max_handles.store(n, Ordering::Release);
        }
        if let Some(n) = max_children {
            self.max_children.store(n, Ordering::Release);
        }
    }

    /// Take a handle slot, or `None` when `--max-handles` are already open.
    pub fn handle(self: &Arc<Self>) -> Option<HandleSlot> {
        let max = self.max_handles.load(Ordering::Acquire);
        self.handles
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |n| {
                (n < max).then_some(n + 1)
            })
            .ok()
            .map(|_| HandleSlot(self.clone()))
    }

    /// Record the limits a forked child inherits (see [`Inherited`]).
    pub fn set_inherited(&self, limits: Inherited) {
        *self.inherited.lock().unwrap_or_else(|e| e.into_inner()) = limits;
    }

    /// The limits as `atoll` flags for a forked child, which is another process with its own
    /// counters: it gets the same `--max-handles` and one child fewer, so a chain of forks is
    /// as deep as `--max-children` at most (no fork bomb through grandchildren); the same heap
    /// and wasm limits; and the CPU time and wall time the parent has left (its CPU time is
    /// that of the calling JS thread, measured now), so a fork never outlives the budget.
    pub fn fork_flags(&self) -> Vec<String> {
        let mut out = Vec::new();
        let inh = *self.inherited.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(bytes) = inh.max_heap {
            out.push(format!("--max-heap={bytes}"));
        }
        if let Some(ms) = inh.max_cpu_ms {
            // At least 1 ms: 0 is spent already, and the child stops at its first check.
            out.push(format!(
                "--max-cpu-time={}",
                ms.saturating_sub(thread_cpu_ms()).max(1)
            ));
        }
        if let Some(at) = inh.deadline {
            let left = at.saturating_duration_since(Instant::now()).as_millis();
            out.push(format!("--timeout={}", left.max(1)));
        }
        if let Some(ms) = inh.max_wasm_time_ms {
            out.push(format!("--max-wasm-time={ms}"));
        }
        if let Some(bytes) = inh.max_wasm_memory {
            out.push(format!("--max-wasm-memory={bytes}"));
        }
        let handles = self.max_handles.load(Ordering::Acquire);
        if handles != usize::MAX {
            out.push(format!("--max-handles={handles}"));
        }
        let children = self.max_children.load(Ordering::Acquire);
        if children != usize::MAX {
            out.push(format!("--max-children={}", children.saturating_sub(1)));
        }
        out
    }

    /// Handles open now.
    pub fn handles_open(&self) -> usize {
        self.handles.load(Ordering::Acquire)
    }

    /// Count a child about to start; its slot frees when `exited` is set (the spawn failed, or
    /// the process was reaped). False when `--max-children` are still running.
    pub fn claim_child(&self, exited: &Arc<AtomicBool>) -> bool {
        let mut live = self.children.lock().unwrap_or_else(|e| e.into_inner());
        live.retain(|e| !e.load(Ordering::SeqCst));
        if live.len() >= self.max_children.load(Ordering::Acquire) {
            return false;
        }
        live.push(exited.clone());
        true
    }
}

/// CPU time of the calling thread, in ms (the JS thread's, as `--max-cpu-time` counts it).
pub(crate) fn thread_cpu_ms() -> u64 {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime fills the timespec we own.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    ts.tv_sec as u64 * 1000 + ts.tv_nsec as u64 / 1_000_000
}

/// `EAGAIN` from spawn (what fork(2) returns at RLIMIT_NPROC): Node reports it as the child's
/// 'error' event, `spawn <file> EAGAIN`.
pub fn eagain_spawn() -> OpError {
    OpError::io(
        &std::io::Error::from_raw_os_error(libc::EAGAIN),
        "spawn",
        None,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn handle_slots_are_capped_and_freed_on_drop() {
        let r = Arc::new(Resources::default());
        r.set_limits(Some(2), None);
        let a = r.handle().unwrap();
        let _b = r.handle().unwrap();
        assert!(r.handle().is_none());
        drop(a);
        assert!(r.handle().is_some());
        r.set_limits(None, None); // keeps the cap
        assert_eq!(r.handles_open(), 1);
    }

    #[test]
    fn children_free_their_slot_once_exited() {
        let r = Resources::default();
        r.set_limits(None, Some(1));
        let first = Arc::new(AtomicBool::new(false));
        assert!(r.claim_child(&first));
        assert!(!r.claim_child(&Arc::new(AtomicBool::new(false))));
        first.store(true, Ordering::SeqCst);
        assert!(r.claim_child(&Arc::new(AtomicBool::new(false))));
    }

    #[test]
    fn forked_children_get_the_caps_with_one_child_fewer() {
        let r = Resources::default();
        assert!(r.fork_flags().is_empty());
        r.set_limits(Some(8), Some(2));
        assert_eq!(r.fork_flags(), ["--max-handles=8", "--max-children=1"]);
        r.set_limits(None, Some(0));
        assert_eq!(r.fork_flags(), ["--max-handles=8", "--max-children=0"]);
    }
}
