// A partner with many clients, through the real server: the Customers list is drawn from the
// portfolio's head (the core's summary rows), and the relationships and access assignments
// follow in a second answer (issue 11).
'use strict';
const test = require('node:test');
const assert = require('node:assert');
const { startServer, launchBrowser, click, waitForState, state, signIn, typeInto, screenshot,
        waitForStateMatch } = require('./support');

const DEMO_PASSWORD = 'Delegate-Demo-2026';

test('a large partner: the Customers list comes from the portfolio head, the relationships follow', async (t) => {
  const server = await startServer(['--scale-world', '300x5'], 0, 120000);
  t.after(() => server.stop());
  const browser = await launchBrowser();
  t.after(() => browser.close());
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const views = [];
  page.on('request', r => { if (r.url().includes('/api/view')) views.push(r.url()); });
  await page.goto(server.url);
  await signIn(page, 'agent1@scalepartners.onmicrosoft.com', DEMO_PASSWORD);

  await click(page, 'nav.customers');
  await page.waitForFunction(() => window.__delegate.state['customers.rows'] === '300', null,
                             { timeout: 60000 });
  // The first view asked for the head only, and the details were asked for over it.
  assert.match(views[0], /scope=portfolio&details=later/);
  await waitForState(page, 'portfolio.details', 'held', 60000);
  await waitForState(page, 'sync', 'synced', 60000);
  assert.ok(views.some(u => /since=\d+.*details=1/.test(u)), views.join('\n'));

  // A row says what the core's summary says: its name, its size, and the agent's standing there.
  await typeInto(page, 'customers.search', 'Customer 17');
  await waitForStateMatch(page, 'customers.firstRows', /^Customer 17\|5\n/);
  await screenshot(page, 'scale-customers');

  // The relationships arrived: two per client.
  await click(page, 'nav.relationships');
  await page.waitForFunction(() => window.__delegate.state['relationships.rows'] === '600', null,
                             { timeout: 60000 });
  assert.strictEqual(await state(page, 'sync'), 'synced');
  await context.close();
});
