// What a partner and a client trip over in their first hour (issue 16), walked as a person would:
// real clicks and keys, every frame's navigation recorded from the test hook.
'use strict';
const test = require('node:test');
const assert = require('node:assert');
const { startServer, launchBrowser, click, waitForState, waitForStateMatch, waitForWidgets, state,
        typeInto, screenshot } = require('./support');
const { newPerson, openCustomer } = require('./people');
const { openSandbox, switchPersona, widgetsStartingWith } = require('./sandbox_support');

const DEMO_PASSWORD = 'Delegate-Demo-2026';
const PARTNER_NAV = /Overview|Build your business|Customers|Delegate admin offer|Partner overview/;

// Records, from before the first frame, every state the app publishes that says what is on
// screen: the navigation, the section and any warning on a link's page.
async function recordFrames(context) {
  await context.addInitScript(() => {
    window.__frames = [];
    let current;
    Object.defineProperty(window, '__delegate', {
      configurable: true,
      get() { return current; },
      set(v) {
        current = v;
        const s = (v && v.state) || {};
        window.__frames.push({ nav: s.nav || '', navVariant: s.navVariant || '',
                               section: s.section || '', warning: s['accept.warning'] || '',
                               tenant: s.tenant || '', search: !!(v && v.rects && v.rects['topbar.search']) });
      },
    });
  });
}

const frames = page => page.evaluate(() => window.__frames);

// Signing in to the demo world, whose first view (151 customers) can take a while on a loaded
// machine: the waits are on state, with room for that.
async function signInDemo(page, upn) {
  await waitForState(page, 'section', 'sign-in', 60000);
  await typeInto(page, 'signin.userPrincipalName', upn);
  await typeInto(page, 'signin.password', DEMO_PASSWORD);
  await click(page, 'signin.submit');
  await waitForState(page, 'signedIn', 'true', 60000);
  await page.waitForFunction(() => !!window.__delegate.state.me, null, { timeout: 60000, polling: 100 });
}

async function clipboard(page) {
  return page.evaluate(() => window.__delegateClipboard);
}

test('first hour: the offer link copied again, a visitor sees only the request, a client never sees partner screens', async (t) => {
  const server = await startServer(['--demo']);
  const browser = await launchBrowser();
  t.after(async () => { await browser.close(); await server.stop(); });

  // The partner administrator, in a browser that never saw the link being made: Show link, then
  // copy it twice. The same link each time, and the toast says what was copied.
  const amy = await newPerson(browser, server.url);
  await signInDemo(amy.page, 'amy.admin@northwindpartners.onmicrosoft.com');
  await click(amy.page, 'nav.offers');
  await waitForState(amy.page, 'section', 'offers');
  await click(amy.page, 'offers.tab.dap');
  await click(amy.page, 'offer.reveal');
  await waitForStateMatch(amy.page, 'value.offer.link', /\/offer\/[A-Za-z0-9_-]{40,}$/);
  const link = await state(amy.page, 'value.offer.link');
  await click(amy.page, 'offer.link.copy');
  await waitForStateMatch(amy.page, 'toasts', /(^|\n)Offer link copied\.(\n|$)/);
  assert.strictEqual(await clipboard(amy.page), link);
  await amy.page.evaluate(() => { window.__delegateClipboard = ''; });
  await click(amy.page, 'offer.link.copy');
  await amy.page.waitForFunction(l => window.__delegateClipboard === l, link, { timeout: 5000 });
  await screenshot(amy.page, 'first-hour-offer-link');
  // A reload (nothing kept in the browser): the same link again.
  await amy.page.reload();
  await waitForState(amy.page, 'signedIn', 'true', 60000);
  await amy.page.waitForFunction(() => !!window.__delegate.state.me, null, { timeout: 60000 });
  await click(amy.page, 'nav.offers');
  await click(amy.page, 'offers.tab.dap');
  await click(amy.page, 'offer.reveal');
  await waitForState(amy.page, 'value.offer.link', link);
  const dialogText = await amy.page.evaluate(() => JSON.stringify(window.__delegate.state));
  assert.doesNotMatch(dialogText, /shown only once|Send this link to your clients copied/);

  // A signed-out visitor on the link: who asks and what they would grant, a sign-in form, and
  // nothing else: no navigation, no search, no way into a partner console.
  const visitorContext = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  await recordFrames(visitorContext);
  const visitor = await visitorContext.newPage();
  await visitor.goto(link);
  await waitForState(visitor, 'section', 'accept', 30000);
  await waitForState(visitor, 'accept.partner', 'Northwind Partners');
  await waitForWidgets(visitor, ['signin.userPrincipalName', 'signin.submit']);
  assert.strictEqual(await state(visitor, 'navVariant'), 'none');
  const rects = await visitor.evaluate(() => Object.keys(window.__delegate.rects));
  assert.deepStrictEqual(rects.filter(k => k.startsWith('nav.') || k === 'topbar.search'), []);
  await screenshot(visitor, 'first-hour-visitor');

  // Contoso's administrator signs in there. Until Contoso is known nothing is said about it (no
  // "You are signed in to , a partner organization"), and Northwind's offer, accepted long ago,
  // is not offered again.
  await typeInto(visitor, 'signin.userPrincipalName', 'admin@contoso.onmicrosoft.com');
  await typeInto(visitor, 'signin.password', DEMO_PASSWORD);
  await click(visitor, 'signin.submit');
  await waitForState(visitor, 'accept.already', 'accepted');
  await screenshot(visitor, 'first-hour-already-accepted');
  for (const f of await frames(visitor)) {
    assert.strictEqual(f.warning, '', 'no partner warning on a client\'s screen: ' + JSON.stringify(f));
    assert.doesNotMatch(f.nav, PARTNER_NAV, 'no partner navigation: ' + JSON.stringify(f));
  }
  assert.strictEqual(await state(visitor, 'navVariant'), 'customer');
  await visitorContext.close();

  // The same administrator signing in at the front door: every frame shows the client's
  // navigation or none, never Overview / Build your business / Delegate admin offer.
  const clientContext = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  await recordFrames(clientContext);
  const client = await clientContext.newPage();
  await client.goto(server.url);
  await signInDemo(client, 'admin@contoso.onmicrosoft.com');
  await waitForState(client, 'section', 'customer-home');
  await waitForState(client, 'navVariant', 'customer');
  await screenshot(client, 'first-hour-client-home');
  const seen = await frames(client);
  assert.ok(seen.length > 3, 'frames were recorded');
  for (const f of seen) {
    assert.doesNotMatch(f.nav, PARTNER_NAV, 'no partner navigation: ' + JSON.stringify(f));
    assert.ok(!['overview', 'offers', 'customers'].includes(f.section),
              'never on a partner screen: ' + JSON.stringify(f));
  }
  await clientContext.close();
  assert.deepStrictEqual(amy.errors, []);
});

test('first hour: tables by keyboard, sorting with ties in order, Ctrl+K ranks and finds any customer user', async (t) => {
  const { page, errors } = await openSandbox(t);
  await click(page, 'nav.customers');
  await waitForState(page, 'section', 'customers');

  // Open one customer with the mouse, come back: Enter must not reopen it.
  await typeInto(page, 'customers.search', 'Fabrikam');
  await waitForState(page, 'customers.first', 'Fabrikam');
  const fabrikam = (await page.evaluate(() => Object.keys(window.__delegate.rects)
    .filter(k => k.startsWith('customers.row.'))))[0];
  await click(page, fabrikam);
  await waitForState(page, 'section', 'workspace');
  await click(page, 'nav.customers');
  await typeInto(page, 'customers.search', 'Contoso');
  await waitForState(page, 'customers.first', 'Contoso');

  // Focus the table (a click on its empty part, below the rows): a cursor shows at once; arrows,
  // End, Home, PageDown move it. (Tab reaching it is below.)
  const below = await page.evaluate(() => Object.entries(window.__delegate.rects)
    .filter(([k]) => k.startsWith('customers.row.')).map(([, r]) => r).sort((a, b) => b.y - a.y)[0]);
  await page.mouse.click(below.x + below.w / 2, below.y + below.h + 60);
  await waitForState(page, 'customers.focused', 'true');
  await waitForState(page, 'customers.cursorName', 'Contoso');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  const rows = (await state(page, 'customers.firstRows')).split('\n').filter(Boolean)
    .map(r => r.split('|')[0]);
  await waitForState(page, 'customers.cursorName', rows[2]);
  await screenshot(page, 'first-hour-keyboard-cursor');
  await page.keyboard.press('End');
  const count = Number(await state(page, 'customers.rows'));
  assert.ok(count > 3, 'several Contoso customers');
  await page.waitForFunction(n => window.__delegate.state['customers.cursorName'] !== undefined &&
                                  window.__delegate.state['customers.cursorName'] !== n, rows[2]);
  await page.keyboard.press('Home');
  await waitForState(page, 'customers.cursorName', 'Contoso');
  await page.keyboard.press('PageDown');
  await page.waitForFunction(() => window.__delegate.state['customers.cursorName'] !== 'Contoso');
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowDown');
  await waitForState(page, 'customers.cursorName', rows[1]);
  // Enter opens the row under the cursor, not Fabrikam opened before.
  await page.keyboard.press('Enter');
  await waitForState(page, 'section', 'workspace');
  assert.strictEqual(await state(page, 'workspace.client'), rows[1]);

  // Keyboard only: from the search box, Tab reaches the table (its cursor shows at once), the
  // arrows move it and Enter opens that customer.
  await click(page, 'nav.customers');
  await typeInto(page, 'customers.search', 'Contoso');
  await waitForState(page, 'customers.first', 'Contoso');
  await waitForState(page, 'customers.focused', 'false');
  let tabs = 0;
  while (tabs < 8 && await state(page, 'customers.focused') !== 'true') {
    await page.keyboard.press('Tab');
    tabs++;
    await page.waitForTimeout(150);
  }
  await waitForState(page, 'customers.focused', 'true');
  // The cursor is where it was (the customer opened last), shown at once.
  await waitForState(page, 'customers.cursorName', rows[1]);
  await page.keyboard.press('Home');
  await waitForState(page, 'customers.cursorName', 'Contoso');
  await page.keyboard.press('ArrowDown');
  await waitForState(page, 'customers.cursorName', rows[1]);
  await screenshot(page, 'first-hour-tab-into-table');
  await page.keyboard.press('Enter');
  await waitForState(page, 'section', 'workspace');
  assert.strictEqual(await state(page, 'workspace.client'), rows[1]);

  // Sorting by Users: the first click sorts, ties are in name order, both directions.
  await click(page, 'nav.customers');
  await typeInto(page, 'customers.search', '');
  await click(page, 'customers.header.5');
  await waitForState(page, 'customers.sort', '5 ascending');
  const parse = s => s.split('\n').filter(Boolean).map(r => { const [n, u] = r.split('|'); return { n, u: Number(u) }; });
  const ordered = (list, dir) => list.every((r, i) => i === 0 ||
    (dir * (r.u - list[i - 1].u) > 0) || (r.u === list[i - 1].u && r.n.localeCompare(list[i - 1].n, 'en', { sensitivity: 'base' }) >= 0));
  const up = parse(await state(page, 'customers.firstRows'));
  assert.ok(ordered(up, 1), 'ascending by users, ties by name: ' + JSON.stringify(up));
  await click(page, 'customers.header.5');
  await waitForState(page, 'customers.sort', '5 descending');
  const down = parse(await state(page, 'customers.firstRows'));
  assert.ok(ordered(down, -1), 'descending by users, ties by name: ' + JSON.stringify(down));
  await screenshot(page, 'first-hour-sorted-by-users');

  // Ctrl+K: the exact name first, then longer ones; a user of a customer never opened is found.
  await page.keyboard.press('Control+k');
  await waitForState(page, 'quicksearch', 'open');
  await page.keyboard.type('Contoso', { delay: 10 });
  await waitForStateMatch(page, 'quicksearch.results', /^Contoso\nContoso /);
  await typeInto(page, 'quicksearch.input', 'eli.khan@fabrikam');
  await waitForStateMatch(page, 'quicksearch.results', /^Eli Khan(\n|$)/);
  await screenshot(page, 'first-hour-quick-search-user');
  await page.keyboard.press('Enter');
  await waitForState(page, 'section', 'workspace');
  assert.strictEqual(await state(page, 'workspace.client'), 'Fabrikam');
  assert.deepStrictEqual(errors, []);
});

test('first hour: at 1024 px filters fit and Activity names people and targets', async (t) => {
  const { page, errors } = await openSandbox(t, { width: 1024, height: 768 });
  await click(page, 'nav.activity');
  await waitForState(page, 'section', 'activity');
  const r = await page.evaluate(() => window.__delegate.rects['audit.period']);
  assert.ok(r.x + r.w <= 1024, 'the time filter is whole on screen: ' + JSON.stringify(r));
  await screenshot(page, 'first-hour-activity-1024');
  await click(page, 'nav.customers');
  await waitForState(page, 'section', 'customers');
  await screenshot(page, 'first-hour-customers-1024');
  await click(page, 'nav.overview');
  await screenshot(page, 'first-hour-overview-1024');
  assert.deepStrictEqual(errors, []);
});

// A tab in the background gets no animation frames. The browser is headless, so the test makes
// one: requestAnimationFrame holds its callbacks and the document says it is hidden.
async function sendToBackground(page) {
  await page.evaluate(() => {
    window.__heldFrames = [];
    window.__realRaf = window.requestAnimationFrame;
    window.requestAnimationFrame = cb => { window.__heldFrames.push(cb); return 0; };
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
    document.dispatchEvent(new Event('visibilitychange'));
  });
}
async function bringBack(page) {
  await page.evaluate(() => {
    delete document.hidden;
    delete document.visibilityState;
    window.requestAnimationFrame = window.__realRaf;
    document.dispatchEvent(new Event('visibilitychange'));
    for (const cb of window.__heldFrames.splice(0)) window.requestAnimationFrame(cb);
  });
}

test('first hour: a partner tab in the background loses its rights as soon as the customer removes the partner', async (t) => {
  const server = await startServer(['--demo']);
  const browser = await launchBrowser();
  t.after(async () => { await browser.close(); await server.stop(); });

  // Felix (Full administration) has Contoso open and is about to reset a user's password.
  const felix = await newPerson(browser, server.url);
  await signInDemo(felix.page, 'felix.full@northwindpartners.onmicrosoft.com');
  await openCustomer(felix.page, 'Contoso');
  await waitForState(felix.page, 'workspace.client', 'Contoso');
  await waitForStateMatch(felix.page, 'workspace.roles', /Global Administrator/);
  // Its directory arrives after the workspace opens.
  await waitForState(felix.page, 'workspace.loading', '0', 30000);
  const reset = await felix.page.evaluate(() => Object.keys(window.__delegate.rects)
    .find(k => k.startsWith('ws.') && k.endsWith('.reset')));
  assert.ok(reset, 'a Contoso user with a Reset password button');
  await click(felix.page, reset);
  await waitForStateMatch(felix.page, 'confirm', /Reset the password/);

  // His tab goes to the background; Contoso's administrator removes Northwind elsewhere.
  await sendToBackground(felix.page);
  const client = await newPerson(browser, server.url);
  await signInDemo(client.page, 'admin@contoso.onmicrosoft.com');
  await click(client.page, 'nav.partners');
  await waitForStateMatch(client.page, 'partners', /Northwind Partners/);
  await click(client.page, 'partner.remove.Northwind Partners');
  await waitForStateMatch(client.page, 'confirmBody', /loses every right/);
  await click(client.page, 'confirm.ok');
  await waitForStateMatch(client.page, 'toasts', /Northwind Partners no longer has any rights/);
  const removedAt = Date.now();

  // Without a single animation frame, Felix's tab has applied it: the workspace is closed and
  // the dialog closed with the reason.
  // (Another browser sees it in about a second; 10 s leaves room for a loaded machine.)
  await waitForState(felix.page, 'workspace', 'closed', 10000);
  await felix.page.waitForFunction(() => !window.__delegate.state.confirm, null,
                                   { timeout: 10000, polling: 100 });
  await waitForStateMatch(felix.page, 'toasts', /Reset the password of .*: no longer allowed\./, 10000);
  const lag = Date.now() - removedAt;
  const held = await felix.page.evaluate(() => window.__heldFrames.length);
  assert.ok(held > 0, 'the frame loop was paused the whole time');
  console.log(`background tab caught up ${lag} ms after the removal was confirmed`);

  // Back in front: the first frames show the same, and nothing was sent on his behalf.
  await bringBack(felix.page);
  await waitForState(felix.page, 'workspace', 'closed');
  assert.doesNotMatch(await state(felix.page, 'toasts'), /was reset/);
  await screenshot(felix.page, 'first-hour-background-tab-caught-up');
  for (const p of [felix, client]) assert.deepStrictEqual(p.errors, []);
});

test('first hour: the relationship wizard picks a customer by search, refuses Next where a choice is missing, and ends on the new relationship', async (t) => {
  const { page, errors } = await openSandbox(t);
  await click(page, 'nav.relationships');
  await waitForState(page, 'section', 'relationships');
  await click(page, 'rel.new');
  await waitForState(page, 'wizard.step', '0');

  // Nothing chosen for the person, the list sorted by name; Next is refused beside the list.
  assert.strictEqual(await state(page, 'wizard.customer'), '');
  const listed = (await state(page, 'wizard.customer.list')).split('\n').filter(Boolean);
  assert.ok(listed.length >= 5, 'the list shows customers');
  const sorted = [...listed].sort((a, b) => a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0);
  assert.deepStrictEqual(listed, sorted, 'sorted by name');
  await click(page, 'wizard.next');
  await waitForStateMatch(page, 'wizard.error', /Choose the client/);
  assert.strictEqual(await state(page, 'wizard.step'), '0');

  // Search narrows the list; a click chooses.
  await typeInto(page, 'wizard.customer.search', 'fabrik');
  await waitForStateMatch(page, 'wizard.customer.list', /^Fabrikam\n/);
  assert.ok(Number(await state(page, 'wizard.customer.count')) < listed.length);
  await click(page, 'wizard.customer.pick.Fabrikam');
  await waitForState(page, 'wizard.customer', 'Fabrikam');
  await waitForState(page, 'wizard.error', '');
  await typeInto(page, 'wizard.displayName', 'Fabrikam month');
  await click(page, 'wizard.next');
  await waitForState(page, 'wizard.step', '1');

  // No role: refused next to the roles.
  await click(page, 'wizard.next');
  await waitForStateMatch(page, 'wizard.error', /at least one role/);
  assert.strictEqual(await state(page, 'wizard.step'), '1');
  await screenshot(page, 'first-hour-wizard-no-role');
  // A role's checkbox is named by its template id (the picker's search box shares the prefix).
  const role = (await widgetsStartingWith(page, 'wizard.role.'))
    .find(id => /^wizard\.role\.[0-9a-f]{8}-[0-9a-f-]{27}$/.test(id));
  assert.ok(role, 'the picker lists roles');
  await click(page, role);
  await click(page, 'wizard.next');
  await waitForState(page, 'wizard.step', '2');

  // Thirty days, chosen with the keyboard in the list.
  await click(page, 'wizard.duration');
  await waitForWidgets(page, ['wizard.duration.option.0']);
  await click(page, 'wizard.duration.option.0');
  await waitForState(page, 'value.wizard.duration', '30 days');
  await click(page, 'wizard.next');
  await waitForState(page, 'wizard.step', '3');
  await click(page, 'wizard.create');

  // The wizard closes on the new relationship, its length in words.
  await waitForState(page, 'relationship.name', 'Fabrikam month');
  await waitForState(page, 'relationship.duration', '30 days');
  await waitForState(page, 'relationship.status', 'created');
  assert.ok(!(await page.evaluate(() => window.__delegate.rects['wizard.next'])), 'the wizard closed');
  await screenshot(page, 'first-hour-wizard-ends-on-relationship');

  // Contoso's administrator: the standing delegated grant (no end) and a granular relationship
  // are separate rows of Partners, not one row "Until ...".
  await switchPersona(page, /customer admin, Contoso/);
  await click(page, 'nav.partners');
  await waitForState(page, 'section', 'partners');
  await waitForStateMatch(page, 'partners.rows', /Northwind Partners\|Delegated admin\|No end date/);
  const rows = (await state(page, 'partners.rows')).split('\n').filter(r => r.startsWith('Northwind Partners|'));
  assert.ok(rows.some(r => /\|Granular: .*\|\d{4}-\d\d-\d\d$/.test(r)), 'a granular row with its end: ' + rows.join(' / '));
  await screenshot(page, 'first-hour-client-partners');
  assert.deepStrictEqual(errors, []);
});
