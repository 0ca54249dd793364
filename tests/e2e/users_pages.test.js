// A client of 100,000 users (delegate-server --scale-world 1x100000), opened by the Full agent:
// its users table shows the true total at once, scrolls to its last user by name with only the
// pages near the screen held in the browser, and a search on the server narrows it to one user.
'use strict';
const test = require('node:test');
const assert = require('node:assert');
const { startServer, launchBrowser, click, waitForState, signIn, state, typeInto,
        screenshot } = require('./support');

const AGENT = 'agent1@scalepartners.onmicrosoft.com';
const PASSWORD = 'Delegate-Demo-2026';
const DOMAIN = 'c0.onmicrosoft.com';

// Waits until the named rows are drawn with these names (rows not yet loaded are placeholders).
async function waitForNames(page, names, timeout = 30000) {
  await page.waitForFunction(want => Object.entries(want)
    .every(([upn, name]) => window.__delegate.state['ws.name.' + upn] === name),
  names, { timeout, polling: 100 });
}

test('a client of 100,000 users: the total at once, scrolled to the end, searched on the server', async (t) => {
  const server = await startServer(['--scale-world', '1x100000'], 0, 300000);
  t.after(() => server.stop());
  const browser = await launchBrowser();
  t.after(() => browser.close());
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  const errors = [];
  page.on('pageerror', e => errors.push(e.message));
  await page.goto(server.url);
  await signIn(page, AGENT, PASSWORD);
  await waitForState(page, 'sync', 'synced', 60000);

  await click(page, 'nav.customers');
  await waitForState(page, 'customers.rows', '1');
  const row = await page.evaluate(() => Object.keys(window.__delegate.rects)
    .find(k => k.startsWith('customers.row.')));
  await click(page, row);
  await waitForState(page, 'section', 'workspace');
  await waitForState(page, 'workspace.client', 'Customer 0');

  // Paged: the header counts every user, the first rows are drawn, and the browser holds a few
  // pages, not the directory.
  await waitForState(page, 'ws.users.paged', '1', 30000);
  await waitForState(page, 'ws.users.total', '100000');
  assert.strictEqual(await state(page, 'ws.users.rows'), '100000');
  await waitForNames(page, { ['u0@' + DOMAIN]: 'User 0', ['u1@' + DOMAIN]: 'User 1',
                             ['u10@' + DOMAIN]: 'User 10' });
  assert.ok(Number(await state(page, 'ws.users.pagesHeld')) <= 4);
  await screenshot(page, 'users-pages-first');

  // To the end with the keyboard, as a person would: a click on a row gives the table the
  // focus, End moves its cursor to the last row and scrolls there. The last user by name is
  // drawn once its page arrives.
  await click(page, 'ws.users.row.@2');
  await waitForState(page, 'ws.users.focused', 'true');
  await page.keyboard.press('End');
  await waitForState(page, 'ws.users.cursor', '@99999');
  await waitForNames(page, { ['u99999@' + DOMAIN]: 'User 99999' });
  assert.strictEqual(await state(page, 'ws.name.u0@' + DOMAIN), undefined, 'the top is off screen');
  assert.ok(Number(await state(page, 'ws.users.pagesHeld')) <= 12,
            'pages far from the screen are dropped: ' + await state(page, 'ws.users.pagesHeld'));
  await screenshot(page, 'users-pages-end');

  // A search goes to the server once typing pauses; its answer narrows the table to one user.
  await typeInto(page, 'ws.search', 'u77777@');
  await waitForState(page, 'ws.users.settled', '1');
  await waitForState(page, 'ws.users.total', '1');
  await waitForNames(page, { ['u77777@' + DOMAIN]: 'User 77777' });
  assert.strictEqual(await state(page, 'ws.users.rows'), '1');
  await screenshot(page, 'users-pages-search');

  // Cleared, the whole directory is back from its top.
  await typeInto(page, 'ws.search', '');
  await waitForState(page, 'ws.users.total', '100000');
  await waitForNames(page, { ['u0@' + DOMAIN]: 'User 0' });
  assert.deepStrictEqual(errors, []);
});
