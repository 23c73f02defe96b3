// node:console: Console over any pair of writable streams; the global console writes to
// process.stdout / process.stderr with util.inspect formatting (colours only on a TTY).
import { op_require_builtin, op_now, op_stdio_write, op_isatty } from 'atoll:ops';
import { loadedProcess } from '../internal/bootstrap.js';

let util;
// util.inspect/format only (internal/util/inspect.js), not the rest of node:util.
const lazyUtil = () => (util ??= op_require_builtin('atoll:internal/util/inspect'));
// node:process loads on first use, not with console: a script that only logs never needs it.
const getProcess = () => loadedProcess() ?? op_require_builtin('node:process').default;

const kCounts = Symbol('counts');
const kTimers = Symbol('timers');
const kIndent = Symbol('indent');
const kOut = Symbol('stdout');
const kErr = Symbol('stderr');
const kColor = Symbol('colorMode');
const kInspect = Symbol('inspectOptions');

export class Console {
  constructor(stdout, stderr, ignoreErrors) {
    let options = stdout;
    if (!options || typeof options.write === 'function') {
      options = { stdout, stderr, ignoreErrors };
    }
    if (!options.stdout || typeof options.stdout.write !== 'function') {
      const { codes } = op_require_builtin('atoll:internal/errors');
      throw new codes.ERR_CONSOLE_WRITABLE_STREAM('stdout');
    }
    this[kOut] = options.stdout;
    this[kErr] = options.stderr ?? options.stdout;
    this[kColor] = options.colorMode ?? 'auto';
    this[kInspect] = options.inspectOptions;
    this[kCounts] = new Map();
    this[kTimers] = new Map();
    this[kIndent] = '';
    // Methods work detached (`const { log } = console`), as in Node.
    for (const key of Object.getOwnPropertyNames(Console.prototype)) {
      if (key !== 'constructor' && typeof this[key] === 'function') this[key] = this[key].bind(this);
    }
  }

  [Symbol.for('atoll.console.format')](stream, args) {
    // Fast path: plain strings need no util (keeps `console.log("hi")` from loading it).
    let text;
    if (args.length === 1 && typeof args[0] === 'string') {
      text = args[0];
    } else if (args.every((a) => typeof a === 'string') && !args[0]?.includes('%')) {
      text = args.join(' ');
    } else {
      const colors = this[kColor] === 'auto' ? !!(stream.isTTY && (stream.hasColors?.() ?? true)) : this[kColor];
      text = lazyUtil().formatWithOptions({ ...this[kInspect], colors }, ...args);
    }
    return text;
  }

  #write(stream, args) {
    let text = this[Symbol.for('atoll.console.format')](stream, args);
    if (this[kIndent]) text = this[kIndent] + text.replaceAll('\n', `\n${this[kIndent]}`);
    try {
      stream.write(`${text}\n`);
    } catch {
      // Console output errors are ignored, as Node does by default.
    }
  }

  log(...args) { this.#write(this[kOut], args); }
  info(...args) { this.#write(this[kOut], args); }
  debug(...args) { this.#write(this[kOut], args); }
  error(...args) { this.#write(this[kErr], args); }
  warn(...args) { this.#write(this[kErr], args); }

  dir(object, options) {
    const colors = !!this[kOut].isTTY;
    this.#write(this[kOut], [lazyUtil().inspect(object, { customInspect: false, colors, ...this[kInspect], ...options })]);
  }

  dirxml(...args) { this.log(...args); }

  trace(...args) {
    const err = new Error();
    const stack = (err.stack ?? '').split('\n').filter((l) => /^\s+at /.test(l)).slice(1).join('\n');
    const message = args.length ? lazyUtil().format(...args) : '';
    this.#write(this[kErr], [`Trace${message ? `: ${message}` : ''}\n${stack}`]);
  }

  assert(value, ...args) {
    if (value) return;
    if (args.length === 0) {
      this.warn('Assertion failed');
    } else if (typeof args[0] === 'string') {
      this.warn(`Assertion failed: ${args[0]}`, ...args.slice(1));
    } else {
      this.warn('Assertion failed:', ...args);
    }
  }

  count(label = 'default') {
    label = `${label}`;
    const n = (this[kCounts].get(label) ?? 0) + 1;
    this[kCounts].set(label, n);
    this.log(`${label}: ${n}`);
  }

  countReset(label = 'default') {
    label = `${label}`;
    if (!this[kCounts].has(label)) {
      getProcess().emitWarning(`Count for '${label}' does not exist`);
      return;
    }
    this[kCounts].delete(label);
  }

  group(...labels) {
    if (labels.length > 0) this.log(...labels);
    this[kIndent] += '  ';
  }

  groupCollapsed(...labels) { this.group(...labels); }

  groupEnd() { this[kIndent] = this[kIndent].slice(0, -2); }

  time(label = 'default') {
    label = `${label}`;
    if (this[kTimers].has(label)) {
      getProcess().emitWarning(`Label '${label}' already exists for console.time()`);
      return;
    }
    this[kTimers].set(label, op_now());
  }

  timeEnd(label = 'default') {
    label = `${label}`;
    if (this.#timeLog('timeEnd', label, [])) this[kTimers].delete(label);
  }

  timeLog(label = 'default', ...data) { this.#timeLog('timeLog', `${label}`, data); }

  #timeLog(name, label, data) {
    const start = this[kTimers].get(label);
    if (start === undefined) {
      getProcess().emitWarning(`No such label '${label}' for console.${name}()`);
      return false;
    }
    this.log(`${label}: ${formatTime(op_now() - start)}`, ...data);
    return true;
  }

  table(data, properties) {
    if (data === null || typeof data !== 'object') return this.log(data);
    const inspectValue = (v) => lazyUtil().inspect(v, { depth: 1, colors: false, compact: 3, breakLength: Infinity });
    const indexHeader = '(index)';
    const valuesHeader = 'Values';
    const rows = [];
    const columns = [];
    let hasValues = false;
    const entries = data instanceof Map ? [...data.entries()].map(([k, v], i) => [i, { Key: k, Values: v }])
      : data instanceof Set ? [...data].map((v, i) => [i, v])
      : Object.entries(data);
    const iterIndex = data instanceof Map ? '(iteration index)' : data instanceof Set ? '(iteration index)' : indexHeader;
    for (const [key, value] of entries) {
      const row = { [iterIndex]: String(key) };
      if (value !== null && typeof value === 'object' && !(data instanceof Map)) {
        for (const col of Object.keys(value)) {
          if (properties && !properties.includes(col)) continue;
          if (!columns.includes(col)) columns.push(col);
          row[col] = inspectValue(value[col]);
        }
      } else if (data instanceof Map) {
        for (const col of ['Key', 'Values']) {
          if (!columns.includes(col)) columns.push(col);
          row[col] = inspectValue(value[col]);
        }
      } else {
        hasValues = true;
        row[valuesHeader] = inspectValue(value);
      }
      rows.push(row);
    }
    if (properties) for (const p of properties) if (!columns.includes(p)) columns.push(p);
    const header = [iterIndex, ...columns, ...(hasValues ? [valuesHeader] : [])];
    this.log(renderTable(header, rows));
  }
}

function formatTime(ms) {
  if (ms >= 1000 * 60 * 60) return `${(ms / 3600000).toFixed(3)}h`;
  if (ms >= 1000 * 60) return `${(ms / 60000).toFixed(3)}min`;
  if (ms >= 1000) return `${(ms / 1000).toFixed(3)}s`;
  return `${ms.toFixed(3)}ms`;
}

function width(s) { return [...s].length; }

function renderTable(header, rows) {
  const widths = header.map((h) => Math.max(width(h), ...rows.map((r) => width(r[h] ?? ''))) + 2);
  // Node 20 left-aligns cells behind one space.
  const pad = (s, w) => ` ${s}${' '.repeat(w - width(s) - 1)}`;
  const line = (l, m, r) => l + widths.map((w) => '─'.repeat(w)).join(m) + r;
  const out = [line('┌', '┬', '┐'), `│${header.map((h, i) => pad(h, widths[i])).join('│')}│`, line('├', '┼', '┤')];
  for (const row of rows) out.push(`│${header.map((h, i) => pad(row[h] ?? '', widths[i])).join('│')}│`);
  out.push(line('└', '┴', '┘'));
  return out.join('\n');
}

// The global console's streams. Until node:process has loaded nobody can have replaced or
// wrapped process.stdout/stderr, so a write goes straight to the fd, as the stdio stream's own
// first write would; from then on everything goes to process's streams (the same objects Node's
// console holds), so a patched `process.stdout.write` sees console output.
function globalStdio(fd) {
  let s = null;
  const stream = (load) => {
    if (s === null && (load || loadedProcess() !== null)) {
      const ns = op_require_builtin('node:process');
      s = fd === 1 ? ns.stdout : ns.stderr;
    }
    return s;
  };
  return {
    write(text) {
      if (stream(false) !== null) return s.write(text);
      op_stdio_write(fd, text);
      return true;
    },
    get isTTY() {
      return stream(false) !== null ? s.isTTY : op_isatty(fd);
    },
    // Asked only on a TTY (format checks isTTY first): the real stream answers.
    hasColors(...args) {
      return stream(true).hasColors(...args);
    },
  };
}

const globalConsole = new Console({ stdout: globalStdio(1), stderr: globalStdio(2) });
globalConsole.Console = Console;

export const {
  log, info, debug, error, warn, dir, dirxml, trace, assert, count, countReset, group,
  groupCollapsed, groupEnd, time, timeEnd, timeLog, table,
} = globalConsole;

export default globalConsole;
