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
    testTimeout: 20_000,
  },
});
