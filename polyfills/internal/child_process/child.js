// atoll: the ChildProcess object behind node:child_process — a running program with its stdio
// pipes as node:stream Readable/Writable over the op_cp_* ops, and Node's event order:
// 'spawn' (next tick), 'exit' (code, signal), then 'close' once stdout/stderr closed too; a failed
// spawn emits 'error' then 'close' (errno, null) with no 'exit'. A stdio 'ipc' entry adds the
// IPC channel (./ipc.js); its end counts towards 'close' like a pipe.
import {
  op_cp_spawn, op_cp_read, op_cp_write, op_cp_close, op_cp_kill, op_cp_ref, op_cp_exited,
  op_cp_release,
} from 'atoll:ops';
import EventEmitter from 'node:events';
import process from 'node:process';
import { Buffer } from 'node:buffer';
import { Readable, Writable } from 'node:stream';
import { constants as osConstants } from 'node:os';
import { _errnoException } from 'node:util';
import { codes } from '../errors.js';
import { validateObject, validateString } from '../validators.js';
import { setupChannel } from './ipc.js';

const {
  ERR_INVALID_ARG_VALUE, ERR_UNKNOWN_SIGNAL, ERR_NOT_IMPLEMENTED, ERR_INVALID_ARG_TYPE,
  ERR_IPC_ONE_PIPE, ERR_IPC_SYNC_FORK,
} = codes;

export const kFork = Symbol('kFork');

const signals = osConstants.signals;
let signalNames = null;
export function signalName(n) {
  if (signalNames === null) {
    signalNames = new Map();
    for (const [name, num] of Object.entries(signals)) if (!signalNames.has(num)) signalNames.set(num, name);
  }
  return signalNames.get(n) ?? null;
}

export function convertToValidSignal(signal) {
  if (typeof signal === 'number' && signalName(signal)) return signal;
  if (typeof signal === 'string') {
    const n = signals[signal.toUpperCase()];
    if (n) return n;
  }
  throw new ERR_UNKNOWN_SIGNAL(signal);
}

// Node's getValidStdio, reduced to what atoll can connect: 'pipe' | 'inherit' | 'ignore' or one
// of this process's fds 0..2 (a number or a stream with such an `fd`) for each of fds 0..2, and
// one 'ipc' entry past them. Returns { stdio: [3 modes], ipc: index of 'ipc' or undefined }.
export function getValidStdio(stdio, sync) {
  let ipc;
  if (typeof stdio === 'string') {
    if (!['pipe', 'overlapped', 'inherit', 'ignore'].includes(stdio)) throw new ERR_INVALID_ARG_VALUE('stdio', stdio);
    stdio = [stdio, stdio, stdio];
  } else if (!Array.isArray(stdio)) {
    throw new ERR_INVALID_ARG_VALUE('stdio', stdio);
  }
  const out = [];
  for (let i = 0; i < Math.max(3, stdio.length); i++) {
    let s = stdio[i];
    if (s === null || s === undefined) s = i < 3 ? 'pipe' : 'ignore';
    if (s === 'ipc') {
      if (sync) throw new ERR_IPC_SYNC_FORK();
      if (ipc !== undefined) throw new ERR_IPC_ONE_PIPE();
      // The channel's fd number in the child is its own (ATOLL_CHANNEL_FD says which).
      if (i < 3) throw new ERR_NOT_IMPLEMENTED(`stdio[${i}] 'ipc' (the IPC channel goes after fds 0, 1 and 2)`);
      ipc = i;
      continue;
    }
    if (typeof s === 'string') {
      if (!['pipe', 'overlapped', 'inherit', 'ignore'].includes(s)) throw new ERR_INVALID_ARG_VALUE('stdio', s);
      if (s === 'overlapped') s = 'pipe';
    } else if (typeof s === 'number' || (typeof s === 'object' && typeof s.fd === 'number')) {
      const fd = typeof s === 'number' ? s : s.fd;
      if (!(fd >= 0 && fd <= 2)) throw new ERR_NOT_IMPLEMENTED(`stdio fd ${fd} (only 0, 1 and 2)`);
      s = fd === i ? 'inherit' : fd;
    } else {
      throw new ERR_INVALID_ARG_VALUE('stdio', s);
    }
    if (i >= 3) {
      if (s !== 'ignore') throw new ERR_NOT_IMPLEMENTED(`stdio[${i}] (only fds 0, 1 and 2)`);
      continue;
    }
    out.push(s);
  }
  return { stdio: out, ipc };
}

function toBuffer(chunk) {
  return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}

function pipeReader(rid, fd) {
  return new Readable({
    read() {
      op_cp_read(rid, fd).then((chunk) => {
        this.push(chunk === null ? null : toBuffer(chunk));
      }, (err) => this.destroy(err));
    },
    destroy(err, cb) {
      op_cp_close(rid, fd);
      cb(err);
    },
  });
}

function pipeWriter(rid) {
  return new Writable({
    write(chunk, encoding, cb) {
      op_cp_write(rid, chunk).then(() => cb(), cb);
    },
    final(cb) {
      op_cp_close(rid, 0);
      cb();
    },
    destroy(err, cb) {
      op_cp_close(rid, 0);
      cb(err);
    },
  });
}

function deadReader() {
  const r = new Readable({ read() {} });
  return r;
}

function maybeClose(child) {
  child._closesGot++;
  if (child._closesGot === child._closesNeeded) {
    if (child._rid !== undefined) op_cp_release(child._rid);
    child.emit('close', child.exitCode, child.signalCode);
  }
}

function flushStdio(child) {
  for (const stream of [child.stdout, child.stderr]) {
    if (!stream || !stream.readable || stream._readableState.readableListening) continue;
    // Nobody reads it: drain, so 'close' can follow.
    if (stream._readableState.flowing === null) stream.resume();
  }
}

export class ChildProcess extends EventEmitter {
  constructor() {
    super();
    this._closesNeeded = 1;
    this._closesGot = 0;
    this.connected = false;
    this.signalCode = null;
    this.exitCode = null;
    this.killed = false;
    this.spawnfile = null;
    this._handle = null;
    this.stdin = null;
    this.stdout = null;
    this.stderr = null;
    this.stdio = [null, null, null];
  }

  spawn(options) {
    validateObject(options, 'options');
    validateString(options.file, 'options.file');
    const { stdio, ipc } = getValidStdio(options.stdio ?? 'pipe', false);
    const serialization = options.serialization || 'json';
    if (serialization !== 'json' && serialization !== 'advanced') {
      throw new ERR_INVALID_ARG_VALUE('options.serialization', serialization, 'must be "json" or "advanced"');
    }
    const args = options.args ?? [options.file];
    this.spawnfile = options.file;
    this.spawnargs = args;
    const req = {
      file: options.file,
      args: args.slice(1),
      argv0: args[0] ?? options.file,
      cwd: options.cwd ?? undefined,
      envPairs: options.envPairs ?? [],
      stdio,
      detached: !!options.detached,
      uid: options.uid ?? undefined,
      gid: options.gid ?? undefined,
      fork: options[kFork] === true,
      ipc: ipc === undefined ? undefined : serialization,
    };
    const res = op_cp_spawn(req, (status) => this._onExit(status));
    const failed = res.error !== undefined;
    if (!failed) {
      this._rid = res.rid;
      this._listener = res.listener;
      this._handle = { rid: res.rid };
      this.pid = res.pid;
    }
    for (let i = 0; i < 3; i++) {
      if (stdio[i] !== 'pipe') continue;
      let stream;
      if (i === 0) stream = failed ? new Writable({ write(c, e, cb) { cb(); } }) : pipeWriter(res.rid);
      else stream = failed ? deadReader() : pipeReader(res.rid, i);
      if (i > 0) {
        this._closesNeeded++;
        stream.on('close', () => maybeClose(this));
      }
      this.stdio[i] = stream;
    }
    [this.stdin, this.stdout, this.stderr] = this.stdio;
    if (ipc !== undefined) {
      this.stdio[ipc] = null;
      if (!failed) {
        this._closesNeeded++;
        setupChannel(this, res.ipc, serialization, {
          fd: res.ipcFd, refed: true, onClose: () => maybeClose(this),
        });
      }
    }
    if (failed) {
      const err = _errnoException(res.error.errno, `spawn ${this.spawnfile}`);
      err.path = this.spawnfile;
      err.spawnargs = args.slice(1);
      process.nextTick(() => {
        this.exitCode = res.error.errno;
        this.emit('error', err);
        for (const s of this.stdio) if (s) s.destroy();
        maybeClose(this);
      });
      return res.error.errno;
    }
    process.nextTick(() => this.emit('spawn'));
    return 0;
  }

  _onExit({ code, signal }) {
    op_cp_exited(this._rid, this._listener);
    this._handle = null;
    if (signal !== null && signal !== undefined) this.signalCode = signalName(signal) ?? signal;
    else this.exitCode = code;
    if (this.stdin) this.stdin.destroy();
    this.emit('exit', this.exitCode, this.signalCode);
    process.nextTick(flushStdio, this);
    maybeClose(this);
  }

  kill(sig) {
    const signal = sig === 0 ? sig : convertToValidSignal(sig === undefined ? 'SIGTERM' : sig);
    if (this._handle) {
      try {
        if (op_cp_kill(this._rid, signal)) {
          this.killed = true;
          return true;
        }
      } catch (err) {
        this.emit('error', err);
      }
    }
    return false;
  }

  ref() { if (this._handle) op_cp_ref(this._rid, true); }

  unref() { if (this._handle) op_cp_ref(this._rid, false); }

  [Symbol.dispose]() { if (!this.killed) this.kill(); }
}

export function validateInput(input, name) {
  if (typeof input === 'string' || ArrayBuffer.isView(input)) return;
  throw new ERR_INVALID_ARG_TYPE(name, ['Buffer', 'TypedArray', 'DataView', 'string'], input);
}
