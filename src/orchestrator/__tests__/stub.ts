/**
 * Loads testing/stub-upstream.ts (the shared stub OpenAI-compatible upstream). The import is
 * dynamic because the test TypeScript project does not include testing/ (it belongs to the node
 * project); the shape used here is declared locally and checked at runtime by the tests.
 */
export interface StubBehaviour {
  kind:
    | 'normal'
    | 'slow'
    | 'error'
    | 'rate-limit'
    | 'hang'
    | 'mid-stream-close'
    | 'truncated-stream'
    | 'invalid-json';
  reply?: string;
  echo?: boolean;
  status?: number;
  retryAfter?: string;
  chunksBeforeClose?: number;
  chunksBeforeEnd?: number;
  chunkDelayMs?: number;
}

export interface StubRequest {
  headers: Record<string, string>;
  json: unknown;
}

export interface StubUpstream {
  url: string;
  chatRequests(): StubRequest[];
  setBehaviour(b: StubBehaviour): void;
  clear(): void;
  close(): Promise<void>;
}

const STUB_MODULE = '../../../testing/stub-upstream';

export async function startStubUpstream(): Promise<StubUpstream> {
  const mod = (await import(/* @vite-ignore */ STUB_MODULE)) as {
    startStubUpstream(o?: object): Promise<StubUpstream>;
  };
  return mod.startStubUpstream();
}
