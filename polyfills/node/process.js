// The `process` object: facts from the runtime, env filtered by --allow-env, exit handling,
// stdio, signals and warnings.
import EventEmitter from 'node:events';
import {
  op_process_info, op_process_exit, op_cwd, op_chdir, op_env_get, op_env_keys, op_hrtime,
  op_now, op_memory_usage, op_kill, op_signal_listen, op_signal_unlisten, op_stdio_write,
  op_isatty, op_require_builtin,
} from 'atoll:ops';
import { nextTick } from '../internal/timers.js';
import { codes } from '../internal/errors.js';
import { validateString } from '../internal/validators.js';
import { registerProcess, takeMainModule } from '../internal/bootstrap.js';

const { ERR_INVALID_ARG_TYPE, ERR_UNKNOWN_SIGNAL, ERR_OUT_OF_RANGE } = codes;

// The Node version whose API atoll follows.
const NODE_VERSION = 'v20.20.2';

const info = op_process_info();
const process = new EventEmitter();
Object.defineProperty(process, Symbol.toStringTag, { value: 'process', configurable: true });

process.title = 'atoll';
process.version = NODE_VERSION;
process.versions = {
  node: NODE_VERSION.slice(1),
  atoll: info.atollVersion,
  quickjs: 'quickjs-ng',
  modules: '115',
};
process.release = { name: 'node', lts: 'Iron' };
process.platform = info.platform;
process.arch = info.arch;
process.pid = info.pid;
process.ppid = info.ppid;
process.execPath = info.execPath;
process.argv = info.argv;
process.argv0 = 'atoll';
process.execArgv = [];
process.exitCode = undefined;
process.config = { variables: {} };
process.features = { inspector: false, ipv6: true, tls: false, typescript: false };

// ---- environment: only granted names exist; writes stay inside this process ----
const envOverlay = new Map(); // name -> string, or undefined for deleted
process.env = new Proxy(Object.create(null), {
  get(_, name) {
    if (typeof name !== 'string') return undefined;
    if (envOverlay.has(name)) return envOverlay.get(name);
    return op_env_get(name) ?? undefined;
  },
  set(_, name, value) {
    if (typeof name !== 'string') return false;
    envOverlay.set(name, String(value));
    return true;
  },
  deleteProperty(_, name) {
    if (typeof name === 'string') envOverlay.set(name, undefined);
    return true;
  },
  has(_, name) {
    if (typeof name !== 'string') return false;
    if (envOverlay.has(name)) return envOverlay.get(name) !== undefined;
    return op_env_get(name) !== undefined;
  },
  ownKeys() {
    const keys = new Set(op_env_keys());
    for (const [k, v] of envOverlay) { if (v === undefined) keys.delete(k); else keys.add(k); }
    return [...keys];
  },
  getOwnPropertyDescriptor(target, name) {
    const value = this.get(target, name);
    if (value === undefined) return undefined;
    return { value, writable: true, enumerable: true, configurable: true };
  },
  defineProperty(_, name, desc) {
    envOverlay.set(name, String(desc.value));
    return true;
  },
});

process.cwd = function cwd() { return op_cwd(); };
process.chdir = function chdir(directory) {
  validateString(directory, 'directory');
  op_chdir(directory);
};
process.uptime = function uptime() { return op_now() / 1000; };

function hrtime(previous) {
  const [s, ns] = op_hrtime();
  if (previous !== undefined) {
    if (!Array.isArray(previous)) throw new ERR_INVALID_ARG_TYPE('time', 'an instance of Array', previous);
    if (previous.length !== 2) throw new ERR_OUT_OF_RANGE('time', 2, previous.length);
    let ds = s - previous[0];
    let dns = ns - previous[1];
    if (dns < 0) { ds -= 1; dns += 1e9; }
    return [ds, dns];
  }
  return [s, ns];
}
hrtime.bigint = function bigint() {
  const [s, ns] = op_hrtime();
  return BigInt(s) * 1000000000n + BigInt(ns);
};
process.hrtime = hrtime;

process.memoryUsage = function memoryUsage() { return op_memory_usage(); };
process.memoryUsage.rss = function rss() { return op_memory_usage().rss; };

process.nextTick = nextTick;

// ---- exit ----
let exiting = false;
Object.defineProperty(process, '_exiting', { get: () => exiting, enumerable: false });

// Emit 'exit' once; returns the code to exit with.
export function emitExit(code) {
  if (!exiting) {
    exiting = true;
    if (code !== undefined) process.exitCode = code;
    process.emit('exit', process.exitCode ?? 0);
  }
  return toExitCode(process.exitCode ?? 0);
}

function toExitCode(code) {
  const n = Number(code);
  return Number.isInteger(n) ? n & 0xff : 1;
}

process.exit = function exit(code) {
  if (code !== undefined && code !== null) {
    if (typeof code !== 'number' && !(typeof code === 'string' && /^\s*-?\d+\s*$/.test(code))) {
      throw new ERR_INVALID_ARG_TYPE('code', 'number', code);
    }
    process.exitCode = code;
  }
  const final = emitExit();
  op_process_exit(final);
};
process.reallyExit = function reallyExit(code) { op_process_exit(toExitCode(code ?? 0)); };
process.abort = function abort() { op_process_exit(134); };

// ---- signals ----
const SIGNALS = {
  SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGKILL: 9, SIGUSR1: 10, SIGUSR2: 12, SIGPIPE: 13,
  SIGALRM: 14, SIGTERM: 15, SIGCHLD: 17, SIGCONT: 18, SIGSTOP: 19, SIGTSTP: 20, SIGWINCH: 28,
};
const signalListeners = new Map(); // name -> native listener id

process.on('newListener', (name) => {
  if (typeof name === 'string' && name in SIGNALS && !signalListeners.has(name)) {
    const id = op_signal_listen(name, () => {
      // With no JS listener left the signal keeps its default meaning: terminate.
      if (process.listenerCount(name) === 0) op_process_exit(128 + SIGNALS[name]);
      process.emit(name, name, SIGNALS[name]);
    });
    signalListeners.set(name, id);
  }
});

process.kill = function kill(pid, sig = 'SIGTERM') {
  if (typeof pid !== 'number' || !Number.isInteger(pid)) throw new ERR_INVALID_ARG_TYPE('pid', 'number', pid);
  if (typeof sig === 'string' && !(sig in SIGNALS)) throw new ERR_UNKNOWN_SIGNAL(sig);
  op_kill(pid, typeof sig === 'number' ? sig : sig);
  return true;
};

// ---- warnings ----
const warned = new Set();
process.emitWarning = function emitWarning(warning, type, code, ctor) {
  let detail;
  if (type !== null && typeof type === 'object' && !Array.isArray(type)) {
    ({ type = 'Warning', code, detail } = type);
  } else if (typeof type === 'function') {
    type = 'Warning';
  }
  if (typeof code === 'function') code = undefined;
  type ??= 'Warning';
  if (typeof warning === 'string') {
    const w = new Error(warning);
    w.name = String(type);
    if (code !== undefined) w.code = code;
    if (detail !== undefined) w.detail = detail;
    warning = w;
  } else if (!(warning instanceof Error)) {
    throw new ERR_INVALID_ARG_TYPE('warning', ['Error', 'string'], warning);
  }
  if (warning.name === 'DeprecationWarning' && process.noDeprecation) return;
  nextTick(() => {
    process.emit('warning', warning);
  });
};
process.on('warning', (warning) => {
  // Node prints each warning unless --no-warnings; a listener added by the user adds to that.
  if (process.noProcessWarnings) return;
  const key = `${warning.name}:${warning.code}:${warning.message}`;
  if (warning.name === 'DeprecationWarning' && warned.has(key)) return;
  warned.add(key);
  const code = warning.code ? `[${warning.code}] ` : '';
  let text = `(atoll:${process.pid}) ${code}${warning.name}: ${warning.message}\n`;
  if (warning.detail) text += `${warning.detail}\n`;
  if (!warnedHint) {
    warnedHint = true;
    text += '(Use `atoll --trace-warnings ...` to show where the warning was created)\n';
  }
  op_stdio_write(2, text);
});
let warnedHint = false;

// ---- stdio ----
// process.stdout/stderr are node:stream Writables and process.stdin a Readable, built on first
// use so start-up does not load node:stream. Each is first a cheap shell whose prototype is a
// proxy: the first property access or assignment turns the shell into the real stream in place
// (same object), so `import { stdout } from 'node:process'` can hand out the shell early.
function makeShell(upgrade) {
  const shell = {};
  const lazy = () => { upgrade(shell); return shell; };
  Object.setPrototypeOf(shell, new Proxy(Object.create(null), {
    get: (_, key) => Reflect.get(lazy(), key),
    set: (_, key, value) => Reflect.set(lazy(), key, value),
    has: (_, key) => key in lazy(),
    getPrototypeOf: () => Object.getPrototypeOf(lazy()),
  }));
  return shell;
}

// The stream classes behind them (internal/process_stdio.js), made on the first upgrade.
const streamClasses = () => op_require_builtin('atoll:internal/process_stdio').streamClasses();

function upgradeTo(Ctor, ...args) {
  const state = { done: false };
  state.upgrade = (shell) => {
    if (state.done) return;
    state.done = true;
    Object.setPrototypeOf(shell, Ctor().prototype);
    delete shell.write; // the shell's direct write; the stream's own takes over
    Reflect.apply(Ctor(), shell, args);
  };
  return state;
}

// stdout/stderr shells also carry their own `write` and `isTTY`, so console (created at
// start-up) and plain console.log never build the stream: the first write goes straight to the
// fd; once the stream exists, `write` is the stream's (which keeps that fast path when idle).
function makeStdioShell(fd) {
  const state = upgradeTo(() => streamClasses().StdioWriteStream, fd);
  const shell = makeShell(state.upgrade);
  const own = (key, value) => Object.defineProperty(shell, key, { value, writable: true, configurable: true, enumerable: true });
  own('fd', fd);
  Object.defineProperty(shell, 'isTTY', {
    get() { const v = op_isatty(fd); own('isTTY', v); return v; },
    set(v) { own('isTTY', v); },
    configurable: true,
    enumerable: true,
  });
  Object.defineProperty(shell, 'write', {
    value: function write(chunk, encoding, callback) {
      if (typeof encoding === 'function') { callback = encoding; encoding = undefined; }
      if (typeof chunk === 'string') {
        if (encoding && encoding !== 'utf8' && encoding !== 'utf-8') {
          chunk = op_require_builtin('node:buffer').Buffer.from(chunk, encoding);
        }
      } else if (!(chunk instanceof Uint8Array)) {
        throw new ERR_INVALID_ARG_TYPE('chunk', ['string', 'Buffer', 'Uint8Array'], chunk);
      }
      op_stdio_write(fd, chunk);
      if (typeof callback === 'function') nextTick(callback, null);
      return true;
    },
    writable: true,
    configurable: true,
    enumerable: false,
  });
  return shell;
}

const stdoutShell = makeStdioShell(1);
const stderrShell = makeStdioShell(2);
const stdinShell = makeShell(upgradeTo(() => streamClasses().StdinStream).upgrade);
Object.defineProperty(process, 'stdout', { get: () => stdoutShell, configurable: true, enumerable: true });
Object.defineProperty(process, 'stderr', { get: () => stderrShell, configurable: true, enumerable: true });
Object.defineProperty(process, 'stdin', { get: () => stdinShell, configurable: true, enumerable: true });

process.binding = function binding(name) {
  throw new codes.ERR_NOT_IMPLEMENTED(`process.binding('${name}')`);
};

// The bootstrap's exit, 'beforeExit' and rejection paths use this process once it exists.
// A CommonJS entry that ran before process loaded.
if (takeMainModule() !== undefined) process.mainModule = takeMainModule();
registerProcess(process, emitExit);

export default process;

// `import { argv, env, stdout } from 'node:process'`, as Node's ES module view offers. These are
// the same objects as on `process` (the stdio streams still become real only on first use).
const {
  argv, argv0, arch, chdir, cwd, emitWarning, env, execArgv, execPath, exit, kill, memoryUsage,
  pid, platform, ppid, release, title, uptime, version, versions, features, config,
} = process;
const stdioOut = stdoutShell;
const stdioErr = stderrShell;
const stdioIn = stdinShell;
const processNextTick = process.nextTick;
const on = process.on.bind(process);
const once = process.once.bind(process);
const off = process.off.bind(process);
const emit = process.emit.bind(process);
export {
  argv, argv0, arch, chdir, cwd, emitWarning, env, execArgv, execPath, exit, hrtime, kill,
  memoryUsage, pid, platform, ppid, release, title, uptime, version, versions, features, config,
  stdioOut as stdout, stdioErr as stderr, stdioIn as stdin, processNextTick as nextTick,
  on, once, off, emit,
};
