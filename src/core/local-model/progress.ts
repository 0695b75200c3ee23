/**
 * Turns web-llm's InitProgressReport ({progress, timeElapsed, text}) into bytes and time left for
 * the progress bar. web-llm only puts the byte count in the text ("Fetching param cache[3/24]:
 * 412MB fetched. 37% completed, 18 secs elapsed."), so the text is parsed; the total follows from
 * the fetched bytes and the fraction. Pure: the caller keeps the tracker per load.
 */
import type { LoadProgress } from './api';

/** The shape of web-llm's InitProgressReport (a structural copy; core never imports web-llm). */
export interface InitProgressLike {
  progress: number;
  timeElapsed: number;
  text: string;
}

const MIB = 1024 * 1024;
const FETCH = /Fetching param cache\[\d+\/\d+\]:\s*(\d+)MB fetched/i;
const FROM_CACHE = /Loading model from cache\[\d+\/\d+\]:\s*(\d+)MB loaded/i;

export type LoadPhase = 'download' | 'from-cache' | 'shaders' | 'done' | 'other';

export function phaseOf(text: string): LoadPhase {
  if (FETCH.test(text) || /Start to fetch params/i.test(text)) return 'download';
  if (FROM_CACHE.test(text)) return 'from-cache';
  if (/Loading GPU shader modules/i.test(text)) return 'shaders';
  if (/Finish loading/i.test(text)) return 'done';
  return 'other';
}

/** Plain-words line for the UI. */
function describe(phase: LoadPhase, report: InitProgressLike): string {
  switch (phase) {
    case 'download':
      return 'Downloading the model';
    case 'from-cache':
      return 'Loading the model from this device';
    case 'shaders':
      return 'Preparing the GPU';
    case 'done':
      return 'Ready';
    default:
      return report.text.split('.')[0] || 'Starting';
  }
}

/**
 * Creates a mapper for one load. ETA is computed only while downloading, from the average rate
 * since the download started (more stable than the last interval on bursty connections).
 */
export function createProgressMapper(now: () => number = () => Date.now()) {
  let downloadStart: { at: number; bytes: number } | undefined;
  let totalBytes: number | undefined;

  return function map(report: InitProgressLike): LoadProgress {
    const phase = phaseOf(report.text);
    const fraction = clamp01(report.progress);
    const match = FETCH.exec(report.text) ?? FROM_CACHE.exec(report.text);
    let loadedBytes: number | undefined;
    let etaSeconds: number | undefined;
    if (match) {
      loadedBytes = Number(match[1]) * MIB;
      if (fraction > 0.001) totalBytes = Math.round(loadedBytes / fraction);
      else if (totalBytes === undefined) totalBytes = undefined;
    }
    if (phase === 'download' && loadedBytes !== undefined) {
      const t = now();
      if (!downloadStart) downloadStart = { at: t, bytes: loadedBytes };
      const seconds = (t - downloadStart.at) / 1000;
      const bytes = loadedBytes - downloadStart.bytes;
      if (seconds >= 1 && bytes > 0 && totalBytes !== undefined) {
        etaSeconds = Math.max(0, Math.round((totalBytes - loadedBytes) / (bytes / seconds)));
      }
    }
    return {
      fraction,
      loadedBytes,
      totalBytes: match ? totalBytes : undefined,
      etaSeconds,
      text: describe(phase, report),
    };
  };
}

function clamp01(n: number): number {
  if (!Number.isFinite(n)) return 0;
  return Math.min(1, Math.max(0, n));
}

/** "1.2 GB", "340 MB" for the UI. */
export function formatBytes(bytes: number | undefined): string {
  if (bytes === undefined) return 'unknown size';
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(1)} GB`;
  if (bytes >= 1e6) return `${Math.round(bytes / 1e6)} MB`;
  if (bytes >= 1e3) return `${Math.round(bytes / 1e3)} KB`;
  return `${Math.round(bytes)} bytes`;
}

/** "about 3 minutes left", "less than a minute left". */
export function formatEta(seconds: number | undefined): string | undefined {
  if (seconds === undefined) return undefined;
  if (seconds < 60) return 'less than a minute left';
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `about ${minutes} minute${minutes === 1 ? '' : 's'} left`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return `about ${hours} h ${rest} min left`;
}
