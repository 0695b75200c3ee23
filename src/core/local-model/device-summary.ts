/**
 * What each local engine can do on this device, and the trade-off, in plain sentences for the
 * first-run panel and the Models view. Pure: the page gathers the facts (GPU probe, Chrome's
 * model, the catalog's recommendation, the last measured speed) and this says them.
 *
 * Speeds are stated only when measured: on this device (the last answer), or the one figure the
 * project measured itself (a software renderer, docs/local-model.md). Nothing is extrapolated.
 */
import type { BuiltinInfo, EngineKind, ModelInfo, ModelStatus } from './api';
import type { GpuCapabilities } from './capabilities';
import { formatBytes } from './progress';

export interface EngineSummary {
  engine: 'web-llm' | 'chrome-built-in';
  title: string;
  /** Whether this engine can answer on this device (now or after a download). */
  usable: boolean;
  lines: string[];
  tradeOff: string;
}

export interface DeviceFacts {
  /** undefined: the probe failed (`capsError` says why). */
  caps: GpuCapabilities | undefined;
  capsError?: string;
  builtin: BuiltinInfo | undefined;
  /** The catalog's recommended model for this device. */
  recommended: ModelInfo | undefined;
  status: ModelStatus | undefined;
}

/** Tokens of a 150-word answer, for "an answer in about N s". */
const ANSWER_TOKENS = 200;

function measured(status: ModelStatus | undefined, engines: readonly EngineKind[]) {
  if (status?.state !== 'ready' || !status.engine || !engines.includes(status.engine)) return;
  const tps = status.lastDecodeTokensPerSecond;
  if (tps === undefined || !(tps > 0)) return;
  const seconds = ANSWER_TOKENS / tps;
  const time =
    seconds < 90 ? `${Math.max(1, Math.round(seconds))} s` : `${Math.round(seconds / 60)} min`;
  return `Measured here: ${tps.toFixed(1)} tokens per second on the last answer (a 150-word answer in about ${time}).`;
}

function languageNames(tags: readonly string[]): string {
  let names: Intl.DisplayNames | undefined;
  try {
    names = new Intl.DisplayNames(['en'], { type: 'language' });
  } catch {
    names = undefined;
  }
  return tags.map((t) => names?.of(t) ?? t).join(', ');
}

function webLlm(f: DeviceFacts): EngineSummary {
  const title = "A model on this device's GPU (web-llm)";
  const tradeOff =
    'You choose the model and its licence; it is downloaded once into this browser, then works offline, and holds its GPU memory while in use.';
  const caps = f.caps;
  if (!caps || caps.webgpu === 'unavailable') {
    return {
      engine: 'web-llm',
      title,
      usable: false,
      lines: [`Cannot run here: ${caps?.reason ?? f.capsError ?? 'the GPU could not be probed'}.`],
      tradeOff,
    };
  }
  const gpu = [caps.adapter.vendor, caps.adapter.architecture, caps.adapter.description]
    .filter(Boolean)
    .join(' ');
  const lines = [
    caps.softwareRenderer
      ? `Only a software renderer here (${gpu || 'no GPU'}): models run on the CPU.`
      : `GPU: ${gpu || 'detected (the browser does not name it)'}${caps.shaderF16 ? '' : ', without 16-bit float shaders (f32 models only)'}.`,
  ];
  const m = f.recommended;
  if (m) {
    lines.push(
      `Recommended: ${m.id}, a download of ${m.downloadBytesEstimated ? 'about ' : ''}${formatBytes(m.downloadBytes)}${m.vramMB !== undefined ? `, about ${(m.vramMB / 1024).toFixed(1)} GB of GPU memory` : ''}${m.cached ? ' (already downloaded)' : ''}.`,
    );
  }
  lines.push(
    measured(f.status, ['web-llm', 'test-engine']) ??
      (caps.softwareRenderer
        ? 'Far too slow to use: on a 2-core test machine with this kind of renderer a 0.5B model decoded about 0.1 tokens per second.'
        : 'Speed: not measured on this device yet; Hearth shows it after the first answer.'),
  );
  return { engine: 'web-llm', title, usable: true, lines, tradeOff };
}

const BUILTIN_STATE: Record<BuiltinInfo['availability'], string> = {
  unsupported: 'Not in this browser',
  unavailable: 'Unavailable',
  downloadable: 'Available after a one-time download by Chrome (Hearth downloads nothing)',
  downloading: 'Chrome is downloading it',
  available: 'Ready, no download needed',
};

function builtin(f: DeviceFacts): EngineSummary {
  const title = "Chrome's built-in model (Gemini Nano)";
  const tradeOff =
    "Nothing for Hearth to download and no GPU memory of its own; the model is Google's Gemini Nano under Google's terms, with fewer languages and a small context window (long conversations are cut to the latest turns).";
  const b = f.builtin;
  if (!b)
    return { engine: 'chrome-built-in', title, usable: false, lines: ['Checking…'], tradeOff };
  const usable = b.availability !== 'unsupported' && b.availability !== 'unavailable';
  const lines = [`${BUILTIN_STATE[b.availability]}${b.reason ? `: ${b.reason}` : ''}.`];
  if (usable && b.languages.length) lines.push(`Languages: ${languageNames(b.languages)}.`);
  if (usable) {
    lines.push(
      measured(f.status, ['chrome-built-in']) ??
        'Chrome runs it on the GPU when the GPU has more than 4 GB of memory, otherwise on the CPU; Hearth shows its speed after the first answer.',
    );
  }
  return { engine: 'chrome-built-in', title, usable, lines, tradeOff };
}

export function summarizeDevice(f: DeviceFacts): EngineSummary[] {
  return [builtin(f), webLlm(f)];
}
