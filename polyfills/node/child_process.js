// node:child_process — spawn, exec, execFile, fork and the *Sync forms (Node 20 API, argument
// validation and error codes) over the op_cp_* ops (tokio::process in runtime/src/ops).
//
// Capabilities. A sandboxed program's children never get more than its own grants:
// - Every spawn needs `--allow-run`: without it spawn/exec/execFile/*Sync throw ERR_ACCESS_DENIED
//   (permission 'ChildProcess', resource: the program, message naming --allow-run=<program>).
//   `--allow-run=PROGRAMS` allows only programs that resolve to the same file as a listed entry:
//   a bare name (`echo`) is found on the host PATH, an entry with a slash is a path; both sides
//   are canonicalized, so a different file named `echo` is refused and a child PATH cannot
//   redirect a granted name. With `shell: true` the program is `/bin/sh` (or the given shell),
//   so the grant needed is `sh`: allowing a shell allows whatever it runs, a user's choice to make
//   explicitly.
// - A child runs outside the sandbox with the OS rights of this process: `--allow-run=prog` is the
//   user's explicit decision to trust `prog`. What atoll controls is what it hands over: the
//   child's environment defaults to the *granted* view of process.env (ungranted variables are
//   never passed on), and its cwd to process.cwd().
// - fork(modulePath) runs this atoll binary on modulePath with the parent's grants rebuilt as
//   --allow-*/--deny-* flags, so the child atoll inherits exactly the parent's grants (it needs no
//   --allow-run). Not inherited: --max-heap/--max-cpu-time/--timeout, execArgv. The IPC channel
//   (send/'message'/disconnect, internal/child_process/ipc.js) is a socketpair whose child end
//   the child atoll finds in ATOLL_CHANNEL_FD; serialization 'json' (Node's wire format) or
//   'advanced' (structured clone, atoll to atoll). Handles cannot be sent (ERR_NOT_IMPLEMENTED).
import { op_cp_spawn_sync } from 'atoll:ops';
import process from 'node:process';
import { Buffer } from 'node:buffer';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { codes, AbortError, getSystemErrorName } from '../internal/errors.js';
import {
  validateString, validateObject, validateBoolean, validateFunction, validateArray,
  validateAbortSignal, isInt32,
} from '../internal/validators.js';
import {
  ChildProcess, kFork, convertToValidSignal, getValidStdio, signalName, validateInput,
} from '../internal/child_process/child.js';
import { _errnoException } from 'node:util';

const {
  ERR_INVALID_ARG_TYPE, ERR_INVALID_ARG_VALUE, ERR_OUT_OF_RANGE, ERR_CHILD_PROCESS_STDIO_MAXBUFFER,
  ERR_CHILD_PROCESS_IPC_REQUIRED,
} = codes;

const MAX_BUFFER = 1024 * 1024;

function validateArgumentNullCheck(arg, name) {
  if (typeof arg === 'string' && arg.includes('\u0000')) {
    throw new ERR_INVALID_ARG_VALUE(name, arg, 'must be a string without null bytes');
  }
}

function validateArgumentsNullCheck(args, name) {
  for (let i = 0; i < args.length; i++) validateArgumentNullCheck(args[i], `${name}[${i}]`);
}

function validateTimeout(timeout) {
  if (timeout != null && !(Number.isInteger(timeout) && timeout >= 0)) {
    throw new ERR_OUT_OF_RANGE('timeout', 'an unsigned integer', timeout);
  }
}

function validateMaxBuffer(maxBuffer) {
  if (maxBuffer != null && !(typeof maxBuffer === 'number' && maxBuffer >= 0)) {
    throw new ERR_OUT_OF_RANGE('options.maxBuffer', 'a positive number', maxBuffer);
  }
}

function sanitizeKillSignal(killSignal) {
  if (typeof killSignal === 'string' || typeof killSignal === 'number') return convertToValidSignal(killSignal);
  if (killSignal != null) throw new ERR_INVALID_ARG_TYPE('options.killSignal', ['string', 'number'], killSignal);
  return undefined;
}

function validatedCwd(cwd) {
  if (cwd instanceof URL) return fileURLToPath(cwd);
  if (Buffer.isBuffer(cwd)) return cwd.toString();
  if (typeof cwd !== 'string') throw new ERR_INVALID_ARG_TYPE('options.cwd', ['string', 'Buffer', 'URL'], cwd);
  validateArgumentNullCheck(cwd, 'options.cwd');
  return cwd;
}

function normalizeSpawnArguments(file, args, options) {
  validateString(file, 'file');
  validateArgumentNullCheck(file, 'file');
  if (file.length === 0) throw new ERR_INVALID_ARG_VALUE('file', file, 'cannot be empty');
  if (Array.isArray(args)) {
    args = args.slice();
  } else if (args == null) {
    args = [];
  } else if (typeof args !== 'object') {
    throw new ERR_INVALID_ARG_TYPE('args', 'object', args);
  } else {
    options = args;
    args = [];
  }
  validateArgumentsNullCheck(args, 'args');
  if (options === undefined) options = {};
  else validateObject(options, 'options');
  let cwd = options.cwd;
  if (cwd != null) cwd = validatedCwd(cwd);
  if (options.detached != null) validateBoolean(options.detached, 'options.detached');
  if (options.uid != null && !isInt32(options.uid)) throw new ERR_INVALID_ARG_TYPE('options.uid', 'int32', options.uid);
  if (options.gid != null && !isInt32(options.gid)) throw new ERR_INVALID_ARG_TYPE('options.gid', 'int32', options.gid);
  if (options.shell != null && typeof options.shell !== 'boolean' && typeof options.shell !== 'string') {
    throw new ERR_INVALID_ARG_TYPE('options.shell', ['boolean', 'string'], options.shell);
  }
  if (options.argv0 != null) {
    validateString(options.argv0, 'options.argv0');
    validateArgumentNullCheck(options.argv0, 'options.argv0');
  }
  if (options.windowsHide != null) validateBoolean(options.windowsHide, 'options.windowsHide');
  if (options.shell) {
    validateArgumentNullCheck(options.shell, 'options.shell');
    const command = [file, ...args].join(' ');
    file = typeof options.shell === 'string' ? options.shell : '/bin/sh';
    args = ['-c', command];
  }
  args.unshift(typeof options.argv0 === 'string' ? options.argv0 : file);
  // Default: the script's view of the environment, i.e. only --allow-env'd variables.
  const env = options.env || process.env;
  const envPairs = [];
  // eslint-disable-next-line guard-for-in
  for (const key in env) {
    const value = env[key];
    if (value !== undefined) {
      validateArgumentNullCheck(key, `options.env['${key}']`);
      validateArgumentNullCheck(value, `options.env['${key}']`);
      envPairs.push(`${key}=${value}`);
    }
  }
  return {
    ...options, args, cwd, detached: !!options.detached, envPairs, file,
    windowsHide: !!options.windowsHide, windowsVerbatimArguments: !!options.windowsVerbatimArguments,
  };
}

function abortChildProcess(child, killSignal, reason) {
  if (!child) return;
  try {
    if (child.kill(killSignal)) child.emit('error', new AbortError(undefined, { cause: reason }));
  } catch (err) {
    child.emit('error', err);
  }
}

export function spawn(file, args, options) {
  options = normalizeSpawnArguments(file, args, options);
  return spawnNormalized(options);
}

function spawnNormalized(options) {
  validateTimeout(options.timeout);
  validateAbortSignal(options.signal, 'options.signal');
  const killSignal = sanitizeKillSignal(options.killSignal);
  const child = new ChildProcess();
  child.spawn(options);
  if (options.timeout > 0) {
    let timeoutId = setTimeout(() => {
      if (timeoutId) {
        try { child.kill(killSignal); } catch (err) { child.emit('error', err); }
        timeoutId = null;
      }
    }, options.timeout);
    child.once('exit', () => {
      if (timeoutId) { clearTimeout(timeoutId); timeoutId = null; }
    });
  }
  if (options.signal) {
    const signal = options.signal;
    const onAbort = () => abortChildProcess(child, killSignal, signal.reason);
    if (signal.aborted) {
      process.nextTick(onAbort);
    } else {
      signal.addEventListener('abort', onAbort, { once: true });
      child.once('exit', () => signal.removeEventListener('abort', onAbort));
    }
  }
  return child;
}

function normalizeExecFileArgs(file, args, options, callback) {
  if (Array.isArray(args)) {
    args = args.slice();
  } else if (args != null && typeof args === 'object') {
    callback = options;
    options = args;
    args = null;
  } else if (typeof args === 'function') {
    callback = args;
    options = null;
    args = null;
  }
  if (args == null) args = [];
  if (typeof options === 'function') callback = options;
  else if (options != null) validateObject(options, 'options');
  if (options == null || typeof options === 'function') options = {};
  if (callback != null) validateFunction(callback, 'callback');
  if (options.argv0 != null) {
    validateString(options.argv0, 'options.argv0');
    validateArgumentNullCheck(options.argv0, 'options.argv0');
  }
  return { file, args, options, callback };
}

function normalizeExecArgs(command, options, callback) {
  validateString(command, 'command');
  validateArgumentNullCheck(command, 'command');
  if (typeof options === 'function') {
    callback = options;
    options = undefined;
  }
  options = { ...options };
  options.shell = typeof options.shell === 'string' ? options.shell : true;
  return { file: command, options, callback };
}

function isStringEncoding(encoding) {
  return typeof encoding === 'string' && encoding !== 'buffer' && Buffer.isEncoding(encoding);
}

export function execFile(file, args, options, callback) {
  ({ file, args, options, callback } = normalizeExecFileArgs(file, args, options, callback));
  options = {
    encoding: 'utf8', timeout: 0, maxBuffer: MAX_BUFFER, killSignal: 'SIGTERM', cwd: null, env: null,
    shell: false, ...options,
  };
  validateTimeout(options.timeout);
  validateMaxBuffer(options.maxBuffer);
  options.killSignal = sanitizeKillSignal(options.killSignal);
  const child = spawn(file, args, {
    cwd: options.cwd, env: options.env, gid: options.gid, shell: options.shell, signal: options.signal,
    uid: options.uid, windowsHide: !!options.windowsHide, argv0: options.argv0,
    windowsVerbatimArguments: !!options.windowsVerbatimArguments,
  });
  const encoding = isStringEncoding(options.encoding) ? options.encoding : null;
  const _stdout = [];
  const _stderr = [];
  let stdoutLen = 0;
  let stderrLen = 0;
  let killed = false;
  let exited = false;
  let timeoutId;
  let ex = null;
  let cmd = file;

  function exithandler(code, signal) {
    if (exited) return;
    exited = true;
    if (timeoutId) { clearTimeout(timeoutId); timeoutId = null; }
    if (!callback) return;
    let stdout;
    let stderr;
    if (encoding) {
      stdout = _stdout.join('');
      stderr = _stderr.join('');
    } else {
      stdout = Buffer.concat(_stdout);
      stderr = Buffer.concat(_stderr);
    }
    if (!ex && code === 0 && signal === null) {
      callback(null, stdout, stderr);
      return;
    }
    if (args.length !== 0) cmd += ` ${args.join(' ')}`;
    if (!ex) {
      ex = new Error(`Command failed: ${cmd}\n${stderr}`);
      ex.code = code < 0 ? getSystemErrorName(code) : code;
      ex.killed = child.killed || killed;
      ex.signal = signal;
    }
    ex.cmd = cmd;
    callback(ex, stdout, stderr);
  }

  function errorhandler(e) {
    ex = e;
    if (child.stdout) child.stdout.destroy();
    if (child.stderr) child.stderr.destroy();
    exithandler();
  }

  function kill() {
    if (child.stdout) child.stdout.destroy();
    if (child.stderr) child.stderr.destroy();
    killed = true;
    try {
      child.kill(options.killSignal);
    } catch (e) {
      ex = e;
      exithandler();
    }
  }

  if (options.timeout > 0) {
    timeoutId = setTimeout(() => { kill(); timeoutId = null; }, options.timeout);
  }

  const collect = (stream, chunks, kind) => {
    if (!stream) return;
    if (encoding) stream.setEncoding(encoding);
    stream.on('data', (chunk) => {
      const length = encoding ? Buffer.byteLength(chunk, encoding) : chunk.length;
      const total = (kind === 'stdout' ? (stdoutLen += length) : (stderrLen += length));
      if (total > options.maxBuffer) {
        const truncatedLen = options.maxBuffer - (total - length);
        chunks.push(chunk.slice(0, truncatedLen));
        ex = new ERR_CHILD_PROCESS_STDIO_MAXBUFFER(kind);
        kill();
      } else {
        chunks.push(chunk);
      }
    });
  };
  collect(child.stdout, _stdout, 'stdout');
  collect(child.stderr, _stderr, 'stderr');
  child.addListener('close', exithandler);
  child.addListener('error', errorhandler);
  return child;
}

// util.promisify(execFile/exec): resolves { stdout, stderr }; the rejection carries them too.
function customPromisify(orig) {
  return function promisified(...args) {
    let resolve;
    let reject;
    const promise = new Promise((res, rej) => { resolve = res; reject = rej; });
    promise.child = orig(...args, (err, stdout, stderr) => {
      if (err !== null) {
        err.stdout = stdout;
        err.stderr = stderr;
        reject(err);
      } else {
        resolve({ stdout, stderr });
      }
    });
    return promise;
  };
}

Object.defineProperty(execFile, promisify.custom, {
  enumerable: false, configurable: true, writable: false, value: customPromisify(execFile),
});

export function exec(command, options, callback) {
  const opts = normalizeExecArgs(command, options, callback);
  return execFile(opts.file, opts.options, opts.callback);
}

Object.defineProperty(exec, promisify.custom, {
  enumerable: false, configurable: true, writable: false, value: customPromisify(exec),
});

function stdioStringToArray(stdio, channel) {
  const options = [];
  switch (stdio) {
    case 'ignore':
    case 'overlapped':
    case 'pipe': options.push(stdio, stdio, stdio); break;
    case 'inherit': options.push(0, 1, 2); break;
    default: throw new ERR_INVALID_ARG_VALUE('stdio', stdio);
  }
  if (channel) options.push(channel);
  return options;
}

export function fork(modulePath, args, options) {
  if (modulePath instanceof URL) modulePath = fileURLToPath(modulePath);
  validateString(modulePath, 'modulePath');
  validateArgumentNullCheck(modulePath, 'modulePath');
  if (args == null) {
    args = [];
  } else if (typeof args === 'object' && !Array.isArray(args)) {
    options = args;
    args = [];
  } else {
    validateArray(args, 'args');
  }
  if (options != null) validateObject(options, 'options');
  options = { ...options, shell: false };
  // Leave stdin open for the IPC channel; stdout and stderr are the parent's unless silent.
  if (typeof options.stdio === 'string') {
    options.stdio = stdioStringToArray(options.stdio, 'ipc');
  } else if (!Array.isArray(options.stdio)) {
    options.stdio = stdioStringToArray(options.silent ? 'pipe' : 'inherit', 'ipc');
  } else if (!options.stdio.includes('ipc')) {
    throw new ERR_CHILD_PROCESS_IPC_REQUIRED('options.stdio');
  }
  const execPath = options.execPath || process.execPath;
  if (execPath !== process.execPath) {
    // Another runtime is just a program: the usual --allow-run rules apply.
    return spawn(execPath, [...(options.execArgv ?? []), modulePath, ...args], options);
  }
  const normalized = normalizeSpawnArguments(modulePath, args, options);
  normalized[kFork] = true;
  return spawnNormalized(normalized);
}

function spawnSyncResult(options, res) {
  const encoding = isStringEncoding(options.encoding) ? options.encoding : null;
  const result = { status: null, signal: null, output: null, pid: res.pid ?? 0, stdout: null, stderr: null };
  if (res.code !== undefined || res.signal !== undefined) {
    const wrap = (b) => {
      if (b === null || b === undefined) return null;
      const buf = Buffer.from(b.buffer, b.byteOffset, b.byteLength);
      return encoding ? buf.toString(encoding) : buf;
    };
    result.output = [null, wrap(res.stdout), wrap(res.stderr)];
    [, result.stdout, result.stderr] = result.output;
    result.status = res.code ?? null;
    result.signal = res.signal !== null && res.signal !== undefined ? signalName(res.signal) : null;
  }
  if (res.error) {
    const err = _errnoException(res.error.errno, `spawnSync ${options.file}`);
    err.path = options.file;
    err.spawnargs = options.args.slice(1);
    result.error = err;
  }
  return result;
}

export function spawnSync(file, args, options) {
  options = { maxBuffer: MAX_BUFFER, ...normalizeSpawnArguments(file, args, options) };
  validateTimeout(options.timeout);
  validateMaxBuffer(options.maxBuffer);
  options.killSignal = sanitizeKillSignal(options.killSignal);
  const { stdio } = getValidStdio(options.stdio || 'pipe', true);
  let input = options.input;
  if (input !== undefined && input !== null) {
    validateInput(input, 'options.stdio[0]');
    if (typeof input === 'string') input = Buffer.from(input, isStringEncoding(options.encoding) ? options.encoding : 'utf8');
  }
  const req = {
    file: options.file,
    args: options.args.slice(1),
    argv0: options.args[0],
    cwd: options.cwd ?? undefined,
    envPairs: options.envPairs,
    stdio,
    detached: options.detached,
    uid: options.uid ?? undefined,
    gid: options.gid ?? undefined,
  };
  const res = op_cp_spawn_sync(req, {
    input: input ?? undefined,
    timeout: options.timeout ?? undefined,
    killSignal: options.killSignal ?? 15,
    maxBuffer: options.maxBuffer === Infinity ? undefined : options.maxBuffer,
  });
  return spawnSyncResult(options, res);
}

function checkExecSyncError(ret, args, cmd) {
  let err;
  if (ret.error) {
    err = ret.error;
    Object.assign(err, ret);
  } else if (ret.status !== 0) {
    let msg = 'Command failed: ';
    msg += cmd || args.join(' ');
    if (ret.stderr && ret.stderr.length > 0) msg += `\n${ret.stderr.toString()}`;
    err = Object.assign(new Error(msg), ret);
  }
  return err;
}

export function execFileSync(file, args, options) {
  ({ file, args, options } = normalizeExecFileArgs(file, args, options));
  const inheritStderr = !options.stdio;
  const ret = spawnSync(file, args, options);
  if (inheritStderr && ret.stderr) process.stderr.write(ret.stderr);
  const errArgs = [options.argv0 || file, ...args];
  const err = checkExecSyncError(ret, errArgs);
  if (err) throw err;
  return ret.stdout;
}

export function execSync(command, options) {
  const opts = normalizeExecArgs(command, options, null);
  const inheritStderr = !opts.options.stdio;
  const ret = spawnSync(opts.file, opts.options);
  if (inheritStderr && ret.stderr) process.stderr.write(ret.stderr);
  const err = checkExecSyncError(ret, undefined, command);
  if (err) throw err;
  return ret.stdout;
}

export { ChildProcess };

export default {
  ChildProcess, spawn, spawnSync, exec, execSync, execFile, execFileSync, fork,
};
