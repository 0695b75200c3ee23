import { describe, expect, it } from 'vitest';
import type { ModelInfo } from '../../../core/local-model/api';
import { formatDownload, suggestModel } from '../FirstRunPanel';

const model = (over: Partial<ModelInfo>): ModelInfo => ({
  id: 'm',
  downloadBytes: undefined,
  vramMB: undefined,
  contextLength: undefined,
  licence: undefined,
  precision: 'f16',
  fits: true,
  recommended: false,
  cached: false,
  ...over,
});

describe('first run', () => {
  it('suggests the recommended model that fits, else any recommended one', () => {
    expect(
      suggestModel([
        model({ id: 'big', recommended: true, fits: false }),
        model({ id: 'small', recommended: true }),
      ])?.id,
    ).toBe('small');
    expect(suggestModel([model({ id: 'big', recommended: true, fits: false })])?.id).toBe('big');
    expect(suggestModel([model({ id: 'x' })])).toBeUndefined();
  });

  it('formats download sizes in decimal units', () => {
    expect(formatDownload(1_930_000_000)).toBe('1.9 GB');
    expect(formatDownload(650_400_000)).toBe('650 MB');
    expect(formatDownload(10)).toBe('1 MB');
  });
});
