import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createBrowserNer } from '../browser-ner';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

describe('browser NER runner (onnxruntime-web WASM backend, run here under Node)', () => {
  it('loads the committed model from bytes and finds PERSON/ORGANIZATION/LOCATION', async () => {
    const bytes = new Uint8Array(readFileSync(path.join(root, 'public/models/ner/ner.onnx')));
    const web = await createBrowserNer(
      bytes,
      path.join(root, 'node_modules/onnxruntime-web/dist/'),
    );
    const text = 'Angela Merkel met executives of Siemens in Munich.';
    const got = (await web.run(text)).map((e) => [e.type, e.text]);
    expect(got).toEqual([
      ['PERSON', 'Angela Merkel'],
      ['ORGANIZATION', 'Siemens'],
      ['LOCATION', 'Munich'],
    ]);
    await web.release();
  });

  it('rejects when the model cannot be fetched (callers fail closed)', async () => {
    await expect(createBrowserNer('http://127.0.0.1:9/none.onnx')).rejects.toThrow();
  });
});
