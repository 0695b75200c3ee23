/**
 * Runs the stub upstream as its own process (for the Playwright e2e tests):
 *
 *   npx tsx testing/stub-upstream-cli.ts [--port 0] [--api-key KEY]
 *
 * Prints one line with its URL (e.g. `http://127.0.0.1:41234`; set CLOUD_BASE_URL to that plus
 * `/v1`) and serves, besides the OpenAI-compatible routes:
 *   GET    /__received   -> {"received": RecordedRequest[]}
 *   DELETE /__received   -> clears the record
 *   POST   /__behaviour  -> body is a StubBehaviour, e.g. {"kind":"error","status":500}
 * Stops on SIGINT/SIGTERM.
 */
import { startStubUpstream } from './stub-upstream';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const port = Number(arg('port') ?? process.env.STUB_PORT ?? 0);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error('--port must be an integer between 0 and 65535');
  process.exit(2);
}

const stub = await startStubUpstream({
  port,
  controlEndpoints: true,
  expectedApiKey: arg('api-key'),
});
console.log(stub.url);
const stop = (): void => {
  void stub.close().finally(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
