// Test helper: a Console whose output is collected into strings.
import { Console } from 'node:console';
import { Writable } from 'node:stream';

export function capture() {
  const out = [];
  const err = [];
  const stream = (sink) => new Writable({ write(chunk, _enc, cb) { sink.push(String(chunk)); cb(); } });
  const c = new Console({ stdout: stream(out), stderr: stream(err), colorMode: false });
  return { c, out, err, text: () => out.join(''), errText: () => err.join('') };
}
