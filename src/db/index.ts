/**
 * Hearth's local data. The UI and the orchestrator use these functions (or the hooks built on
 * them), never Dexie tables directly.
 */
export { DB_NAME, HearthDb, db, switchDatabase } from './schema';
export * from './types';
export {
  DbError,
  isQuotaError,
  onDbError,
  lastQuotaFailure,
  toDbError,
  QUOTA_MESSAGE,
  type DbErrorCode,
} from './errors';
export * from './conversations';
export * from './documents';
export * from './memories';
export * from './vault';
export * from './outbox';
export * from './metrics';
export * from './settings';
export * from './instructions';
export {
  appendAudit,
  appendAuditBatch,
  verifyAuditChain,
  exportAuditJsonl,
  exportAuditCsv,
  countAudit,
  getAuditEntries,
  auditSeqs,
  auditFacets,
  type AuditFilter,
  type VerifyOptions,
} from './audit';
export { deviceKey, publicKeys } from './keys';
export {
  exportBackup,
  importBackup,
  backupSchema,
  type Backup,
  type ImportSummary,
} from './backup';
export {
  storageHealth,
  requestPersistentStorage,
  onStorageMutated,
  type StorageHealth,
} from './health';
export type { AuditEntryInput, AuditVerifyResult, AuditHead } from '../core/audit';
