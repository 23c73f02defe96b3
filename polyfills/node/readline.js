// node:readline — line reading from any Readable (process.stdin included): 'line' for \n, \r\n
// and lone \r (crlfDelay), 'close' on input end, question()/prompt(), pause/resume, async
// iteration over lines, and the basic ANSI helpers (clearLine, cursorTo, moveCursor,
// clearScreenDown, emitKeypressEvents).
//
// atoll keeps the terminal in cooked mode (the OS does echo and line editing), so a `terminal`
// interface reads whole lines like a non-terminal one; history, tab completion and raw-mode
// editing are not implemented (completer is accepted and ignored).
import EventEmitter from 'node:events';
import process from 'node:process';
import { StringDecoder } from 'node:string_decoder';
import { codes, AbortError } from '../internal/errors.js';
import { validateAbortSignal, validateFunction, validateString } from '../internal/validators.js';
import * as promises from './readline/promises.js';

const { ERR_INVALID_ARG_VALUE, ERR_INVALID_CURSOR_POS, ERR_USE_AFTER_CLOSE, ERR_INVALID_ARG_TYPE } = codes;

const kHistorySize = 30;
const kMincrlfDelay = 100;
const lineEnding = /\r?\n|\r(?!\n)/g;

export const kQuestion = Symbol('_question');
export const kQuestionCancel = Symbol('_questionCancel');
const kQuestionCallback = Symbol('_questionCallback');
const kOldPrompt = Symbol('_oldPrompt');
const kLineBuffer = Symbol('_line_buffer');
const kSawReturnAt = Symbol('_sawReturnAt');
const kDecoder = Symbol('_decoder');
const kOnLine = Symbol('_onLine');
const kNormalWrite = Symbol('_normalWrite');
const kPrompt = Symbol('_prompt');
const kLineQueue = Symbol('_lineQueue');

export function Interface(input, output, completer, terminal) {
  if (!(this instanceof Interface)) return new Interface(input, output, completer, terminal);
  EventEmitter.call(this);
  let history;
  let historySize;
  let removeHistoryDuplicates = false;
  let crlfDelay;
  let prompt = '> ';
  let signal;
  if (input?.input) {
    // An options object.
    output = input.output;
    completer = input.completer;
    terminal = input.terminal;
    history = input.history;
    historySize = input.historySize;
    signal = input.signal;
    removeHistoryDuplicates = !!input.removeHistoryDuplicates;
    if (input.prompt !== undefined) prompt = input.prompt;
    crlfDelay = input.crlfDelay;
    input = input.input;
  }
  if (completer !== undefined && typeof completer !== 'function') {
    throw new ERR_INVALID_ARG_VALUE('completer', completer);
  }
  if (history === undefined) history = [];
  else if (!Array.isArray(history)) throw new ERR_INVALID_ARG_TYPE('history', 'Array', history);
  if (historySize === undefined) historySize = kHistorySize;
  if (typeof historySize !== 'number' || Number.isNaN(historySize) || historySize < 0) {
    throw new ERR_INVALID_ARG_VALUE.RangeError('historySize', historySize);
  }
  if (terminal === undefined && !(output === null || output === undefined)) terminal = !!output.isTTY;
  if (signal !== undefined) validateAbortSignal(signal, 'options.signal');

  this.output = output;
  this.input = input;
  this.history = history;
  this.historySize = historySize;
  this.removeHistoryDuplicates = removeHistoryDuplicates;
  this.crlfDelay = crlfDelay ? Math.max(kMincrlfDelay, crlfDelay) : kMincrlfDelay;
  this.completer = completer;
  this.terminal = !!terminal;
  this.line = '';
  this.cursor = 0;
  this.closed = false;
  this.paused = false;
  this[kPrompt] = prompt;
  this[kQuestionCallback] = null;
  this[kOldPrompt] = prompt;
  this[kLineBuffer] = null;
  this[kSawReturnAt] = 0;
  this[kDecoder] = new StringDecoder('utf8');

  const self = this;
  function ondata(data) { self[kNormalWrite](data); }
  function onend() {
    if (typeof self[kLineBuffer] === 'string' && self[kLineBuffer].length > 0) {
      self.emit('line', self[kLineBuffer]);
    }
    self.close();
  }
  function onerror(err) { self.emit('error', err); }
  input.on('error', onerror);
  input.on('data', ondata);
  input.on('end', onend);
  this.once('close', () => {
    input.removeListener('data', ondata);
    input.removeListener('error', onerror);
    input.removeListener('end', onend);
  });
  if (signal) {
    const onAborted = () => self.close();
    if (signal.aborted) {
      process.nextTick(onAborted);
    } else {
      signal.addEventListener('abort', onAborted, { once: true });
      self.once('close', () => signal.removeEventListener('abort', onAborted));
    }
  }
  input.resume();
}
Object.setPrototypeOf(Interface.prototype, EventEmitter.prototype);
Object.setPrototypeOf(Interface, EventEmitter);

Object.defineProperty(Interface.prototype, 'columns', {
  configurable: true,
  enumerable: true,
  get() { return this.output && this.output.columns ? this.output.columns : Infinity; },
});

Interface.prototype.getPrompt = function getPrompt() { return this[kPrompt]; };

Interface.prototype.setPrompt = function setPrompt(prompt) { this[kPrompt] = prompt; };

Interface.prototype._writeToOutput = function _writeToOutput(stringToWrite) {
  validateString(stringToWrite, 'stringToWrite');
  if (this.output !== null && this.output !== undefined) this.output.write(stringToWrite);
};

Interface.prototype.prompt = function prompt(preserveCursor) {
  if (this.paused) this.resume();
  if (this.terminal && !preserveCursor) this.cursor = 0;
  this._writeToOutput(this[kPrompt]);
};

Interface.prototype[kQuestion] = function question(query, cb) {
  if (this.closed) throw new ERR_USE_AFTER_CLOSE('readline');
  if (this[kQuestionCallback]) {
    this.prompt();
  } else {
    this[kOldPrompt] = this[kPrompt];
    this.setPrompt(query);
    this[kQuestionCallback] = cb;
    this.prompt();
  }
};

Interface.prototype[kQuestionCancel] = function questionCancel() {
  if (this[kQuestionCallback]) {
    this[kQuestionCallback] = null;
    this.setPrompt(this[kOldPrompt]);
  }
};

Interface.prototype.question = function question(query, options, cb) {
  cb = typeof options === 'function' ? options : cb;
  if (options !== null && typeof options === 'object') {
    const { signal } = options;
    if (signal) {
      validateAbortSignal(signal, 'options.signal');
      if (signal.aborted) return;
      const onAbort = () => { this[kQuestionCancel](); };
      signal.addEventListener('abort', onAbort, { once: true });
      const cleanup = () => { signal.removeEventListener('abort', onAbort); };
      const originalCb = cb;
      cb = typeof cb === 'function' ? (answer) => { cleanup(); return originalCb(answer); } : cleanup;
    }
  }
  if (typeof cb === 'function') this[kQuestion](query, cb);
};

// util.promisify(rl.question) resolves with the answer (AbortError on abort).
Interface.prototype.question[Symbol.for('nodejs.util.promisify.custom')] = function question(query, options) {
  return new Promise((resolve, reject) => {
    let cb = resolve;
    if (options?.signal) {
      validateAbortSignal(options.signal, 'options.signal');
      if (options.signal.aborted) return reject(new AbortError(undefined, { cause: options.signal.reason }));
      const onAbort = () => reject(new AbortError(undefined, { cause: options.signal.reason }));
      options.signal.addEventListener('abort', onAbort, { once: true });
      cb = (answer) => { options.signal.removeEventListener('abort', onAbort); resolve(answer); };
    }
    this.question(query, options, cb);
  });
};

Interface.prototype[kOnLine] = function onLine(line) {
  if (this[kQuestionCallback]) {
    const cb = this[kQuestionCallback];
    this[kQuestionCallback] = null;
    this.setPrompt(this[kOldPrompt]);
    cb(line);
  } else {
    this.emit('line', line);
  }
};

Interface.prototype[kNormalWrite] = function normalWrite(b) {
  if (b === undefined) return;
  let string = typeof b === 'string' ? b : this[kDecoder].write(b);
  if (this[kSawReturnAt] && Date.now() - this[kSawReturnAt] <= this.crlfDelay) {
    if (string.codePointAt(0) === 10) string = string.slice(1);
    this[kSawReturnAt] = 0;
  }
  lineEnding.lastIndex = 0;
  let newPartContainsEnding = lineEnding.exec(string);
  if (newPartContainsEnding !== null) {
    if (this[kLineBuffer]) {
      string = this[kLineBuffer] + string;
      this[kLineBuffer] = null;
      lineEnding.lastIndex = 0;
      newPartContainsEnding = lineEnding.exec(string);
    }
    this[kSawReturnAt] = string.endsWith('\r') ? Date.now() : 0;
    const indexes = [0, newPartContainsEnding.index, lineEnding.lastIndex];
    let nextMatch;
    while ((nextMatch = lineEnding.exec(string)) !== null) indexes.push(nextMatch.index, lineEnding.lastIndex);
    const lastIndex = indexes.length - 1;
    this[kLineBuffer] = string.slice(indexes[lastIndex]);
    for (let i = 1; i < lastIndex; i += 2) {
      this[kOnLine](string.slice(indexes[i - 1], indexes[i]));
      if (this.closed) return;
    }
  } else if (string) {
    this[kLineBuffer] = this[kLineBuffer] ? this[kLineBuffer] + string : string;
  }
};

Interface.prototype.write = function write(d) {
  if (this.closed) throw new ERR_USE_AFTER_CLOSE('readline');
  if (this.paused) this.resume();
  this[kNormalWrite](d);
};

Interface.prototype.close = function close() {
  if (this.closed) return;
  this.pause();
  this.closed = true;
  this.emit('close');
};

Interface.prototype.pause = function pause() {
  if (this.paused) return;
  this.input.pause();
  this.paused = true;
  this.emit('pause');
  return this;
};

Interface.prototype.resume = function resume() {
  if (!this.paused) return;
  this.input.resume();
  this.paused = false;
  this.emit('resume');
  return this;
};

Interface.prototype.getCursorPos = function getCursorPos() {
  const promptLen = this[kPrompt].length;
  const col = this.output?.columns ?? Infinity;
  const total = promptLen + this.cursor;
  return Number.isFinite(col) ? { rows: Math.floor(total / col), cols: total % col } : { rows: 0, cols: total };
};

// `for await (const line of rl)`: lines buffered from the first call on; the input is paused
// while more than 1024 lines wait, and iteration ends at 'close'.
Interface.prototype[Symbol.asyncIterator] = function asyncIterator() {
  if (this[kLineQueue]) return this[kLineQueue];
  const rl = this;
  const queue = [];
  const waiters = [];
  let done = false;
  let error = null;
  const onLine = (line) => {
    if (waiters.length) waiters.shift().resolve({ value: line, done: false });
    else {
      queue.push(line);
      if (queue.length > 1024 && !rl.paused) rl.pause();
    }
  };
  const finish = () => {
    done = true;
    rl.off('line', onLine);
    while (waiters.length) waiters.shift().resolve({ value: undefined, done: true });
  };
  const onError = (err) => {
    error = err;
    while (waiters.length) waiters.shift().reject(err);
    finish();
  };
  rl.on('line', onLine);
  rl.once('close', finish);
  rl.once('error', onError);
  const it = {
    next() {
      if (queue.length) {
        const value = queue.shift();
        if (queue.length < 512 && rl.paused && !rl.closed) rl.resume();
        return Promise.resolve({ value, done: false });
      }
      if (error) { const e = error; error = null; return Promise.reject(e); }
      if (done) return Promise.resolve({ value: undefined, done: true });
      return new Promise((resolve, reject) => waiters.push({ resolve, reject }));
    },
    return() {
      rl.off('line', onLine);
      rl.off('error', onError);
      done = true;
      queue.length = 0;
      rl.close();
      return Promise.resolve({ value: undefined, done: true });
    },
    [Symbol.asyncIterator]() { return this; },
  };
  this[kLineQueue] = it;
  return it;
};

export function createInterface(input, output, completer, terminal) {
  return new Interface(input, output, completer, terminal);
}

// ---- ANSI helpers ----
const CSI = (s) => `\x1b[${s}`;
const kClearToLineBeginning = CSI('1K');
const kClearToLineEnd = CSI('0K');
const kClearLine = CSI('2K');
const kClearScreenDown = CSI('0J');

function noStream(callback) {
  if (typeof callback === 'function') process.nextTick(callback, null);
  return true;
}

export function cursorTo(stream, x, y, callback) {
  if (callback !== undefined) validateFunction(callback, 'callback');
  if (typeof y === 'function') { callback = y; y = undefined; }
  if (Number.isNaN(x)) throw new ERR_INVALID_ARG_VALUE('x', x);
  if (Number.isNaN(y)) throw new ERR_INVALID_ARG_VALUE('y', y);
  if (stream == null || (typeof x !== 'number' && typeof y !== 'number')) return noStream(callback);
  if (typeof x !== 'number') throw new ERR_INVALID_CURSOR_POS();
  const data = typeof y !== 'number' ? CSI(`${x + 1}G`) : CSI(`${y + 1};${x + 1}H`);
  return stream.write(data, callback);
}

export function moveCursor(stream, dx, dy, callback) {
  if (callback !== undefined) validateFunction(callback, 'callback');
  if (stream == null || !(dx || dy)) return noStream(callback);
  let data = '';
  if (dx < 0) data += CSI(`${-dx}D`);
  else if (dx > 0) data += CSI(`${dx}C`);
  if (dy < 0) data += CSI(`${-dy}A`);
  else if (dy > 0) data += CSI(`${dy}B`);
  return stream.write(data, callback);
}

export function clearLine(stream, dir, callback) {
  if (callback !== undefined) validateFunction(callback, 'callback');
  if (stream === null || stream === undefined) return noStream(callback);
  const type = dir < 0 ? kClearToLineBeginning : dir > 0 ? kClearToLineEnd : kClearLine;
  return stream.write(type, callback);
}

export function clearScreenDown(stream, callback) {
  if (callback !== undefined) validateFunction(callback, 'callback');
  if (stream === null || stream === undefined) return noStream(callback);
  return stream.write(kClearScreenDown, callback);
}

// ---- keypress events ----
const kKeypressDecoder = Symbol('keypress-decoder');

function keyOf(s) {
  const key = { sequence: s, name: undefined, ctrl: false, meta: false, shift: false };
  if (s === '\r') key.name = 'return';
  else if (s === '\n') key.name = 'enter';
  else if (s === '\t') key.name = 'tab';
  else if (s === '\b' || s === '\x7f') key.name = 'backspace';
  else if (s === '\x1b') key.name = 'escape';
  else if (s === ' ') key.name = 'space';
  else if (s.length === 1 && s <= '\x1a') {
    key.name = String.fromCharCode(s.charCodeAt(0) + 'a'.charCodeAt(0) - 1);
    key.ctrl = true;
  } else if (s.length === 1 && /[a-z0-9]/.test(s)) key.name = s;
  else if (s.length === 1 && /[A-Z]/.test(s)) { key.name = s.toLowerCase(); key.shift = true; }
  else if (s.startsWith('\x1b[') || s.startsWith('\x1bO')) {
    const names = {
      A: 'up', B: 'down', C: 'right', D: 'left', H: 'home', F: 'end', '2~': 'insert',
      '3~': 'delete', '5~': 'pageup', '6~': 'pagedown', '1~': 'home', '4~': 'end',
      P: 'f1', Q: 'f2', R: 'f3', S: 'f4',
    };
    const code = s.slice(2);
    const mod = /^1;(\d)([A-Z])$/.exec(code);
    if (mod) {
      const m = Number(mod[1]) - 1;
      key.name = names[mod[2]];
      key.shift = !!(m & 1); key.meta = !!(m & 10); key.ctrl = !!(m & 4);
    } else {
      key.name = names[code];
    }
    key.code = s.slice(1);
  } else if (s.length === 2 && s[0] === '\x1b') {
    key.meta = true;
    key.name = s[1].toLowerCase();
    key.shift = /[A-Z]/.test(s[1]);
  }
  return key;
}

function splitKeys(s) {
  const out = [];
  let i = 0;
  while (i < s.length) {
    if (s[i] === '\x1b' && i + 1 < s.length) {
      const m = /^\x1b(\[[\d;]*[~A-Za-z]|O[A-Z]|.)/.exec(s.slice(i));
      if (m) { out.push(m[0]); i += m[0].length; continue; }
    }
    const cp = s.codePointAt(i);
    const ch = String.fromCodePoint(cp);
    out.push(ch);
    i += ch.length;
  }
  return out;
}

export function emitKeypressEvents(stream, iface = {}) {
  if (stream[kKeypressDecoder]) return;
  stream[kKeypressDecoder] = new StringDecoder('utf8');
  function onData(input) {
    if (stream.listenerCount('keypress') > 0) {
      const string = typeof input === 'string' ? input : stream[kKeypressDecoder].write(input);
      for (const s of splitKeys(string)) {
        const key = keyOf(s);
        stream.emit('keypress', s.length > 1 && s[0] === '\x1b' ? undefined : s, key);
      }
    } else {
      stream.removeListener('data', onData);
      stream.on('newListener', onNewListener);
    }
  }
  function onNewListener(event) {
    if (event === 'keypress') {
      stream.on('data', onData);
      stream.removeListener('newListener', onNewListener);
    }
  }
  if (stream.listenerCount('keypress') > 0) stream.on('data', onData);
  else stream.on('newListener', onNewListener);
}

export { promises };

export default {
  Interface, createInterface, clearLine, clearScreenDown, cursorTo, moveCursor,
  emitKeypressEvents, promises,
};
