import type { Context } from 'hono';

/**
 * Cache-Control for the built app's files. Vite puts content-hashed files under /assets/, so they
 * can be cached forever; everything else keeps its name across releases and must be revalidated,
 * above all index.html and sw.js, or users would be stuck on an old release.
 */
export function cacheControlFor(pathname: string): string {
  if (pathname.startsWith('/assets/')) return 'public, max-age=31536000, immutable';
  if (pathname.startsWith('/icons/')) return 'public, max-age=86400';
  return 'no-cache';
}

/** `onFound` hook for serve-static: decides by the request path, not the file path. */
export function setCacheHeaders(_filePath: string, c: Context): void {
  c.header('Cache-Control', cacheControlFor(c.req.path));
}
