/** The value, or a test failure saying it was missing (instead of a non-null assertion). */
export function must<T>(value: T | null | undefined): T {
  if (value === null || value === undefined) throw new Error('expected a value');
  return value;
}

export function nth<T>(items: readonly T[], i: number): T {
  return must(items[i]);
}
