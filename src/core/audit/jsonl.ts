/**
 * The JSON Lines export format and its verification: a header line naming the signing keys and
 * the head of the chain, then one entry per line. `verifyJsonlExport` is all an auditor runs.
 */
import { keyIdFor, importPublicKey } from './signing';
import { verifyEntries } from './chain';
import type {
  AuditEntry,
  AuditExportHeader,
  AuditPublicKey,
  AuditHead,
  AuditVerifyResult,
  WebCryptoKey,
} from './types';

export function formatJsonlExport(
  entries: readonly AuditEntry[],
  keys: AuditPublicKey[],
  head: AuditHead | null,
  exportedAt = new Date().toISOString(),
): string {
  const header: AuditExportHeader = {
    type: 'hearth-audit-export',
    version: 1,
    exportedAt,
    count: entries.length,
    head,
    keys,
  };
  return [JSON.stringify(header), ...entries.map((e) => JSON.stringify(e))].join('\n') + '\n';
}

export type JsonlVerifyResult =
  | (AuditVerifyResult & { header: AuditExportHeader })
  | { ok: false; code: 'malformed'; reason: string; firstBadSeq: number; count: 0 };

/**
 * Verifies an export: every line parses, every public key matches its keyId, the chain links,
 * hashes and signatures hold, and the last entry is the recorded head. `pinnedKeyIds`, when
 * given, must include every signing key (an auditor who knows the device key pins it).
 */
export async function verifyJsonlExport(
  text: string,
  pinnedKeyIds?: readonly string[],
): Promise<JsonlVerifyResult> {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  const malformed = (reason: string, seq = 0) =>
    ({ ok: false, code: 'malformed', reason, firstBadSeq: seq, count: 0 }) as const;
  if (lines.length === 0) return malformed('the file is empty');
  let header: AuditExportHeader;
  try {
    header = JSON.parse(lines[0] ?? '') as AuditExportHeader;
  } catch {
    return malformed('the first line is not JSON');
  }
  if (
    header?.type !== 'hearth-audit-export' ||
    header.version !== 1 ||
    !Array.isArray(header.keys)
  ) {
    return malformed('the first line is not a Hearth audit export header');
  }
  const keys = new Map<string, WebCryptoKey>();
  for (const k of header.keys) {
    try {
      if ((await keyIdFor(k.publicKeyJwk)) !== k.keyId) {
        return malformed(
          `public key ${String(k.keyId).slice(0, 16)}… does not match its fingerprint`,
        );
      }
      if (pinnedKeyIds && !pinnedKeyIds.includes(k.keyId)) continue;
      keys.set(k.keyId, await importPublicKey(k.publicKeyJwk));
    } catch {
      return malformed('a public key in the header cannot be imported');
    }
  }
  const entries: unknown[] = [];
  for (let i = 1; i < lines.length; i++) {
    try {
      entries.push(JSON.parse(lines[i] ?? ''));
    } catch {
      return malformed(`line ${i + 1} is not JSON`, i);
    }
  }
  const result = await verifyEntries(entries, (id) => keys.get(id), header.head ?? null);
  if (result.ok && result.count !== header.count) {
    return {
      ok: false,
      code: 'truncated',
      reason: `the header announces ${header.count} entries but the file holds ${result.count}`,
      firstBadSeq: result.count + 1,
      count: result.count,
      header,
    };
  }
  return { ...result, header };
}
