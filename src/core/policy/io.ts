/** Import/export of policies as JSON or YAML, with validation errors people can read. */
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import type { z } from 'zod';
import { PolicySchema, type Policy } from './schema';

export interface PolicyIssue {
  /** Where, as a readable path: "rules[2].then.route". Empty for the whole document. */
  path: string;
  message: string;
}

export type ParseResult = { ok: true; policy: Policy } | { ok: false; issues: PolicyIssue[] };

function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out ? `.${String(p)}` : String(p);
  }
  return out;
}

function describe(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_value':
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'unrecognized_keys':
      return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
    case 'invalid_type':
      return issue.input === undefined
        ? `is missing (expected ${issue.expected})`
        : `must be ${issue.expected}`;
    default:
      return issue.message;
  }
}

/** Validates an already-parsed value. */
export function validatePolicy(value: unknown): ParseResult {
  const r = PolicySchema.safeParse(value);
  if (r.success) return { ok: true, policy: r.data };
  return {
    ok: false,
    issues: r.error.issues.map((i) => ({ path: formatPath(i.path), message: describe(i) })),
  };
}

/** "rules[2].then.route: must be one of ..." lines. */
export function formatIssues(issues: readonly PolicyIssue[]): string[] {
  return issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message));
}

/** Parses JSON or YAML (YAML is a superset of JSON; the format is detected by the first character). */
export function parsePolicy(source: string): ParseResult {
  let value: unknown;
  const trimmed = source.trimStart();
  try {
    value = trimmed.startsWith('{') ? JSON.parse(source) : parseYaml(source, { maxAliasCount: 50 });
  } catch (err) {
    const message =
      err instanceof Error ? (err.message.split('\n')[0] ?? err.message) : String(err);
    return {
      ok: false,
      issues: [
        { path: '', message: `not valid ${trimmed.startsWith('{') ? 'JSON' : 'YAML'}: ${message}` },
      ],
    };
  }
  return validatePolicy(value);
}

export function exportPolicy(policy: Policy, format: 'json' | 'yaml'): string {
  return format === 'json' ? `${JSON.stringify(policy, null, 2)}\n` : stringifyYaml(policy);
}
