import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'src/**/__tests__/**/*.test.{ts,tsx}',
      'server/**/__tests__/**/*.test.ts',
      'workers/**/__tests__/**/*.test.ts',
      'scripts/**/__tests__/**/*.test.ts',
      'testing/**/__tests__/**/*.test.ts',
      'bench/**/__tests__/**/*.test.ts',
    ],
    restoreMocks: true,
    // property tests from one fixed seed (testing/fast-check-seed.ts); npm run test:fuzz explores
    setupFiles: ['testing/fast-check-seed.ts'],
    // Hang guards, not speed checks (benchmarks measure speed): on a busy 2-core machine a test
    // that starts a CLI, a server or the NER model can take many times its idle duration.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
