// pipeTo: closes the destination; preventClose keeps it open; a source error aborts it unless
// preventAbort; an aborted signal rejects with its reason and cancels the source
import assert from 'node:assert';

const sink = () => {
  const s = { chunks: [], closed: false, aborted: undefined };
  s.stream = new WritableStream({
    write(c) { s.chunks.push(c); },
    close() { s.closed = true; },
    abort(r) { s.aborted = r; },
  });
  return s;
};
const a = sink();
await ReadableStream.from([1, 2]).pipeTo(a.stream);
assert.deepStrictEqual(a.chunks, [1, 2]);
assert.strictEqual(a.closed, true);

const b = sink();
await ReadableStream.from([3]).pipeTo(b.stream, { preventClose: true });
assert.strictEqual(b.closed, false);
assert.strictEqual(b.stream.locked, false);

const boom = new Error('source');
const c = sink();
await assert.rejects(new ReadableStream({ start(ctl) { ctl.error(boom); } }).pipeTo(c.stream), (e) => e === boom);
assert.strictEqual(c.aborted, boom);

const d = sink();
await assert.rejects(new ReadableStream({ start(ctl) { ctl.error(boom); } }).pipeTo(d.stream, { preventAbort: true }), (e) => e === boom);
assert.strictEqual(d.aborted, undefined);

let cancelled;
const e = sink();
const ac = new AbortController();
const src = new ReadableStream({ cancel(r) { cancelled = r; } });
const piped = src.pipeTo(e.stream, { signal: ac.signal });
ac.abort('enough');
await assert.rejects(piped, (err) => err === 'enough');
assert.strictEqual(cancelled, 'enough');
assert.strictEqual(e.aborted, 'enough');
