import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { BALANCED, PRIVATE } from '../../../../core/policy';
import { PolicyEditor } from '../PolicyEditor';
import { ProfilePicker } from '../ProfilePicker';
import { RulesList } from '../RulesList';
import { TryIt, TryItDecision } from '../TryIt';
import { createAnalysisService } from '../../../../../workers/analysis-service';
import { healthFromFlags } from '../../../../core/router';

const SAMPLE = 'Write a short email to maria.silva@example.com: the review moves to next week.';

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

  it('"try it" shows the decision, its reasons and what would leave', async () => {
    // The chat's own evaluation: the analysis worker's preview (the model stage finds nothing here).
    const service = createAnalysisService(async () => []);
    const tryIt = async (policy: typeof BALANCED) =>
      renderToStaticMarkup(
        <TryItDecision
          result={await service.preview({
            request: { text: SAMPLE },
            policy,
            health: healthFromFlags(),
            known: [],
          })}
        />,
      );
    const html = await tryIt(BALANCED);
    expect(html).toContain('sanitize-and-solve');
    expect(html).toContain('contains 1 email address -&gt; personal');
    expect(html).toContain('[EMAIL_1]');
    expect(await tryIt(PRIVATE)).toContain('Nothing.');
  });

  it('"try it" pretends nothing before it knows this device\'s availability', () => {
    const html = renderToStaticMarkup(<TryIt policy={BALANCED} />);
    expect(html).toContain('try-text');
    expect(html).not.toContain('a local model is loaded');
  });
});
