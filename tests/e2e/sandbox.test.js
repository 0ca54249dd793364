// Sandbox mode: the build served by a plain static file server (no /api). The core runs in the
// browser on the demo world; it works with real mouse and keyboard, and state survives a reload.
'use strict';
const test = require('node:test');
const assert = require('node:assert');
const { waitForWidgets, hook, click, waitForState, waitForStateMatch, state, typeInto,
        screenshot } = require('./support');
const { openSandbox, switchPersona, openCustomer, widgetsStartingWith } =
  require('./sandbox_support');

test('sandbox: demo world, navigation by size, actions, refusals, and a reload keeps it', async (t) => {
  const { site, page, errors } = await openSandbox(t);
  assert.match(await state(page, 'banner'), /sandbox/);
  assert.match(await state(page, 'persona'), /Amy Alvarez/);
  // The large partner (>= 100 clients): the offer lives under Partner overview.
  assert.strictEqual(await state(page, 'navVariant'), 'large');
  assert.match(await state(page, 'nav'), /Partner overview\nSend delegated administration offers/);
  assert.ok(Number(await state(page, 'figure.stat.customers')) >= 150, 'the large partner has >= 150 clients');
  await screenshot(page, 'overview');

  // Customers: a real table of clients, searchable.
  await click(page, 'nav.customers');
  await waitForState(page, 'section', 'customers');
  assert.ok(Number(await state(page, 'customers.rows')) >= 150);
  await screenshot(page, 'customers');

  // Acting for Contoso: add a user; the temporary password is shown once.
  await openCustomer(page, 'Contoso');
  assert.strictEqual(await state(page, 'workspace'), 'open');
  assert.match(await state(page, 'workspace.roles'), /Global Administrator/);
  await click(page, 'ws.adduser.open');
  await typeInto(page, 'ws.adduser.userPrincipalName', 'not-an-address');
  await typeInto(page, 'ws.adduser.displayName', 'Nadia Novak');
  await click(page, 'ws.adduser.submit');
  await waitForStateMatch(page, 'error.ws.adduser.userPrincipalName', /./);
  const domain = (await state(page, 'workspace.client')) && await page.evaluate(() =>
    Object.keys(window.__delegate.rects).find(k => k.startsWith('ws.') && k.endsWith('.reset')));
  const upnDomain = domain.replace(/^ws\.[^@]+@/, '').replace(/\.reset$/, '');
  await typeInto(page, 'ws.adduser.userPrincipalName', 'nadia.novak@' + upnDomain);
  await click(page, 'ws.adduser.submit');
  await waitForStateMatch(page, 'shownOnceTitle', /User added/);
  assert.ok((await state(page, 'shownOnce')).length >= 16, 'a temporary password is shown');
  await screenshot(page, 'workspace-user-added');
  await click(page, 'shownonce.done');
  await typeInto(page, 'ws.search', 'nadia');
  await waitForWidgets(page, ['ws.users.row.nadia.novak@' + upnDomain]);

  // The Devices page refuses: no mobile device management through delegated access.
  await typeInto(page, 'ws.search', '');
  await click(page, 'workspace.tab.devices');
  await waitForState(page, 'workspace.tab', 'devices');
  assert.match(await state(page, 'devices.reason'), /device management/i);
  await click(page, 'devices.try');
  await waitForStateMatch(page, 'devices.error', /device management/i);
  await screenshot(page, 'workspace-devices');
  // Customers in the navigation (shown selected while in a workspace) leads back to the list.
  await click(page, 'nav.customers');
  await waitForState(page, 'section', 'customers');

  // A reload keeps the world (localStorage).
  await page.reload();
  await waitForState(page, 'connection', 'sandbox', 30000);
  await openCustomer(page, 'Contoso');
  await typeInto(page, 'ws.search', 'nadia');
  await waitForWidgets(page, ['ws.users.row.nadia.novak@' + upnDomain]);

  // The agent with Limited administration: reset yes, add user no (with the core's reason).
  await switchPersona(page, /Lena Lindqvist/);
  await openCustomer(page, 'Contoso');
  assert.match(await state(page, 'workspace.roles'), /Password Administrator/);
  const reason = await state(page, 'reason.ws.adduser.open');
  assert.ok(reason && reason.length > 10, 'Add user is disabled with a reason: ' + reason);
  await screenshot(page, 'workspace-limited');

  // The small partner: the offer lives under Build your business.
  await switchPersona(page, /Leo Laine/);
  await waitForState(page, 'navVariant', 'small');
  assert.match(await state(page, 'nav'), /Build your business\nDelegate admin offer/);
  await click(page, 'nav.offers');
  await waitForState(page, 'section', 'offers');
  await screenshot(page, 'offers-small-partner');
  assert.deepStrictEqual(errors, []);
});

test('sandbox: the customer admin sees partners and removes one with a confirmation', async (t) => {
  const { page } = await openSandbox(t);
  await switchPersona(page, /customer admin, Contoso/);
  await waitForState(page, 'navVariant', 'customer');
  await click(page, 'nav.partners');
  await waitForState(page, 'section', 'partners');
  await waitForStateMatch(page, 'partners', /Northwind Partners/);
  await screenshot(page, 'customer-partners');
  await click(page, 'partner.remove.Northwind Partners');
  await waitForStateMatch(page, 'confirmBody', /loses every right/);
  await screenshot(page, 'customer-remove-confirm');
  await click(page, 'confirm.ok');
  await page.waitForFunction(() => !/Northwind/.test(window.__delegate.state.partners || ''));
  // The partner's workspace for Contoso closes: Pat no longer has access.
  await switchPersona(page, /Amy Alvarez/);
  await openCustomer(page, 'Contoso');
  assert.strictEqual(await state(page, 'workspace'), 'closed');
});

test('sandbox: theme, quick search, keyboard and bad input next to the field', async (t) => {
  const { page } = await openSandbox(t);
  // Dark theme, remembered.
  await click(page, 'topbar.theme');
  await waitForState(page, 'theme', 'dark');
  await click(page, 'nav.customers');
  await waitForState(page, 'section', 'customers');
  await screenshot(page, 'customers-dark');
  await click(page, 'topbar.theme');
  await waitForState(page, 'theme', 'light');

  // Ctrl+K: find a client by name and open it with the keyboard.
  await page.keyboard.press('Control+k');
  await waitForState(page, 'quicksearch', 'open');
  await page.keyboard.type('Fabrikam', { delay: 10 });
  await waitForStateMatch(page, 'quicksearch.results', /Fabrikam/);
  await page.keyboard.press('Enter');
  await waitForState(page, 'section', 'workspace');
  assert.match(await state(page, 'workspace.client'), /Fabrikam/);

  // Bad input: bad domain and duplicate domain, each shown next to the field.
  await click(page, 'workspace.tab.domains');
  await typeInto(page, 'ws.adddomain.domain', 'not a domain');
  await click(page, 'ws.adddomain.submit');
  await waitForStateMatch(page, 'error.ws.adddomain.domain', /./);
  await typeInto(page, 'ws.adddomain.domain', 'dup-check.example');
  await click(page, 'ws.adddomain.submit');
  await waitForState(page, 'ws.domain.dup-check.example', 'unverified');
  await typeInto(page, 'ws.adddomain.domain', 'dup-check.example');
  await click(page, 'ws.adddomain.submit');
  await waitForStateMatch(page, 'error.ws.adddomain.domain', /already|exists|in use|taken/i);
  const taken = 'dup-check.example';
  await screenshot(page, 'form-errors');
  // Empty display name on a new user.
  await click(page, 'workspace.tab.users');
  await click(page, 'ws.adduser.open');
  await typeInto(page, 'ws.adduser.userPrincipalName', 'someone@' + taken);
  await typeInto(page, 'ws.adduser.displayName', '');
  await click(page, 'ws.adduser.submit');
  await waitForStateMatch(page, 'error.ws.adduser.displayName', /./);
});


test('sandbox: edit a client user, assign and remove a license, manage partner users', async (t) => {
  const { page, errors } = await openSandbox(t);

  // A client user's display name, edited in a dialog; an empty name is refused next to the field.
  await openCustomer(page, 'Tailwind Traders');
  await click(page, 'workspace.tab.users');
  await waitForState(page, 'workspace.tab', 'users');
  await page.waitForFunction(() => Object.keys(window.__delegate.rects)
    .some(k => /^ws\..+@.+\.edit$/.test(k)), null, { timeout: 15000 });
  const edits = (await widgetsStartingWith(page, 'ws.')).filter(k => /^ws\..+@.+\.edit$/.test(k));
  assert.ok(edits.length >= 3, 'each user row has an Edit button');
  const upn = edits[edits.length - 1].replace(/^ws\./, '').replace(/\.edit$/, '');
  await click(page, 'ws.' + upn + '.edit');
  await waitForState(page, 'useredit', upn);
  await typeInto(page, 'ws.edituser.displayName', '');
  await click(page, 'ws.edituser.submit');
  await waitForStateMatch(page, 'error.ws.edituser.displayName', /./);
  await screenshot(page, 'workspace-edit-user-error');
  await typeInto(page, 'ws.edituser.displayName', 'Robin Renamed');
  await screenshot(page, 'workspace-edit-user');
  await click(page, 'ws.edituser.submit');
  await page.waitForFunction(() => !window.__delegate.state.useredit, null, { timeout: 15000 });
  await typeInto(page, 'ws.search', 'robin renamed');
  await waitForState(page, 'ws.name.' + upn, 'Robin Renamed');
  await typeInto(page, 'ws.search', '');

  // Licenses: pick the subscription, assign one to a user (the count goes up), then remove it.
  const product = 'Microsoft 365 E3';
  await click(page, 'workspace.tab.licenses');
  await waitForState(page, 'workspace.tab', 'licenses');
  await waitForState(page, 'ws.sub.' + product, '1 of 10');
  await click(page, 'ws.sub.' + product + '.manage');
  await waitForState(page, 'ws.sub.picked', product);
  const assign = (await widgetsStartingWith(page, 'ws.license.assign.'))[0];
  assert.ok(assign, 'a user without the license has an Assign button');
  const licensee = assign.replace('ws.license.assign.', '');
  await click(page, assign);
  await waitForState(page, 'ws.sub.' + product, '2 of 10');
  await waitForState(page, 'ws.sub.' + product + '.available', '8');
  await waitForState(page, 'ws.license.' + licensee, 'assigned');
  await screenshot(page, 'workspace-licenses');
  await click(page, 'ws.license.remove.' + licensee);
  await waitForState(page, 'ws.sub.' + product, '1 of 10');
  await waitForState(page, 'ws.license.' + licensee, 'none');

  // Partner users: rename one, disable (confirmed) and enable another, delete a third (confirmed).
  await click(page, 'nav.partner-users');
  await waitForState(page, 'section', 'partner-users');
  const nw = '@northwindpartners.onmicrosoft.com';
  await click(page, 'pusers.tom.tier2' + nw + '.edit');
  await waitForState(page, 'useredit', 'tom.tier2' + nw);
  await typeInto(page, 'pusers.edituser.displayName', 'Tom Tanaka-Berg');
  await click(page, 'pusers.edituser.submit');
  await waitForState(page, 'pusers.name.tom.tier2' + nw, 'Tom Tanaka-Berg');

  const lena = 'lena.limited' + nw;
  await click(page, 'pusers.' + lena + '.disable');
  await waitForStateMatch(page, 'confirmBody', /can no longer sign in/);
  await screenshot(page, 'partner-user-disable-confirm');
  await click(page, 'confirm.ok');
  await waitForState(page, 'pusers.status.' + lena, 'disabled');
  await click(page, 'pusers.' + lena + '.disable');
  await waitForState(page, 'pusers.status.' + lena, 'enabled');

  const nina = 'nina.none' + nw;
  await click(page, 'pusers.' + nina + '.delete');
  await waitForStateMatch(page, 'confirmBody', /cannot be undone/);
  await click(page, 'confirm.ok');
  await page.waitForFunction(u => !window.__delegate.rects['pusers.row.' + u], nina,
                             { timeout: 15000 });
  await screenshot(page, 'partner-users');

  // The agent with Limited administration may not assign licenses: the core's reason shows.
  await switchPersona(page, /Lena Lindqvist/);
  await openCustomer(page, 'Tailwind Traders');
  await click(page, 'workspace.tab.licenses');
  await click(page, 'ws.sub.' + product + '.manage');
  await waitForStateMatch(page, 'reason.ws.license.assign.' + licensee, /.{10}/);
  assert.deepStrictEqual(errors, []);
});
