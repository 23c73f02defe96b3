// MessageChannel within one thread: messages are clones, delivered asynchronously.
import assert from 'node:assert';
import { once } from 'node:events';
import { MessageChannel, MessagePort, receiveMessageOnPort } from 'node:worker_threads';

const { port1, port2 } = new MessageChannel();
assert.ok(port1 instanceof MessagePort);

const sent = { when: new Date(0), tags: new Set(['a']) };
let delivered = false;
port2.once('message', () => { delivered = true; });
const got = once(port2, 'message');
port1.postMessage(sent);
assert.strictEqual(delivered, false);
const [msg] = await got;
assert.strictEqual(delivered, true);
assert.notStrictEqual(msg, sent);
assert.deepStrictEqual(msg, sent);

// Both directions, in order.
const seen = [];
port1.on('message', (m) => seen.push(m));
port2.postMessage(1);
port2.postMessage(2);
await new Promise((r) => setTimeout(r, 20));
assert.deepStrictEqual(seen, [1, 2]);

// receiveMessageOnPort takes a queued message synchronously.
const { port1: a, port2: b } = new MessageChannel();
a.postMessage({ n: 1 });
assert.deepStrictEqual(receiveMessageOnPort(b), { message: { n: 1 } });
assert.strictEqual(receiveMessageOnPort(b), undefined);

// close() emits 'close'.
const closed = new Promise((r) => port1.on('close', r));
port1.close();
await closed;
a.close();
