// The fatal-error path of bootstrap.js, loaded only when it is taken: the uncaught-error
// report (location, source line, caret, inspected error) and the error an unhandled rejection
// of a non-Error reason becomes.
import { op_require_builtin, op_source_line, op_stdio_write } from 'atoll:ops';

function location(err) {
  const stack = typeof err?.stack === 'string' ? err.stack : '';
  const m = /\(?((?:\/|file:\/\/)[^\s():]+):(\d+):(\d+)\)?/.exec(stack);
  if (!m) return null;
  const file = m[1].replace(/^file:\/\//, '');
  const line = op_source_line(file, Number(m[2]));
  if (line === undefined || line === null) return null;
  let column = Number(m[3]);
  // CommonJS line 1 carries the function wrapper's prefix.
  if (m[2] === '1') column -= op_require_builtin('atoll:internal/cjs').wrapperColumnOffset(file);
  return `${file}:${m[2]}\n${line}\n${' '.repeat(Math.max(0, column - 1))}^\n\n`;
}

export function describe(err) {
  try {
    return op_require_builtin('node:util').inspect(err, { colors: false });
  } catch {
    return String(err?.stack ?? err);
  }
}

export function printFatal(err, nodeVersion) {
  let text = '';
  if (err instanceof Error) {
    text += location(err) ?? '';
    text += describe(err);
  } else {
    text += `Uncaught ${describe(err)}`;
  }
  op_stdio_write(2, `${text}\n\nNode.js ${nodeVersion}\n`);
}

export function unhandledRejectionError(reason) {
  if (reason instanceof Error) return reason;
  let shown;
  try { shown = op_require_builtin('node:util').inspect(reason); } catch { shown = String(reason); }
  const err = new Error(`This error originated either by throwing inside of an async function without a catch block, or by rejecting a promise which was not handled with .catch(). The promise rejected with the reason "${shown}".`);
  err.name = 'UnhandledPromiseRejection';
  err.code = 'ERR_UNHANDLED_REJECTION';
  return err;
}
