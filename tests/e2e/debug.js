'use strict';
const { startStatic, launchBrowser, waitForWidgets, click, waitForState, screenshot, typeInto, state } = require('./support');
(async () => {
  const site = await startStatic();
  const browser = await launchBrowser();
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  page.on('pageerror', e => console.log('pageerror', e));
  page.on('console', m => { if (!/GL Driver|404/.test(m.text())) console.log('console', m.text()); });
  await page.goto(site.url);
  await waitForState(page, 'connection', 'sandbox', 30000);
  const steps = require(process.argv[2]);
  await steps({ page, click, waitForState, screenshot, typeInto, state, waitForWidgets });
  await browser.close();
  await site.stop();
})().catch(e => { console.error(e); process.exit(1); });
