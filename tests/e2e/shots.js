// Development helper: screenshots of the sandbox screens into build/e2e/dev-*.png.
'use strict';
const { startStatic, launchBrowser, waitForWidgets, click, waitForState, screenshot } = require('./support');
(async () => {
  const site = await startStatic();
  const browser = await launchBrowser();
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  page.on('pageerror', e => console.log('pageerror', e));
  page.on('console', m => console.log('console', m.text()));
  await page.goto(site.url + (process.argv[2] || ''));
  await waitForState(page, 'connection', 'sandbox', 30000);
  await page.waitForTimeout(500);
  const sections = (process.argv[3] || 'overview,customers,offers,relationships,partner-users,activity,explain').split(',');
  for (const s of sections) {
    await click(page, 'nav.' + s);
    await page.waitForTimeout(400);
    console.log(await screenshot(page, 'dev-' + s));
  }
  await browser.close();
  await site.stop();
})().catch(e => { console.error(e); process.exit(1); });
