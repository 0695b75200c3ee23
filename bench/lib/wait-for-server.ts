/** Polls `url` until it answers 2xx; throws after `ms`. For benchmarks that start the app server. */
export async function waitForServer(url: string, ms = 30_000): Promise<void> {
  const t0 = Date.now();
  for (;;) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    if (Date.now() - t0 > ms) throw new Error(`server did not start at ${url}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
