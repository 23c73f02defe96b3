// console.table draws Node 20's box table (cells left-aligned) for objects and primitives.
import assert from 'node:assert';
import { capture } from './_capture.mjs';
const { c, text } = capture();
c.table([{ a: 1, b: 'x' }, { a: 2, c: true }]);
c.table(['p', 'q']);
assert.strictEqual(text(), [
  '┌─────────┬───┬─────┬──────┐',
  '│ (index) │ a │ b   │ c    │',
  '├─────────┼───┼─────┼──────┤',
  "│ 0       │ 1 │ 'x' │      │",
  '│ 1       │ 2 │     │ true │',
  '└─────────┴───┴─────┴──────┘',
  '┌─────────┬────────┐',
  '│ (index) │ Values │',
  '├─────────┼────────┤',
  "│ 0       │ 'p'    │",
  "│ 1       │ 'q'    │",
  '└─────────┴────────┘',
  '',
].join('\n'));
