// clearLine / cursorTo / moveCursor / clearScreenDown write ANSI sequences; a null stream is ok.
import assert from 'node:assert';
import readline from 'node:readline';

let out = '';
const stream = { write(d) { out += d; return true; } };
readline.cursorTo(stream, 3);
readline.cursorTo(stream, 3, 4);
readline.moveCursor(stream, -2, 1);
readline.moveCursor(stream, 5, -3);
readline.clearLine(stream, -1);
readline.clearLine(stream, 1);
readline.clearLine(stream, 0);
readline.clearScreenDown(stream);
assert.strictEqual(out, '\x1b[4G\x1b[5;4H\x1b[2D\x1b[1B\x1b[5C\x1b[3A\x1b[1K\x1b[0K\x1b[2K\x1b[0J');
assert.strictEqual(readline.clearLine(null, 0), true);
assert.strictEqual(readline.cursorTo(null, 1), true);
assert.throws(() => readline.cursorTo(stream, NaN), { code: 'ERR_INVALID_ARG_VALUE' });
assert.throws(() => readline.cursorTo(stream, undefined, 2), { code: 'ERR_INVALID_CURSOR_POS' });
