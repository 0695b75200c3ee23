import { describe, expect, it } from 'vitest';
import { promptInstall, shouldOfferInstall, type InstallState } from '../useInstallPrompt';

const ready: InstallState = { available: true, moment: true, dismissed: false, installed: false };

describe('install offer', () => {
  it('shows only when installable, at the right moment, not declined and not installed', () => {
    expect(shouldOfferInstall(ready)).toBe(true);
    expect(shouldOfferInstall({ ...ready, available: false })).toBe(false);
    expect(shouldOfferInstall({ ...ready, moment: false })).toBe(false);
    expect(shouldOfferInstall({ ...ready, dismissed: true })).toBe(false);
    expect(shouldOfferInstall({ ...ready, installed: true })).toBe(false);
  });

  it('has nothing to prompt before Chrome offered installation', async () => {
    await expect(promptInstall()).resolves.toBe('unavailable');
  });
});
