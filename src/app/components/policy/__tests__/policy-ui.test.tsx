import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { BALANCED, PRIVATE } from '../../../../core/policy';
import { PolicyEditor } from '../PolicyEditor';
import { ProfilePicker } from '../ProfilePicker';
import { RulesList } from '../RulesList';
import { TryIt } from '../TryIt';

const noop = () => undefined;

describe('policy view components (server-rendered markup)', () => {
  it('the profile picker offers the three profiles with the current one checked', () => {
    const html = renderToStaticMarkup(<ProfilePicker policy={BALANCED} onChange={noop} />);
    expect(html).toContain('Private');
    expect(html).toContain('Cloud-first');
    expect(html).toMatch(/value="balanced"[^>]*checked=""|checked=""[^>]*value="balanced"/);
  });

  it('the rules list reads like the policy', () => {
    const html = renderToStaticMarkup(<RulesList policy={BALANCED} onChange={noop} />);
    expect(html).toContain('When level regulated');
    expect(html).toContain('→ local / local');
    expect(html).toContain('Edit rule regulated-stays-local');
  });

  it('the editor shows the document and says it is valid', () => {
    const html = renderToStaticMarkup(<PolicyEditor policy={PRIVATE} onApply={noop} />);
    expect(html).toContain('name: Private');
    expect(html).toContain('Valid policy.');
    expect(html).toContain('Export YAML');
  });

  it('"try it" shows the decision, its reasons and what would leave', () => {
    const html = renderToStaticMarkup(<TryIt policy={BALANCED} />);
    expect(html).toContain('sanitize-and-solve');
    expect(html).toContain('contains 1 email address -&gt; personal');
    expect(html).toContain('[EMAIL_1]');
    const priv = renderToStaticMarkup(<TryIt policy={PRIVATE} />);
    expect(priv).toContain('Nothing.');
  });
});
