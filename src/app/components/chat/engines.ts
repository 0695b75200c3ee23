/** The quiet line under the composer: which engines can answer right now, in words. */
import type { Health } from '../../../core/router';

export function enginesText(h: Health): string {
  const can: string[] = [];
  if (h.local) can.push('the local model');
  if (h.online && h.private.configured && h.private.available)
    can.push("your organisation's private endpoint");
  if (h.online && h.frontier.configured && h.frontier.available)
    can.push('the cloud model (personal details replaced first)');
  if (!can.length)
    return 'Nothing can answer right now: no local model is loaded and no cloud tier is reachable. Messages wait here until one is.';
  const list = can.length === 1 ? can[0] : `${can.slice(0, -1).join(', ')} and ${can.at(-1)}`;
  return `Can answer now: ${list}.`;
}
