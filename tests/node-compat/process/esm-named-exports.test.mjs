// node:process offers its members as named ES exports, the same objects as on `process`.
import assert from 'node:assert';
import process, { argv, env, stdout, stdin, nextTick, cwd, platform, versions } from 'node:process';
assert.strictEqual(argv, process.argv);
assert.strictEqual(env, process.env);
assert.strictEqual(stdout, process.stdout);
assert.strictEqual(stdin, process.stdin);
assert.strictEqual(typeof nextTick, 'function');
assert.strictEqual(cwd(), process.cwd());
assert.strictEqual(platform, process.platform);
assert.strictEqual(versions, process.versions);
