// for await (const line of rl) yields every line and ends when the input ends.
import assert from 'node:assert';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';

const rl = createInterface({ input: Readable.from(['x\ny', '\n', 'z\n']), crlfDelay: Infinity });
const got = [];
for await (const line of rl) got.push(line);
assert.deepStrictEqual(got, ['x', 'y', 'z']);
