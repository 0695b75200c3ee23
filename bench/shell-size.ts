/**
 * `npm run bench:shell`: the JavaScript and CSS the first paint needs (what index.html loads
 * directly plus its modulepreloads), gzipped, from the production build in dist/. Budget: 150 KB.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const dist = path.resolve(import.meta.dirname, '..', process.argv[2] ?? 'dist');
const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
const urls = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.(?:js|css))"/g)].flatMap((m) =>
  m[1] ? [m[1]] : [],
);

let jsGzip = 0;
let cssGzip = 0;
for (const url of urls) {
  const bytes = readFileSync(path.join(dist, url));
  const gz = gzipSync(bytes, { level: 9 }).length;
  if (url.endsWith('.js')) jsGzip += gz;
  else cssGzip += gz;
  console.log(
    `${url.padEnd(48)} ${(bytes.length / 1024).toFixed(1).padStart(8)} KB  ${(gz / 1024).toFixed(1).padStart(7)} KB gz`,
  );
}
const budget = 150 * 1024;
console.log(
  `initial JS: ${(jsGzip / 1024).toFixed(1)} KB gzipped (budget 150 KB); CSS ${(cssGzip / 1024).toFixed(1)} KB gzipped`,
);
if (jsGzip > budget) {
  console.error('over budget');
  process.exit(1);
}
