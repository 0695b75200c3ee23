/** Display names and formatting shared by the dashboard's charts and tables. */

const ROUTE_LABELS: Record<string, string> = {
  local: 'Local',
  private: 'Private tier',
  frontier: 'Cloud',
  blocked: 'Blocked',
  queued: 'Queued',
};

/** Series colours; readable on both the light and the dark background. */
const ROUTE_COLOURS: Record<string, string> = {
  local: '#2f855a',
  private: '#3b82f6',
  frontier: '#d97706',
  blocked: '#dc2626',
  queued: '#8b5cf6',
};
const FALLBACK_COLOURS = ['#0d9488', '#db2777', '#65a30d', '#7c3aed'];

export function routeLabel(route: string): string {
  return ROUTE_LABELS[route] ?? route;
}

export function tierLabel(tier: string): string {
  return tier === 'frontier' ? 'Cloud' : tier === 'private' ? 'Private tier' : routeLabel(tier);
}

export function routeColour(route: string, index: number): string {
  return ROUTE_COLOURS[route] ?? FALLBACK_COLOURS[index % FALLBACK_COLOURS.length] ?? '#888888';
}

export function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

export function ms(value: number): string {
  return value >= 10_000 ? `${(value / 1000).toFixed(1)} s` : `${Math.round(value)} ms`;
}

export function usd(value: number): string {
  if (value > 0 && value < 0.01) return '< $0.01';
  return new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(value);
}

/** "14:00" for hour buckets, "21 Nov" for day buckets, in the user's locale and time zone. */
export function bucketLabel(start: number, bucket: 'hour' | 'day'): string {
  const d = new Date(start);
  return bucket === 'hour'
    ? d.toLocaleString(undefined, {
        day: 'numeric',
        month: 'short',
        hour: '2-digit',
        minute: '2-digit',
      })
    : d.toLocaleDateString(undefined, { day: 'numeric', month: 'short' });
}
