// node:assert/strict — the strict-mode assert (equal = strictEqual, ...).
import assert from 'node:assert';

const strict = assert.strict;

export const {
  AssertionError,
  CallTracker,
  ok,
  equal,
  notEqual,
  deepEqual,
  notDeepEqual,
  strictEqual,
  notStrictEqual,
  deepStrictEqual,
  notDeepStrictEqual,
  throws,
  rejects,
  doesNotThrow,
  doesNotReject,
  ifError,
  match,
  doesNotMatch,
  fail,
} = strict;
export { strict };
export default strict;
