// pause()/resume() emit 'pause'/'resume' and reach the input stream; close() emits 'close' once.
import assert from 'node:assert';
import readline from 'node:readline';
import { PassThrough } from 'node:stream';

const input = new PassThrough();
const rl = readline.createInterface({ input });
const events = [];
rl.on('pause', () => events.push('pause'));
rl.on('resume', () => events.push('resume'));
rl.on('close', () => events.push('close'));
rl.pause();
assert.strictEqual(input.isPaused(), true);
rl.resume();
assert.strictEqual(input.isPaused(), false);
rl.close();
rl.close();
assert.deepStrictEqual(events, ['pause', 'resume', 'pause', 'close']);
assert.throws(() => rl.question('late?', () => {}), { code: 'ERR_USE_AFTER_CLOSE' });
