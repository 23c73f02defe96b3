// node:readline/promises — the readline Interface with question() returning a promise, and the
// Readline class that batches ANSI cursor actions until commit().
import process from 'node:process';
import { AbortError, codes } from '../../internal/errors.js';
import { validateAbortSignal, validateInteger } from '../../internal/validators.js';
import { Interface as BaseInterface, kQuestion, kQuestionCancel } from '../readline.js';

const { ERR_INVALID_ARG_TYPE } = codes;

export class Interface extends BaseInterface {
  constructor(input, output, completer, terminal) {
    super(input, output, completer, terminal);
  }

  question(query, options = {}) {
    return new Promise((resolve, reject) => {
      let cb = resolve;
      if (options?.signal) {
        const { signal } = options;
        validateAbortSignal(signal, 'options.signal');
        if (signal.aborted) return reject(new AbortError(undefined, { cause: signal.reason }));
        const onAbort = () => {
          this[kQuestionCancel]();
          reject(new AbortError(undefined, { cause: signal.reason }));
        };
        signal.addEventListener('abort', onAbort, { once: true });
        cb = (answer) => {
          signal.removeEventListener('abort', onAbort);
          resolve(answer);
        };
      }
      this[kQuestion](query, cb);
    });
  }
}

export function createInterface(input, output, completer, terminal) {
  return new Interface(input, output, completer, terminal);
}

const CSI = (s) => `\x1b[${s}`;

export class Readline {
  #stream;
  #todo = [];
  #autoCommit = false;

  constructor(stream, options = undefined) {
    if (!stream || typeof stream.write !== 'function') throw new ERR_INVALID_ARG_TYPE('stream', 'Writable', stream);
    this.#stream = stream;
    if (options?.autoCommit != null) this.#autoCommit = !!options.autoCommit;
  }

  #queue(data) {
    if (this.#autoCommit) process.nextTick(() => this.#stream.write(data));
    else this.#todo.push(data);
    return this;
  }

  cursorTo(x, y = undefined) {
    validateInteger(x, 'x');
    if (y != null) validateInteger(y, 'y');
    return this.#queue(y == null ? CSI(`${x + 1}G`) : CSI(`${y + 1};${x + 1}H`));
  }

  moveCursor(dx, dy) {
    if (dx || dy) {
      validateInteger(dx, 'dx');
      validateInteger(dy, 'dy');
      let data = '';
      if (dx < 0) data += CSI(`${-dx}D`); else if (dx > 0) data += CSI(`${dx}C`);
      if (dy < 0) data += CSI(`${-dy}A`); else if (dy > 0) data += CSI(`${dy}B`);
      this.#queue(data);
    }
    return this;
  }

  clearLine(dir) {
    validateInteger(dir, 'dir', -1, 1);
    return this.#queue(dir < 0 ? CSI('1K') : dir > 0 ? CSI('0K') : CSI('2K'));
  }

  clearScreenDown() { return this.#queue(CSI('0J')); }

  commit() {
    return new Promise((resolve) => {
      const data = this.#todo.join('');
      this.#todo = [];
      if (data) this.#stream.write(data, resolve); else resolve();
    });
  }

  rollback() {
    this.#todo = [];
    return this;
  }
}

export default { Interface, Readline, createInterface };
