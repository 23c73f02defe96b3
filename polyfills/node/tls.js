// node:tls — TLS client and server over rustls (ring provider) with the Mozilla roots from
// webpki-roots as the default store (polyfills/internal/net/tls.js, runtime/src/ops/tls.rs).
import { codes } from '../internal/errors.js';
import { TLSSocket, Server, connect, createServer } from '../internal/net/tls.js';

export { TLSSocket, Server, connect, createServer };

export const DEFAULT_MIN_VERSION = 'TLSv1.2';
export const DEFAULT_MAX_VERSION = 'TLSv1.3';
export const DEFAULT_ECDH_CURVE = 'auto';
export const CLIENT_RENEG_LIMIT = 3;
export const CLIENT_RENEG_WINDOW = 600;

// rustls supports exactly these (names as Node reports them).
export function getCiphers() {
  return [
    'tls_aes_128_gcm_sha256', 'tls_aes_256_gcm_sha384', 'tls_chacha20_poly1305_sha256',
    'ecdhe-ecdsa-aes128-gcm-sha256', 'ecdhe-ecdsa-aes256-gcm-sha384', 'ecdhe-ecdsa-chacha20-poly1305',
    'ecdhe-rsa-aes128-gcm-sha256', 'ecdhe-rsa-aes256-gcm-sha384', 'ecdhe-rsa-chacha20-poly1305',
  ];
}

function notImplemented(what) {
  return new codes.ERR_NOT_IMPLEMENTED(what);
}

export function createSecureContext() { throw notImplemented('tls.createSecureContext()'); }
export function checkServerIdentity() { throw notImplemented('tls.checkServerIdentity()'); }
export function createSecurePair() { throw notImplemented('tls.createSecurePair()'); }

const tls = {
  TLSSocket, Server, connect, createServer, DEFAULT_MIN_VERSION, DEFAULT_MAX_VERSION,
  DEFAULT_ECDH_CURVE, CLIENT_RENEG_LIMIT, CLIENT_RENEG_WINDOW, getCiphers, createSecureContext,
  checkServerIdentity, createSecurePair,
};
// webpki-roots carries trust anchors (subject + key), not the certificates Node lists here.
Object.defineProperty(tls, 'rootCertificates', {
  enumerable: true,
  get() { throw notImplemented('tls.rootCertificates'); },
});
export default tls;
