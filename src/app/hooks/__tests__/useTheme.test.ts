import { describe, expect, it, vi } from 'vitest';
import { applyTheme, nextTheme, readTheme, THEME_STORAGE_KEY } from '../useTheme';

function fakeStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return {
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => void data.set(k, v),
    removeItem: (k: string) => void data.delete(k),
  };
}

describe('theme', () => {
  it('cycles system → light → dark → system', () => {
    expect(nextTheme('system')).toBe('light');
    expect(nextTheme('light')).toBe('dark');
    expect(nextTheme('dark')).toBe('system');
  });

  it('reads a stored choice and falls back to system on junk or disabled storage', () => {
    vi.stubGlobal('localStorage', fakeStorage({ [THEME_STORAGE_KEY]: 'dark' }));
    expect(readTheme()).toBe('dark');
    vi.stubGlobal('localStorage', fakeStorage({ [THEME_STORAGE_KEY]: 'purple' }));
    expect(readTheme()).toBe('system');
    vi.stubGlobal('localStorage', {
      getItem: () => {
        throw new Error('SecurityError');
      },
    });
    expect(readTheme()).toBe('system');
    vi.unstubAllGlobals();
  });

  it('sets data-theme for an explicit choice and removes it for system', () => {
    const attrs = new Map<string, string>();
    const root = {
      setAttribute: (k: string, v: string) => void attrs.set(k, v),
      removeAttribute: (k: string) => void attrs.delete(k),
    } as unknown as HTMLElement;
    applyTheme('dark', root);
    expect(attrs.get('data-theme')).toBe('dark');
    applyTheme('light', root);
    expect(attrs.get('data-theme')).toBe('light');
    applyTheme('system', root);
    expect(attrs.has('data-theme')).toBe(false);
  });
});
