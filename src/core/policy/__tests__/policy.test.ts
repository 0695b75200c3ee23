import { describe, expect, it } from 'vitest';
import {
  DEFAULT_POLICY,
  PROFILE_POLICIES,
  exportPolicy,
  formatIssues,
  parsePolicy,
  profilePolicy,
  validatePolicy,
} from '..';

describe('policy documents', () => {
  it.each(Object.entries(PROFILE_POLICIES))('the shipped profile %s is valid', (_id, p) => {
    expect(validatePolicy(p)).toEqual({ ok: true, policy: p });
  });

  it('Balanced is the default', () => {
    expect(DEFAULT_POLICY.profile).toBe('balanced');
  });

  it.each(['json', 'yaml'] as const)('round-trips through %s', (format) => {
    const text = exportPolicy(PROFILE_POLICIES['cloud-first'], format);
    const back = parsePolicy(text);
    expect(back).toEqual({ ok: true, policy: PROFILE_POLICIES['cloud-first'] });
  });

  it('profilePolicy returns a copy that is safe to edit', () => {
    const p = profilePolicy('balanced');
    p.rules.pop();
    expect(PROFILE_POLICIES.balanced.rules.length).toBe(p.rules.length + 1);
  });

  it('explains what is wrong, with a path', () => {
    const p = structuredClone(PROFILE_POLICIES.balanced) as unknown as Record<string, unknown>;
    const rules = p.rules as { then: { route: string } }[];
    (rules[2] as { then: { route: string } }).then.route = 'moon';
    p.colour = 'blue';
    delete p.thresholds;
    const r = validatePolicy(p);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const lines = formatIssues(r.issues);
    expect(lines).toContain(
      'rules[2].then.route: must be one of "local", "private", "frontier", "blocked", "queued"',
    );
    expect(lines).toContain('unknown field "colour"');
    expect(lines).toContain('thresholds: is missing (expected object)');
  });

  it('refuses a regulated ceiling other than local and a Private profile that lets data out', () => {
    const p = structuredClone(PROFILE_POLICIES.private) as unknown as {
      sensitivity: { ceilings: Record<string, string> };
    };
    p.sensitivity.ceilings.public = 'frontier';
    const r = validatePolicy(p);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(formatIssues(r.issues).join('\n')).toContain(
        'sensitivity.ceilings.public: the Private profile keeps everything',
      );
    }
    p.sensitivity.ceilings.regulated = 'frontier';
    const r2 = validatePolicy(p);
    expect(r2.ok).toBe(false);
    if (!r2.ok)
      expect(formatIssues(r2.issues).join('\n')).toContain('sensitivity.ceilings.regulated');
  });

  it('reports broken YAML and JSON in one readable line', () => {
    const y = parsePolicy('version: 1\nname: [unclosed');
    expect(y.ok).toBe(false);
    if (!y.ok) expect(y.issues[0]?.message).toMatch(/^not valid YAML: /);
    const j = parsePolicy('{"version": 1,');
    expect(j.ok).toBe(false);
    if (!j.ok) expect(j.issues[0]?.message).toMatch(/^not valid JSON: /);
  });

  it('rejects duplicate rule ids', () => {
    const p = structuredClone(PROFILE_POLICIES.balanced);
    p.rules.push({ ...(p.rules[0] as (typeof p.rules)[number]) });
    const r = validatePolicy(p);
    expect(r.ok).toBe(false);
  });
});

describe('prices', () => {
  it('a document written before prices existed still validates, with the default prices', () => {
    const older: Partial<typeof DEFAULT_POLICY> = structuredClone(DEFAULT_POLICY);
    delete older.prices;
    const r = validatePolicy(older);
    expect(r.ok && r.policy.prices.frontier).toEqual({ inputPerMTok: 3, outputPerMTok: 15 });
  });

  it('rejects negative prices with a message that names the field', () => {
    const bad = structuredClone(DEFAULT_POLICY);
    bad.prices.frontier.inputPerMTok = -1;
    const r = validatePolicy(bad);
    expect(r.ok).toBe(false);
    expect(r.ok ? [] : formatIssues(r.issues).join(' ')).toContain('prices.frontier.inputPerMTok');
  });
});
