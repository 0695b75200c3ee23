/**
 * Renders public/icons/hearth.svg to the PNG icons the manifest lists, with the same Chromium the
 * e2e tests use. Run after editing the SVG: `npx tsx scripts/make-icons.ts`. The PNGs are committed.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium } from '@playwright/test';

const iconsDir = path.resolve(import.meta.dirname, '..', 'public', 'icons');
const svg = readFileSync(path.join(iconsDir, 'hearth.svg'), 'utf8');

const targets = [
  { file: 'icon-192.png', size: 192, padding: 0 },
  { file: 'icon-512.png', size: 512, padding: 0 },
  // Maskable icons need the artwork inside the central 80% "safe zone".
  { file: 'icon-maskable-512.png', size: 512, padding: 0.12 },
];

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox'],
});
try {
  for (const { file, size, padding } of targets) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    const inner = Math.round(size * (1 - 2 * padding));
    await page.setContent(
      `<body style="margin:0;background:#1c1917;display:grid;place-items:center;width:${size}px;height:${size}px">` +
        `<div style="width:${inner}px;height:${inner}px">${svg.replace('<svg ', `<svg width="${inner}" height="${inner}" `)}</div></body>`,
    );
    await page.screenshot({ path: path.join(iconsDir, file), omitBackground: false });
    await page.close();
  }
} finally {
  await browser.close();
}
console.log('icons written to', iconsDir);
