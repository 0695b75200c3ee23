import { describe, expect, it } from 'vitest';
import { createProgressMapper, formatBytes, formatEta, phaseOf } from '../progress';

const fetching = (mb: number, pct: number, secs: number) => ({
  progress: pct / 100,
  timeElapsed: secs,
  text: `Fetching param cache[3/24]: ${mb}MB fetched. ${pct}% completed, ${secs} secs elapsed. It can take a while when we first visit this page to populate the cache. Later refreshes will become faster.`,
});

describe('progress mapping', () => {
  it('reads bytes from web-llm text and derives the total from the fraction', () => {
    const map = createProgressMapper(() => 0);
    const p = map(fetching(100, 25, 10));
    expect(p.loadedBytes).toBe(100 * 1024 * 1024);
    expect(p.totalBytes).toBe(400 * 1024 * 1024);
    expect(p.fraction).toBe(0.25);
    expect(p.text).toBe('Downloading the model');
    expect(p.etaSeconds).toBeUndefined(); // no rate yet
  });

  it('estimates time left from the average download rate', () => {
    let t = 0;
    const map = createProgressMapper(() => t);
    map(fetching(100, 25, 0));
    t = 10_000; // 100 MB more in 10 s = 10 MB/s; 200 MB left = 20 s
    const p = map(fetching(200, 50, 10));
    expect(p.etaSeconds).toBe(20);
  });

  it('maps the cache and shader phases without an ETA', () => {
    const map = createProgressMapper(() => 0);
    const c = map({
      progress: 0.5,
      timeElapsed: 1,
      text: 'Loading model from cache[12/24]: 200MB loaded. 50% completed, 1 secs elapsed.',
    });
    expect(c.text).toBe('Loading the model from this device');
    expect(c.loadedBytes).toBe(200 * 1024 * 1024);
    expect(c.etaSeconds).toBeUndefined();
    const s = map({
      progress: 0.3,
      timeElapsed: 2,
      text: 'Loading GPU shader modules[30/100]: 30% completed, 2 secs elapsed.',
    });
    expect(s).toMatchObject({
      text: 'Preparing the GPU',
      loadedBytes: undefined,
      totalBytes: undefined,
    });
    expect(phaseOf('Finish loading on WebGPU - google')).toBe('done');
    expect(phaseOf('Start to fetch params')).toBe('download');
  });

  it('clamps odd fractions', () => {
    const map = createProgressMapper(() => 0);
    expect(map({ progress: Number.NaN, timeElapsed: 0, text: 'x' }).fraction).toBe(0);
    expect(map({ progress: 3, timeElapsed: 0, text: 'x' }).fraction).toBe(1);
  });

  it('formats bytes and time left in plain words', () => {
    expect(formatBytes(1_234_000_000)).toBe('1.2 GB');
    expect(formatBytes(340_000_000)).toBe('340 MB');
    expect(formatBytes(undefined)).toBe('unknown size');
    expect(formatEta(30)).toBe('less than a minute left');
    expect(formatEta(180)).toBe('about 3 minutes left');
    expect(formatEta(3900)).toBe('about 1 h 5 min left');
    expect(formatEta(undefined)).toBeUndefined();
  });
});
