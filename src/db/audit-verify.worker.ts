/**
 * Checks one slice of the audit chain off the main thread (see audit-verify.ts). It opens the same
 * IndexedDB database read-only in practice (it never writes) and closes it when done.
 */
import { expose } from 'comlink';
import { HearthDb } from './schema';
import { verifySlice, type VerifyWorkerApi } from './audit-verify';

const api: VerifyWorkerApi = {
  async verifySlice(dbName, req, onChecked) {
    const d = new HearthDb(dbName);
    try {
      return await verifySlice(d, req, (n) => void onChecked(n));
    } finally {
      d.close();
    }
  },
};

expose(api);
