/**
 * Detection over a whole attached document, in the analysis worker (where the NER model lives),
 * section by section so the page can show progress: every entity, the regulated-content
 * categories, the table columns that are mostly personal, and the distinct values to redact
 * wherever they appear in what is sent later. Runs off the main thread: a 200,000-character
 * document takes seconds of model time and must not freeze the page.
 */
import { recognizeCategories } from '../src/core/analysis';
import {
  personalColumns,
  type DocumentAnalysis,
  type DocumentProgress,
} from '../src/core/documents';
import type { DocumentDetectionApi } from '../src/core/documents/worker-api';
import { detect, type DenyListEntry, type Entity } from '../src/core/pii';

/** Characters per detection call: progress steps, and the NER runner's batches stay small. */
export const SECTION_CHARS = 16_000;
/**
 * Detected values worth redacting wherever they appear later. Validated identifiers always;
 * names and organisations only when they have two words or more ("Maren Vandersloot"): a single
 * word the model once took for a name ("The", "Section") would otherwise be replaced everywhere.
 * Places and plain dates are not identifying on their own and are left to detection at send time.
 */
export function propagates(e: Pick<Entity, 'type' | 'text'>): boolean {
  switch (e.type) {
    case 'PERSON':
    case 'ORGANIZATION':
      return /\S\s+\S/u.test(e.text.trim()) && e.text.trim().length >= 5;
    case 'LOCATION':
    case 'DATE':
    case 'URL':
      return false;
    default:
      return e.text.trim().length >= 2;
  }
}

/** Distinct values kept per document (a huge table keeps its first ones; detection still runs at send). */
export const MAX_KNOWN_VALUES = 20_000;

/** Section ends: at a blank line, else a line end, else a space, near `SECTION_CHARS`. */
export function sections(text: string, size = SECTION_CHARS): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let s = 0;
  while (text.length - s > size) {
    let e = -1;
    for (const b of ['\n\n', '\n', ' ']) {
      const i = text.lastIndexOf(b, s + size);
      if (i > s + size / 2) {
        e = i + b.length;
        break;
      }
    }
    if (e < 0) e = s + size;
    out.push([s, e]);
    s = e;
  }
  if (s < text.length || out.length === 0) out.push([s, text.length]);
  return out;
}

export function createDocumentAnalysis(
  runNer: ((text: string) => Promise<Entity[]>) | undefined,
  now = () => performance.now(),
): DocumentDetectionApi {
  return {
    async analyzeDocument(req, onProgress) {
      const t0 = now();
      const parts = sections(req.text);
      const entities: Entity[] = [];
      let modelStage: DocumentAnalysis['modelStage'] = runNer ? 'ok' : 'skipped';
      for (let i = 0; i < parts.length; i++) {
        const [s, e] = parts[i] as [number, number];
        const r = await detect(req.text.slice(s, e), {
          threshold: req.threshold,
          allowList: req.allowList,
          denyList: req.denyList,
          ...(runNer ? { ner: runNer } : {}),
        });
        if (r.modelStage === 'failed') modelStage = 'failed';
        for (const ent of r.entities)
          entities.push({ ...ent, start: ent.start + s, end: ent.end + s });
        const progress: DocumentProgress = {
          stage: 'checking',
          fraction: (i + 1) / parts.length,
          detail: `${Math.round(((i + 1) / parts.length) * 100)}%`,
        };
        onProgress?.(progress);
      }
      const counts: DocumentAnalysis['counts'] = {};
      for (const e of entities) counts[e.type] = (counts[e.type] ?? 0) + 1;
      const categories = recognizeCategories(req.text, entities);
      const tables = personalColumns(req.text, req.tables, entities);
      const known: DenyListEntry[] = [];
      const seen = new Set<string>();
      const add = (v: DenyListEntry) => {
        const key = `${v.type}\u0000${v.value.toLowerCase()}`;
        if (seen.has(key) || known.length >= MAX_KNOWN_VALUES) return;
        seen.add(key);
        known.push(v);
      };
      for (const v of tables.values) add(v);
      for (const e of entities) if (propagates(e)) add({ value: e.text.trim(), type: e.type });
      return {
        chars: req.text.length,
        counts,
        categories,
        columns: tables.columns,
        knownValues: known,
        modelStage,
        ms: now() - t0,
      };
    },
  };
}
