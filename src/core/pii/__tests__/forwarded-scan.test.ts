import { describe, expect, it } from 'vitest';
import { detectPatterns, scanForwarded, scanForwardedAsync, type ForwardedDetector } from '..';

const detect: ForwardedDetector = (text, options) => detectPatterns(text, options);

describe('scanForwarded', () => {
  it('passes texts with nothing personal and placeholders', () => {
    expect(
      scanForwarded(
        ['Answer briefly.', 'Summarise the note [PERSON_1] sent to [EMAIL_1].', 'stop'],
        detect,
      ),
    ).toEqual({ verdict: 'clean' });
    expect(scanForwarded([], detect)).toEqual({ verdict: 'clean' });
  });

  it('blocks a value in any one text, and says which text and where', () => {
    const texts = ['Be brief.', 'Hello', 'mail jonas.berg@acme.example now'];
    const r = scanForwarded(texts, detect);
    expect(r).toMatchObject({ verdict: 'blocked', types: ['EMAIL'] });
    if (r.verdict !== 'blocked') return;
    expect(r.findings).toEqual([
      {
        type: 'EMAIL',
        score: expect.any(Number),
        joined: false,
        locations: [{ index: 2, start: 5, end: 28 }],
      },
    ]);
  });

  it('sees a card split between its digit groups across two messages', () => {
    const texts = ['Pay with card 4111 1111', '1111 1111 today'];
    // Alone, neither piece is a card (the detector may see a phone-like number in each).
    for (const t of texts)
      expect(detectPatterns(t).map((e) => e.type)).not.toContain('CREDIT_CARD');
    const r = scanForwarded(texts, detect);
    expect(r.verdict).toBe('blocked');
    if (r.verdict !== 'blocked') return;
    expect(r.types).toContain('CREDIT_CARD');
    const f = r.findings.find((x) => x.type === 'CREDIT_CARD');
    expect(f?.joined).toBe(true);
    // Both pieces are located in their own texts: the digits of each.
    expect(f?.locations.map((l) => texts[l.index]?.slice(l.start, l.end))).toEqual([
      '4111 1111',
      '1111 1111',
    ]);
  });

  it('sees an e-mail address cut in the middle, across a message and a name', () => {
    const r = scanForwarded(['write to jonas.berg@', 'acme.example'], detect);
    expect(r).toMatchObject({ verdict: 'blocked', types: ['EMAIL'] });
  });

  it('skips empty texts without shifting the locations of the others', () => {
    const r = scanForwarded(['', 'x', '', 'call +49 30 1234567'], detect);
    expect(r).toMatchObject({ verdict: 'blocked', types: ['PHONE'] });
    if (r.verdict !== 'blocked') return;
    expect(r.findings[0]?.locations[0]).toEqual({ index: 3, start: 5, end: 19 });
  });

  it('applies the threshold itself, even when the detector ignores it', () => {
    const careless: ForwardedDetector = () => [{ type: 'PHONE', score: 0.3 }];
    expect(scanForwarded(['a', 'b'], careless, 0.5)).toEqual({ verdict: 'clean' });
    expect(scanForwarded(['a'], careless, 0.2)).toMatchObject({ verdict: 'blocked' });
  });

  it('fails closed when the detector throws', () => {
    const broken: ForwardedDetector = () => {
      throw new Error('boom');
    };
    expect(scanForwarded(['a'], broken)).toEqual({ verdict: 'failed', message: 'boom' });
  });

  it('gives the same verdicts with an asynchronous detector, and fails closed when it rejects', async () => {
    const texts = [
      'Pay with card 4111 1111',
      '1111 1111 today',
      'write to jonas.berg@',
      'acme.example',
    ];
    expect(await scanForwardedAsync(texts, async (t, o) => detect(t, o))).toEqual(
      scanForwarded(texts, detect),
    );
    expect(
      await scanForwardedAsync(['a', 'b'], () => Promise.reject(new Error('model failed'))),
    ).toEqual({ verdict: 'failed', message: 'model failed' });
  });
});
