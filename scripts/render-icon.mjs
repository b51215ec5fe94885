// Renders resources/icon.svg to the PNG electron-builder needs (512 px), with Debian's Chromium.
// Run by hand after editing the SVG: `node scripts/render-icon.mjs`; the PNG is committed.
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';

const svg = readFileSync(new URL('../resources/icon.svg', import.meta.url), 'utf8');
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
});
const page = await browser.newPage({ viewport: { width: 512, height: 512 } });
await page.setContent(
  `<html><body style="margin:0;background:transparent">${svg.replace('<svg ', '<svg width="512" height="512" ')}</body></html>`,
);
await page.screenshot({
  path: new URL('../resources/icon.png', import.meta.url).pathname,
  omitBackground: true,
});
await browser.close();
