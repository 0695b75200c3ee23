/**
 * The per-device signing key: an ECDSA P-256 key pair created on first use, its private half
 * non-extractable, stored as CryptoKey objects in IndexedDB (they are structured-cloneable, so the
 * key never exists outside WebCrypto). Public keys of imported devices are kept to verify their
 * entries.
 */
import { KEY_ALGORITHM, importPublicKey, keyIdFor, type AuditPublicKey } from '../core/audit';
import { db } from './schema';
import { withLock } from './lock';
import type { AuditKeyRow } from './types';
import { guardWrite } from './errors';

let cached: { dbName: string; row: AuditKeyRow } | null = null;

/** This device's signing key, created (once, across tabs) on first use. */
export async function deviceKey(): Promise<AuditKeyRow & { privateKey: CryptoKey }> {
  const d = db();
  if (cached?.dbName === d.name && cached.row.privateKey) {
    return cached.row as AuditKeyRow & { privateKey: CryptoKey };
  }
  return withLock('hearth-audit-key', async () => {
    let row = (await d.auditKeys.toArray()).find((k) => k.privateKey);
    if (!row) {
      const pair = await crypto.subtle.generateKey(KEY_ALGORITHM, false, ['sign', 'verify']);
      const jwk = await crypto.subtle.exportKey('jwk', pair.publicKey);
      const publicKeyJwk = { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y };
      row = {
        keyId: await keyIdFor(publicKeyJwk),
        publicKeyJwk,
        publicKey: pair.publicKey,
        privateKey: pair.privateKey,
        createdAt: Date.now(),
      };
      const toStore = row;
      await guardWrite(() => d.auditKeys.put(toStore));
    }
    cached = { dbName: d.name, row };
    return row as AuditKeyRow & { privateKey: CryptoKey };
  });
}

/** Forget the cached key (after the database was switched or restored). */
export function forgetCachedKey(): void {
  cached = null;
}

/** Every known public key: this device's and those of imported backups. */
export async function publicKeys(): Promise<AuditPublicKey[]> {
  const rows = await db().auditKeys.toArray();
  return rows.map((r) => ({ keyId: r.keyId, publicKeyJwk: r.publicKeyJwk }));
}

/** Turns exported public keys into verify-only rows (done before any import transaction). */
export async function verifyOnlyRows(keys: readonly AuditPublicKey[]): Promise<AuditKeyRow[]> {
  const rows: AuditKeyRow[] = [];
  for (const k of keys) {
    if ((await keyIdFor(k.publicKeyJwk)) !== k.keyId)
      throw new Error(`key ${k.keyId} does not match its fingerprint`);
    rows.push({
      keyId: k.keyId,
      publicKeyJwk: k.publicKeyJwk,
      publicKey: await importPublicKey(k.publicKeyJwk),
      createdAt: Date.now(),
    });
  }
  return rows;
}
