// Start-up: installs globals and returns the hooks the Rust event loop calls. A tiny script
// should load little beyond this file: heavy globals (Buffer, URL, TextEncoder, ...) are lazy
// getters, `process` (node:process, node:events), the timers (internal/timers.js) and the error
// codes (internal/errors.js) load on first use, and the hooks answer without them until then.
import {
  op_set_error_factory, op_require_builtin, op_take_rejections, op_eval_script,
  op_ipc_take_inherited, op_run_microtasks, op_cwd,
} from 'atoll:ops';

const builtin = (name) => op_require_builtin(name);
const cjs = () => builtin('atoll:internal/cjs');
let errorsNs = null;
const errors = () => (errorsNs ??= builtin('atoll:internal/errors'));
// Printing a fatal error and describing an unhandled rejection (internal/fatal.js): rare, so
// not part of every start-up.
const fatal = () => builtin('atoll:internal/fatal');

// node:process, once anything has loaded it (it registers itself: a static `import` of
// node:process elsewhere loads it too). Until then nobody can have added listeners or set
// process.exitCode, so the exit path can skip it.
let proc = null;
let procEmitExit = null;
export function registerProcess(process, emitExit) {
  proc = process;
  procEmitExit = emitExit;
}
const getProcess = () => proc ?? builtin('node:process').default;
// null until node:process has loaded (node:console writes to the fds directly until then).
export const loadedProcess = () => proc;
// The CommonJS entry module for process.mainModule, set once it has run: held here for
// node:process to pick up when it loads, so an entry that never touches process never loads it.
let pendingMainModule;
export function setMainModule(module) {
  if (proc !== null) proc.mainModule = module;
  else pendingMainModule = module;
}
export const takeMainModule = () => pendingMainModule;

// internal/timers.js, once loaded (it registers itself; process.js imports it): before that no
// timer, immediate or tick can exist.
let timers = null;
export function registerTimers(api) { timers = api; }
const loadTimers = () => timers ?? (builtin('atoll:internal/timers'), timers);

// Ops report errors as plain fields; errors.js makes the Node-shaped error. It loads on the
// first op error, which hands the ops its factory directly from then on.
function makeOpError(fields) {
  const make = errors().makeOpError;
  op_set_error_factory(make);
  return make(fields);
}

// Timers, immediates and queueMicrotask, enumerable data properties as in Node. They are
// defined here (node:timers exports these same functions) so that internal/timers.js loads
// only once a timer exists; clearing before then has nothing to clear.
function callbackError(value) {
  return new (errors().codes.ERR_INVALID_ARG_TYPE)('callback', 'function', value);
}
export { callbackError };

export function setTimeout(callback, after, ...args) {
  if (typeof callback !== 'function') throw callbackError(callback);
  return new (loadTimers().Timeout)(callback, after, args, false);
}
export function setInterval(callback, repeat, ...args) {
  if (typeof callback !== 'function') throw callbackError(callback);
  return new (loadTimers().Timeout)(callback, repeat, args, true);
}
export function clearTimeout(timer) {
  if (timers !== null) timers.clearTimer(timer);
}
export function clearInterval(timer) {
  if (timers !== null) timers.clearTimer(timer);
}
export function setImmediate(callback, ...args) {
  if (typeof callback !== 'function') throw callbackError(callback);
  return loadTimers().addImmediate(callback, args);
}
export function clearImmediate(immediate) {
  if (timers !== null) timers.clearImmediate(immediate);
}
function queueMicrotask(callback) {
  if (typeof callback !== 'function') {
    throw new (errors().codes.ERR_INVALID_ARG_TYPE)('callback', 'Function', callback);
  }
  // A throwing microtask is an uncaught exception, not a rejection.
  Promise.resolve().then(() => {
    try { callback(); } catch (err) { handleUncaught(err); }
  });
}

// `process` is an accessor, as in Node: reading it loads node:process; assigning replaces
// what the global answers (not the real process the runtime uses).
let globalProcess = null;
let processAssigned = false;

function installGlobals() {
  const enumerable = (name, value) => {
    Object.defineProperty(globalThis, name, { value, writable: true, configurable: true, enumerable: true });
  };
  enumerable('global', globalThis);
  Object.defineProperty(globalThis, 'process', {
    get() { return processAssigned ? globalProcess : getProcess(); },
    set(value) { processAssigned = true; globalProcess = value; },
    enumerable: false,
    configurable: true,
  });
  enumerable('clearImmediate', clearImmediate);
  enumerable('setImmediate', setImmediate);
  enumerable('clearInterval', clearInterval);
  enumerable('clearTimeout', clearTimeout);
  enumerable('setInterval', setInterval);
  enumerable('setTimeout', setTimeout);
  enumerable('queueMicrotask', queueMicrotask);
  // Buffer, URL, fetch and the other lazy globals are native accessors (engine/globals.rs).
}

// ---- uncaught exceptions and unhandled rejections ----
let handlingFatal = false;

function printFatal(err) {
  fatal().printFatal(err, getProcess().version);
}

function describe(err) {
  return fatal().describe(err);
}

function isOutOfMemory(err) {
  return typeof InternalError === 'function' && err instanceof InternalError && err.message === 'out of memory';
}

// A global that is `load()`ed on first access (then becomes a plain data property), or that is
// replaced by assignment.
function defineLazy(name, load) {
  const become = (value) => {
    Object.defineProperty(globalThis, name, { value, writable: true, configurable: true, enumerable: false });
    return value;
  };
  Object.defineProperty(globalThis, name, {
    configurable: true,
    enumerable: false,
    get() { return become(load()); },
    set: become,
  });
}

// `-e`, `-p` and embedded expressions run as scripts with CommonJS-style globals.
function installEvalGlobals(name) {
  // The CommonJS loader loads on first use of these globals (embedded expressions rarely need it).
  let m;
  const evalModule = () => {
    if (!m) {
      const { Module } = cjs();
      m = new Module(name, null);
      // process.cwd() is op_cwd(): node:process need not load for `require` (unless it has,
      // and its cwd may have been replaced).
      const cwd = proc !== null ? proc.cwd() : op_cwd();
      m.filename = `${cwd}/${name}`;
      m.paths = Module._nodeModulePaths(cwd);
    }
    return m;
  };
  defineLazy('require', () => cjs().makeRequire(evalModule()));
  defineLazy('module', evalModule);
  defineLazy('exports', () => evalModule().exports);
  Object.defineProperty(globalThis, '__filename', { value: name, writable: true, configurable: true, enumerable: false });
  Object.defineProperty(globalThis, '__dirname', { value: '.', writable: true, configurable: true, enumerable: false });
}

export function handleUncaught(err, origin = 'uncaughtException') {
  // Heap exhaustion is the runtime's to report (exit 134), not a script error to handle.
  if (isOutOfMemory(err)) throw err;
  if (!handlingFatal && proc !== null && proc.listenerCount('uncaughtException') > 0) {
    handlingFatal = true;
    try {
      proc.emit('uncaughtException', err, origin);
    } catch (again) {
      handlingFatal = false;
      return die(again);
    }
    handlingFatal = false;
    return;
  }
  die(err);
}

function die(err) {
  printFatal(err);
  const process = getProcess();
  process.exitCode = 1;
  try { procEmitExit(); } catch { /* an 'exit' listener threw; exiting anyway */ }
  process.reallyExit(1);
}

const pendingRejections = new Map(); // promise -> reason

// After microtasks drained: report rejections still unhandled. Returns true if it ran code.
export function processRejections() {
  const events = op_take_rejections();
  for (const [promise, reason, handled] of events) {
    if (!handled) {
      pendingRejections.set(promise, reason);
    } else if (pendingRejections.has(promise)) {
      pendingRejections.delete(promise);
    } else if (proc !== null) {
      proc.emit('rejectionHandled', promise);
    }
  }
  if (pendingRejections.size === 0) return false;
  const list = [...pendingRejections];
  pendingRejections.clear();
  for (const [promise, reason] of list) {
    if (proc !== null && proc.listenerCount('unhandledRejection') > 0) {
      try {
        proc.emit('unhandledRejection', reason, promise);
      } catch (err) {
        handleUncaught(err);
      }
    } else {
      handleUncaught(fatal().unhandledRejectionError(reason), 'unhandledRejection');
    }
  }
  return true;
}

// Node's processTicksAndRejections (internal/timers.js runTicks) once the timers exist; before
// that, only microtasks and the rejections they leave. A microtask or rejection handler that
// loads the timers (process.nextTick) hands the rest to them.
function runTicks() {
  for (;;) {
    if (timers !== null) return timers.runTicks();
    if (!(op_run_microtasks() && processRejections()) && timers === null) return;
  }
}

// The settled value of an embedded expression (Main::Expression).
let result;

export function bootstrap() {
  op_set_error_factory(makeOpError);
  installGlobals();
  // A child started by fork() (or with a stdio 'ipc' entry) talks to its parent from the start.
  const channel = op_ipc_take_inherited();
  if (channel !== null) builtin('atoll:internal/child_process/ipc').setupChildChannel(channel);
  return {
    runMain(filename) {
      try {
        cjs().runMain(filename, (err) => handleUncaught(err));
      } catch (err) {
        handleUncaught(err);
      }
    },
    runServe(filename, host, port) {
      try {
        builtin('atoll:internal/web/serve').serve(filename, host, port, (err) => handleUncaught(err));
      } catch (err) {
        handleUncaught(err);
      }
    },
    runEval(source, print) {
      installEvalGlobals('[eval]');
      try {
        const result = op_eval_script(source, '[eval]');
        if (print) globalThis.console.log(result);
      } catch (err) {
        handleUncaught(err);
      }
    },
    runExpression(source) {
      installEvalGlobals('[embed]');
      result = { pending: true };
      try {
        Promise.resolve(op_eval_script(source, '[embed]')).then(
          (value) => { result = { value }; },
          (error) => {
            if (isOutOfMemory(error)) throw error;
            result = { error };
          },
        );
      } catch (error) {
        if (isOutOfMemory(error)) throw error;
        result = { error };
      }
    },
    takeResult() {
      if (!result || result.pending) return { error: 'the result promise never settled' };
      if ('error' in result) return { error: describe(result.error) };
      const { value } = result;
      if (value instanceof Uint8Array) return { bytes: value };
      return { json: JSON.stringify(value) ?? 'null' };
    },
    runTicks,
    // Until internal/timers.js loads there are no timers, immediates or ticks.
    runTimers() { return timers === null ? -1 : timers.runTimers(); },
    runImmediates() { if (timers !== null) timers.runImmediates(); },
    hasImmediates() { return timers !== null && timers.hasImmediates(); },
    hasRefs() { return timers !== null && timers.hasRefs(); },
    emitBeforeExit() {
      // Nobody can listen for 'beforeExit' before node:process is loaded.
      if (proc === null) return;
      try {
        proc.emit('beforeExit', proc.exitCode ?? 0);
      } catch (err) {
        handleUncaught(err);
      }
      runTicks();
    },
    emitExit() {
      // Without node:process, no 'exit' listener or process.exitCode can exist.
      if (proc === null) return 0;
      try {
        return procEmitExit();
      } catch (err) {
        printFatal(err);
        return 7;
      }
    },
    handleUncaught,
  };
}
