import { describe, expect, it } from 'vitest';
import { makeError, toLocalModelError } from '../errors';

const named = (name: string, message: string) => Object.assign(new Error(message), { name });

describe('error mapping', () => {
  it.each([
    [
      named('WebGPUNotAvailableError', 'WebGPU is not supported in your current environment'),
      'webgpu_unavailable',
    ],
    [
      new Error('Unable to find a compatible GPU. navigator.gpu is undefined'),
      'webgpu_unavailable',
    ],
    [named('QuotaExceededError', 'The quota has been exceeded.'), 'quota_exceeded'],
    [new TypeError('Failed to fetch'), 'network_lost'],
    [
      new Error(
        'Cannot fetch https://h/model/resolve/main/params_shard_3.bin err= TypeError: network error',
      ),
      'network_lost',
    ],
    [
      named('DeviceLostError', 'The WebGPU device was lost while loading the model.'),
      'device_lost',
    ],
    [
      named('ShaderF16SupportError', 'This model requires WebGPU extension shader-f16'),
      'model_too_large',
    ],
    [new Error('Buffer size 2000000000 exceeds the max buffer size limit'), 'model_too_large'],
    [named('ModelNotFoundError', 'Cannot find model record in appConfig for x'), 'model_not_found'],
    [new Error('Network response was not ok: 404 Not Found'), 'model_not_found'],
    [new SyntaxError(`Unexpected token '<', "<!doctype" is not valid JSON`), 'model_not_found'],
    [named('AbortError', 'The operation was aborted.'), 'aborted'],
    [new Error('something odd'), 'unknown'],
  ])('%s -> %s', (err, code) => {
    const mapped = toLocalModelError(err, { modelId: 'm' });
    expect(mapped.code).toBe(code);
    expect(mapped.message.length).toBeGreaterThan(3);
    expect(mapped.hint.length).toBeGreaterThan(10);
  });

  it('passes structured errors with known codes through', () => {
    expect(toLocalModelError({ code: 'worker_crashed', message: 'gone' })).toEqual(
      makeError('worker_crashed', 'gone'),
    );
  });

  it('handles non-Error throws', () => {
    expect(toLocalModelError('boom').code).toBe('unknown');
    expect(toLocalModelError({ message: 'Failed to fetch' }).code).toBe('network_lost');
  });
});
