/**
 * Plain words for what documents did to a request: when a document's regulated content keeps a
 * request on this device and no local model can answer it, the person is told so, and what to do.
 */
import type { CategoryHit } from '../../core/analysis';
import { levelRank, type Policy } from '../../core/policy/schema';
import type { SendResult } from '../orchestrator';

const NOUNS: Record<string, string> = {
  health: 'health details',
  hr: 'an HR or disciplinary matter',
  financial: 'financial account records',
  children: "children's data",
  internal: 'internal material',
};

/** The documents whose categories make a request regulated under this policy, with the words. */
export function regulatedDocuments(
  flagged: ReadonlyArray<{ name: string; categories: readonly CategoryHit[] }>,
  policy: Policy,
): Array<{ name: string; what: string }> {
  const out: Array<{ name: string; what: string }> = [];
  for (const f of flagged) {
    const hits = f.categories.filter((c) => {
      const level =
        policy.sensitivity.categories[c.category] ??
        (c.category === 'internal' ? 'internal' : 'regulated');
      return levelRank(level) >= levelRank('regulated');
    });
    if (hits.length)
      out.push({
        name: f.name,
        what: hits.map((h) => NOUNS[h.category] ?? h.category).join(' and '),
      });
  }
  return out;
}

/** The note under a blocked answer whose documents kept it on this device; undefined otherwise. */
export function documentsBlockedNote(
  result: Pick<SendResult, 'status' | 'decision'>,
  flagged: ReadonlyArray<{ name: string; categories: readonly CategoryHit[] }>,
  policy: Policy,
): string | undefined {
  if (result.status !== 'blocked') return undefined;
  const docs = regulatedDocuments(flagged, policy);
  const first = docs[0];
  if (!first) return undefined;
  const which =
    docs.length === 1
      ? `"${first.name}" contains ${first.what}`
      : `${docs.map((d) => `"${d.name}"`).join(', ')} contain regulated content`;
  return `${which}, so this conversation may not leave this device, and no local model is loaded here to answer it. Load a model on the Models page and send again, or ask without the document in a new conversation.`;
}
