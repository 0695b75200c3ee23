/**
 * Real values return into an answer's rendered text, never into its links. The answer's Markdown
 * is parsed with its placeholders intact; then the placeholders in text nodes are filled in
 * (rehypeRestoreText), while URLs keep them. A link whose target would carry personal data once
 * filled in is opened only after the user saw the full URL and confirmed (PersonalLink).
 */
import type { Root, RootContent } from 'hast';
import { Vault, restore, type EntityType, type VaultEntry } from '../../../core/pii';
import { safeUrl } from './safe-url';

/** What opening a link would carry. */
export interface LinkExposure {
  /** The target with the placeholders filled in: what the browser would open. */
  url: string;
  /** False when the filled-in target is not a URL this app opens (e.g. a value made it `javascript:`). */
  openable: boolean;
  /** The kinds of personal values it would carry, e.g. ['CREDIT_CARD', 'PHONE']. */
  types: string[];
}

export interface AnswerRestorer {
  /** A text node's value with every placeholder the vault knows filled in. */
  text(value: string): string;
  /** What a link target would carry, or undefined when it holds no personal value. */
  link(href: string): LinkExposure | undefined;
}

/** Types whose values are numbers written in many ways: compared by their digits. */
const NUMERIC: ReadonlySet<string> = new Set(['PHONE', 'CREDIT_CARD', 'IBAN', 'NATIONAL_ID']);

const digits = (s: string): string => s.replace(/\D/g, '');

/** A URL as a person reads it: percent-escapes decoded where they form valid UTF-8. */
function readable(href: string): string {
  try {
    return decodeURIComponent(href);
  } catch {
    return href.replace(/(?:%[0-9a-f]{2})+/gi, (run) => {
      try {
        return decodeURIComponent(run);
      } catch {
        return run;
      }
    });
  }
}

/** The vault of a conversation as stored (db rows) for the renderer. */
export function vaultFromRows(
  rows: readonly { placeholder: string; type: string; value: string }[],
): Vault {
  return Vault.fromJSON({
    version: 1,
    entries: rows.map((r) => ({
      placeholder: r.placeholder,
      type: r.type as EntityType,
      value: r.value,
    })),
    counters: {},
  });
}

function carries(target: string, entry: VaultEntry): boolean {
  const value = entry.value.trim().toLowerCase();
  if (value.length >= 3 && target.toLowerCase().includes(value)) return true;
  if (!NUMERIC.has(entry.type)) return false;
  const d = digits(entry.value);
  return d.length >= 6 && digits(target).includes(d);
}

/**
 * Restores from `vault`. A link counts as carrying personal data when, with its placeholders
 * filled in, it contains a value of the vault (also one the model wrote out itself).
 */
export function answerRestorer(vault: Vault): AnswerRestorer {
  const entries = vault.entries();
  return {
    text: (value) => (vault.size === 0 ? value : restore(value, vault).text),
    link(href) {
      if (vault.size === 0) return undefined;
      const url = restore(readable(href), vault).text;
      const types = [...new Set(entries.filter((e) => carries(url, e)).map((e) => e.type))];
      if (types.length === 0) return undefined;
      return { url, openable: safeUrl(url) !== '', types: types.sort() };
    },
  };
}

/**
 * rehype plugin: fills placeholders into text nodes, and nowhere else. Runs before highlighting,
 * which would otherwise split a placeholder over several spans.
 */
export function rehypeRestoreText(options: { restorer?: AnswerRestorer | undefined }) {
  const restorer = options.restorer;
  return (tree: Root): void => {
    if (!restorer) return;
    const stack: (Root | RootContent)[] = [tree];
    for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
      if (node.type === 'text') node.value = restorer.text(node.value);
      else if ('children' in node) stack.push(...node.children);
    }
  };
}
