/**
 * What the device's GPU can do, as probed in the local-model worker. Shared by page and worker
 * (types and pure helpers only).
 */

export interface GpuAdapterInfo {
  vendor: string;
  architecture: string;
  device: string;
  description: string;
}

export type GpuCapabilities =
  | {
      webgpu: 'unavailable';
      /** Plain-words reason, e.g. "This browser does not expose WebGPU". */
      reason: string;
    }
  | {
      webgpu: 'available';
      adapter: GpuAdapterInfo;
      shaderF16: boolean;
      maxBufferSize: number;
      maxStorageBufferBindingSize: number;
      /** A CPU implementation (SwiftShader, llvmpipe...): works, but far too slow for real use. */
      softwareRenderer: boolean;
    };

const SOFTWARE_RENDERERS = /swiftshader|llvmpipe|lavapipe|softpipe|microsoft basic render/i;

/** True when the adapter looks like a CPU fallback rather than a real GPU. */
export function looksLikeSoftwareRenderer(
  info: GpuAdapterInfo,
  isFallbackAdapter = false,
): boolean {
  if (isFallbackAdapter) return true;
  return SOFTWARE_RENDERERS.test(
    [info.vendor, info.architecture, info.device, info.description].join(' '),
  );
}

function formatBytes(bytes: number): string {
  const gib = bytes / 1024 ** 3;
  if (gib >= 1) return `${Number.isInteger(gib) ? gib : gib.toFixed(1)} GiB`;
  return `${Math.round(bytes / 1024 ** 2)} MiB`;
}

/** One sentence for the Models view, e.g. "WebGPU available (software renderer, no 16-bit...)". */
export function describeCapabilities(caps: GpuCapabilities): {
  headline: string;
  details: string[];
} {
  if (caps.webgpu === 'unavailable') {
    return {
      headline: `Local inference is unavailable: ${caps.reason}.`,
      details: [
        'Detection and routing still work on this device; requests that may leave it can use the cloud tier if one is configured.',
      ],
    };
  }
  const notes: string[] = [];
  if (caps.softwareRenderer) notes.push('software renderer');
  notes.push(caps.shaderF16 ? '16-bit float shaders supported' : 'no 16-bit float shaders');
  const consequence = caps.shaderF16 ? 'f16 and f32 models will run' : 'only f32 models will run';
  const details = [
    `Adapter: ${caps.adapter.vendor || 'unknown vendor'}${caps.adapter.architecture ? ` / ${caps.adapter.architecture}` : ''}${caps.adapter.description ? ` (${caps.adapter.description})` : ''}.`,
    `Largest buffer: ${formatBytes(caps.maxBufferSize)}; largest storage binding: ${formatBytes(caps.maxStorageBufferBindingSize)}.`,
  ];
  if (caps.softwareRenderer) {
    details.push(
      'A software renderer runs on the CPU: models load, but answers will be very slow.',
    );
  }
  return { headline: `WebGPU available (${notes.join(', ')}): ${consequence}.`, details };
}
