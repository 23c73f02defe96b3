// node:tty — isatty(fd) and minimal ReadStream/WriteStream over this process's fds 0, 1 and 2
// (the same native stdio process.stdin/stdout/stderr use). Raw mode is not available: atoll
// leaves the terminal in cooked mode, so setRawMode() only records the flag.
import { op_isatty, op_tty_size, op_stdio_write, op_stdin_read } from 'atoll:ops';
import process from 'node:process';
import { Buffer } from 'node:buffer';
import { Readable, Writable } from 'node:stream';
import { codes, nodeError } from '../internal/errors.js';
import { clearLine, clearScreenDown, cursorTo, moveCursor } from 'node:readline';

const { ERR_INVALID_FD } = codes;

export function isatty(fd) {
  return Number.isInteger(fd) && fd >= 0 && fd <= 2147483647 && op_isatty(fd);
}

function checkFd(fd) {
  if (!Number.isInteger(fd) || fd < 0 || fd > 2147483647) throw new ERR_INVALID_FD(fd);
}

// Not a terminal (or not one of fds 0..2, the only ones atoll opens as a TTY).
function initFailed() {
  const err = nodeError(Error, 'ERR_TTY_INIT_FAILED', 'TTY initialization failed: uv_tty_init returned EINVAL (invalid argument)');
  err.name = 'SystemError';
  err.info = { errno: -22, code: 'EINVAL', message: 'invalid argument', syscall: 'uv_tty_init' };
  err.errno = -22;
  err.syscall = 'uv_tty_init';
  return err;
}

export class ReadStream extends Readable {
  constructor(fd, options = undefined) {
    checkFd(fd);
    if (fd !== 0 || !op_isatty(fd)) throw initFailed();
    super({ ...options, highWaterMark: 0 });
    this.fd = fd;
    this.isRaw = false;
    this.isTTY = true;
  }

  _read() {
    op_stdin_read().then((chunk) => {
      this.push(chunk === null ? null : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    }, (err) => this.destroy(err));
  }

  setRawMode(flag) {
    this.isRaw = !!flag;
    return this;
  }
}

const COLORS_2 = 1;
const COLORS_16 = 4;
const COLORS_256 = 8;
const COLORS_16m = 24;

export class WriteStream extends Writable {
  constructor(fd) {
    checkFd(fd);
    if ((fd !== 1 && fd !== 2) || !op_isatty(fd)) throw initFailed();
    super({ decodeStrings: false });
    this.fd = fd;
    this.isTTY = true;
    this._refreshSize();
  }

  _refreshSize() {
    const size = op_tty_size(this.fd);
    this.columns = size?.[0] ?? 80;
    this.rows = size?.[1] ?? 24;
  }

  _write(chunk, encoding, cb) {
    try {
      op_stdio_write(this.fd, typeof chunk === 'string' && encoding !== 'utf8' && encoding !== 'utf-8'
        ? Buffer.from(chunk, encoding) : chunk);
      cb();
    } catch (err) {
      cb(err);
    }
  }

  getWindowSize() { return [this.columns, this.rows]; }

  getColorDepth(env = process.env) {
    if (env.FORCE_COLOR !== undefined) {
      switch (env.FORCE_COLOR) {
        case '': case '1': case 'true': return COLORS_16;
        case '2': return COLORS_256;
        case '3': return COLORS_16m;
        default: return COLORS_2;
      }
    }
    if (env.NODE_DISABLE_COLORS !== undefined || env.NO_COLOR !== undefined || env.TERM === 'dumb') return COLORS_2;
    if (env.COLORTERM === 'truecolor' || env.COLORTERM === '24bit') return COLORS_16m;
    if (env.TERM) {
      if (/truecolor|24bit/.test(env.TERM)) return COLORS_16m;
      if (/-256(color)?$/i.test(env.TERM)) return COLORS_256;
      if (/^(xterm|screen|vt100|vt220|rxvt|color|ansi|cygwin|linux|tmux|konsole|alacritty|kitty)/i.test(env.TERM)) return COLORS_16;
    }
    if (env.COLORTERM) return COLORS_16;
    return COLORS_2;
  }

  hasColors(count, env) {
    if (env === undefined && (count === undefined || (typeof count === 'object' && count !== null))) {
      env = count;
      count = 16;
    }
    return count <= 2 ** this.getColorDepth(env);
  }

  clearLine(dir, cb) { return clearLine(this, dir, cb); }

  clearScreenDown(cb) { return clearScreenDown(this, cb); }

  cursorTo(x, y, cb) { return cursorTo(this, x, y, cb); }

  moveCursor(dx, dy, cb) { return moveCursor(this, dx, dy, cb); }
}

export default { isatty, ReadStream, WriteStream };
