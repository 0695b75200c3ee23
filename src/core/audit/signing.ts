/**
 * WebCrypto helpers for the audit chain. Uses the global `crypto.subtle`, present in browsers,
 * workers and Node 20+, so the page and the offline verifier run the very same code.
 */
import { canonicalize } from './canonical';
import type { PublicJwk, WebCryptoKey } from './types';

/** ECDSA over P-256 with SHA-256: the algorithm every entry is signed with. */
export const SIGN_ALGORITHM = { name: 'ECDSA', hash: 'SHA-256' } as const;
export const KEY_ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256' } as const;

const encoder = new TextEncoder();
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

export function toHex(buf: ArrayBuffer): string {
  const bytes = new Uint8Array(buf);
  let out = '';
  for (let i = 0; i < bytes.length; i++) out += HEX[bytes[i] ?? 0];
  return out;
}

export function toBase64(buf: ArrayBuffer): string {
  const bytes = new Uint8Array(buf);
  let bin = '';
  for (let i = 0; i < bytes.length; i++) bin += String.fromCharCode(bytes[i] ?? 0);
  return btoa(bin);
}

/** Decodes base64; returns null for anything that is not valid base64. */
export function fromBase64(text: string): Uint8Array<ArrayBuffer> | null {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) return null;
  const bin = atob(text);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** SHA-256 of the UTF-8 bytes of `text`, as lowercase hex. */
export async function sha256Hex(text: string): Promise<string> {
  return toHex(await crypto.subtle.digest('SHA-256', encoder.encode(text)));
}

/** A key's fingerprint: SHA-256 of the canonical public JWK members (like RFC 7638). */
export async function keyIdFor(jwk: PublicJwk): Promise<string> {
  return sha256Hex(canonicalize({ crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y }));
}

export async function importPublicKey(jwk: PublicJwk): Promise<WebCryptoKey> {
  return crypto.subtle.importKey('jwk', jwk, KEY_ALGORITHM, true, ['verify']);
}

/** Signs the UTF-8 bytes of an entry hash; returns base64 of the raw (r||s) signature. */
export async function signHash(privateKey: WebCryptoKey, hash: string): Promise<string> {
  return toBase64(await crypto.subtle.sign(SIGN_ALGORITHM, privateKey, encoder.encode(hash)));
}

export async function verifyHashSignature(
  publicKey: WebCryptoKey,
  hash: string,
  signature: string,
): Promise<boolean> {
  const sig = fromBase64(signature);
  if (!sig) return false;
  return crypto.subtle.verify(SIGN_ALGORITHM, publicKey, sig, encoder.encode(hash));
}
