// Saves the current screenshots of each main screen (sandbox, 1440x900) into docs/screenshots/.
// Usage: node tests/e2e/screenshots.js
'use strict';
const path = require('path');
const fs = require('fs');
const { ROOT, startStatic, launchBrowser, click, waitForState, typeInto } = require('./support');
const { openCustomer } = require('./people');
const { switchPersona } = require('./sandbox_support');

const OUT = path.join(ROOT, 'docs/screenshots');

(async () => {
  fs.mkdirSync(OUT, { recursive: true });
  const site = await startStatic();
  const browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const shot = async name => {
    await page.waitForTimeout(350);
    await page.mouse.move(1430, 890);
    await page.waitForTimeout(150);
    await page.screenshot({ path: path.join(OUT, name + '.png') });
    console.log('docs/screenshots/' + name + '.png');
  };
  try {
    await page.goto(site.url);
    await waitForState(page, 'connection', 'sandbox', 60000);
    await shot('overview');
    await click(page, 'nav.customers');
    await shot('customers');
    await openCustomer(page, 'Contoso');
    await shot('workspace-users');
    await click(page, 'workspace.tab.domains');
    await shot('workspace-domains');
    await click(page, 'workspace.tab.devices');
    await click(page, 'devices.try');
    await shot('workspace-devices');
    // A client with a subscription: its licenses and who holds them.
    await openCustomer(page, 'Tailwind');
    await click(page, 'workspace.tab.licenses');
    const manage = await page.evaluate(() => Object.keys(window.__delegate.rects)
      .find(k => k.endsWith('.manage')));
    if (manage) await click(page, manage);
    await shot('workspace-licenses');
    await click(page, 'workspace.tab.users');
    await click(page, 'nav.offers');
    await shot('offers');
    await click(page, 'offers.tab.trials');
    await shot('offers-trials');
    await click(page, 'nav.relationships');
    await waitForState(page, 'section', 'relationships');
    await typeInto(page, 'rel.search', '#');
    await page.waitForTimeout(200);
    const rows = await page.evaluate(() => Object.entries(window.__delegate.rects)
      .filter(([k]) => k.startsWith('relationships.row.')).sort((a, b) => a[1].y - b[1].y)
      .map(([k]) => k));
    await click(page, rows[1]);
    await page.waitForTimeout(300);
    for (const r of rows.slice(0, 3)) {
      await click(page, r.replace('.row.', '.select.'));
      await page.waitForTimeout(200);
    }
    await shot('relationships');
    await typeInto(page, 'rel.search', '');
    await click(page, 'rel.new');
    await typeInto(page, 'wizard.customer.search', 'contoso');
    await click(page, 'wizard.customer.pick.Contoso');
    await typeInto(page, 'wizard.displayName', 'Contoso helpdesk 2026');
    await shot('relationship-wizard');
    await click(page, 'wizard.next');
    await click(page, 'wizard.next');
    await shot('relationship-wizard-no-role');
    await click(page, 'wizard.cancel');
    await click(page, 'nav.partner-users');
    await waitForState(page, 'section', 'partner-users');
    await click(page, await page.evaluate(() => Object.keys(window.__delegate.rects)
      .find(k => k.startsWith('pusers.row.lena.limited@'))));
    await shot('partner-users');
    await click(page, 'nav.activity');
    await shot('activity');
    await click(page, 'nav.explain');
    await shot('explain-access');
    await page.keyboard.press('Control+k');
    await page.keyboard.type('fab', { delay: 20 });
    await shot('quick-search');
    await page.keyboard.press('Escape');
    await click(page, 'topbar.theme');
    await click(page, 'nav.customers');
    await typeInto(page, 'customers.search', '');
    await shot('customers-dark');
    await click(page, 'topbar.theme');
    await switchPersona(page, /Lena Lindqvist/);
    await openCustomer(page, 'Contoso');
    await click(page, 'workspace.tab.users');
    await page.mouse.move(0, 0);
    const r = (await page.evaluate(() => window.__delegate.rects['ws.adduser.open']));
    await page.mouse.move(r.x + r.w / 2, r.y + r.h / 2);
    await page.waitForTimeout(500);
    await page.screenshot({ path: path.join(OUT, 'agent-limited.png') });
    console.log('docs/screenshots/agent-limited.png');
    await switchPersona(page, /customer admin, Contoso/);
    await shot('customer-home');
    await click(page, 'nav.partners');
    await click(page, 'partner.remove.Northwind Partners');
    await shot('customer-remove-partner');
    await click(page, 'confirm.cancel');
    await switchPersona(page, /Leo Laine/);
    await shot('small-partner-overview');
  } finally {
    await browser.close();
    await site.stop();
  }
})().catch(e => { console.error(e); process.exit(1); });
