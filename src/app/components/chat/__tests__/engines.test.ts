import { describe, expect, it } from 'vitest';
import { healthFromFlags } from '../../../../core/router';
import { enginesText } from '../engines';

describe('enginesText', () => {
  it('names what can answer now', () => {
    expect(enginesText(healthFromFlags())).toBe(
      'Can answer now: the local model and the cloud model (personal details replaced first).',
    );
    expect(enginesText(healthFromFlags({ local: false, private: true }))).toBe(
      "Can answer now: your organisation's private endpoint and the cloud model (personal details replaced first).",
    );
  });

  it('says plainly when nothing can, and that messages wait', () => {
    expect(enginesText(healthFromFlags({ local: false, online: false }))).toMatch(
      /^Nothing can answer right now: no local model is loaded/,
    );
    expect(enginesText(healthFromFlags({ local: false, cloud: false }))).toMatch(/wait here/);
  });
});
