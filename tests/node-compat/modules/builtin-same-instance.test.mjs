// import and require of a built-in give the same objects.
import assert from 'node:assert';
import { createRequire, builtinModules, isBuiltin } from 'node:module';
import events, { EventEmitter } from 'node:events';
const require = createRequire(import.meta.url);
assert.strictEqual(require('events'), events);
assert.strictEqual(require('node:events').EventEmitter, EventEmitter);
assert.ok(builtinModules.includes('fs') || builtinModules.includes('path'));
assert.strictEqual(isBuiltin('node:path'), true);
assert.strictEqual(isBuiltin('not-a-builtin'), false);
