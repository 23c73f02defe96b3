// node:stream/consumers — read a whole stream (or async iterable) into one value.
import { Buffer } from 'node:buffer';

async function collect(stream) {
  const chunks = [];
  for await (const chunk of stream) {
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  }
  return chunks;
}

export async function arrayBuffer(stream) {
  const buf = await buffer(stream);
  return buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength);
}

export async function buffer(stream) {
  const chunks = await collect(stream);
  return Buffer.concat(chunks.map((c) => (Buffer.isBuffer(c) ? c : Buffer.from(c.buffer ?? c, c.byteOffset, c.byteLength))));
}

export async function text(stream) {
  const dec = new TextDecoder();
  let str = '';
  for await (const chunk of stream) {
    if (typeof chunk === 'string') str += chunk;
    else str += dec.decode(chunk, { stream: true });
  }
  return str + dec.decode();
}

export async function json(stream) {
  return JSON.parse(await text(stream));
}

export async function blob(stream) {
  const { Blob } = await import('node:buffer');
  return new Blob(await collect(stream));
}

export default { arrayBuffer, buffer, text, json, blob };
