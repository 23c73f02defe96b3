// final() runs after all writes complete and delays 'finish' until it calls back.
import assert from 'node:assert';
import { Writable } from 'node:stream';

const events = [];
const w = new Writable({
  write(chunk, enc, cb) {
    events.push(`write:${chunk}`);
    setTimeout(cb, 1);
  },
  final(cb) {
    events.push('final');
    setTimeout(() => {
      events.push('final-done');
      cb();
    }, 5);
  },
});
w.on('prefinish', () => events.push('prefinish'));
w.on('finish', () => events.push('finish'));
w.on('close', () => {
  assert.deepStrictEqual(events, ['write:a', 'write:b', 'final', 'final-done', 'prefinish', 'finish']);
});
w.write('a');
w.end('b');
