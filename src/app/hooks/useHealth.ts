import { useQuery } from '@tanstack/react-query';
import { parseHealth, type HealthResponse } from '../../core/wire/health';

export const healthKeys = { all: ['health'] as const };

async function fetchHealth(): Promise<HealthResponse> {
  const res = await fetch('/api/health', { headers: { accept: 'application/json' } });
  if (!res.ok) throw new Error(`The proxy answered ${res.status}`);
  const health = parseHealth(await res.json());
  if (!health) throw new Error('The proxy answered with an unexpected health format');
  return health;
}

/** Proxy health, refreshed every minute; offline it simply fails and the app stays local-only. */
export function useHealth() {
  return useQuery({ queryKey: healthKeys.all, queryFn: fetchHealth, refetchInterval: 60_000 });
}
