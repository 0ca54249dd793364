// Issue 15, items 5 and 6 in the demo world: a client declines a granular request from its
// approval link with a reason the partner then reads; the partner downloads its filtered
// customer list as CSV and gets exactly the rows on screen.
'use strict';
const test = require('node:test');
const assert = require('node:assert');
const fs = require('fs');
const { startServer, launchBrowser, click, waitForState, waitForStateMatch, waitForWidgets, state,
        typeInto, screenshot, apiAs } = require('./support');
const { newPerson } = require('./people');

const DEMO_PASSWORD = 'Delegate-Demo-2026';
const PARTNER_ADMIN = 'amy.admin@northwindpartners.onmicrosoft.com';
const GLOBAL_READER = 'f2ef992c-3afb-46b9-b7cf-a126ee74c451';

// The demo world's first view (151 customers) can take a while on a loaded machine.
async function signInDemo(page, upn) {
  await waitForState(page, 'section', 'sign-in', 60000);
  await typeInto(page, 'signin.userPrincipalName', upn);
  await typeInto(page, 'signin.password', DEMO_PASSWORD);
  await click(page, 'signin.submit');
  await waitForState(page, 'signedIn', 'true', 60000);
  await page.waitForFunction(() => !!window.__delegate.state.me, null, { timeout: 60000, polling: 100 });
}

// RFC 4180 records (quoted fields may hold commas, quotes and line breaks).
function parseCsv(text) {
  const rows = [];
  let row = [], field = '', quoted = false;
  for (let i = 0; i < text.length; ++i) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; ++i; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\r' && text[i + 1] === '\n') { row.push(field); rows.push(row); row = []; field = ''; ++i; }
    else field += c;
  }
  return rows;
}

async function download(page, id) {
  const [file] = await Promise.all([page.waitForEvent('download', { timeout: 15000 }), click(page, id)]);
  return { name: file.suggestedFilename(), rows: parseCsv(fs.readFileSync(await file.path(), 'utf8')) };
}

test('a client declines a request with a reason the partner sees; customers export as filtered', async (t) => {
  const server = await startServer(['--demo']);
  const browser = await launchBrowser();
  t.after(async () => { await browser.close(); await server.stop(); });

  // The partner sends a request (set up through the API: the wizard has its own test).
  const amyApi = await apiAs(server.url, PARTNER_ADMIN, DEMO_PASSWORD);
  const created = await amyApi('createRelationship', {
    displayName: 'Contoso read-only', duration: 'P90D', autoExtendDuration: 'PT0S',
    accessDetails: { unifiedRoles: [{ roleDefinitionId: GLOBAL_READER }] } });
  // A command's answer lists its events as {revision, event}.
  const id = created.events.map(e => e.event)
    .find(e => e.type === 'relationshipCreated').relationship.id;
  const locked = await amyApi('lockForApproval', { relationshipId: id });
  const token = locked.secrets.find(s => s.kind === 'approvalToken').value;
  const link = `${server.url}relationship/${id}/approve?token=${token}`;

  // The client's Global Administrator opens the link, signs in, and declines with a reason.
  const client = await newPerson(browser, link);
  await waitForState(client.page, 'section', 'accept', 60000);
  await waitForStateMatch(client.page, 'accept.grants', /Global Reader/);
  await typeInto(client.page, 'signin.userPrincipalName', 'admin@contoso.onmicrosoft.com');
  await typeInto(client.page, 'signin.password', DEMO_PASSWORD);
  await click(client.page, 'signin.submit');
  await waitForState(client.page, 'signedIn', 'true', 60000);
  await waitForWidgets(client.page, ['accept.reason', 'accept.decline'], 60000);
  const reason = 'We grant Global Reader only under our support contract, ask Joni.';
  await typeInto(client.page, 'accept.reason', reason);
  await screenshot(client.page, 'decline-relationship');
  await click(client.page, 'accept.decline');
  await waitForState(client.page, 'accept.outcome', 'declined');
  await screenshot(client.page, 'decline-relationship-done');

  // The partner sees it declined, with the reason, in the list and the details.
  const amy = await newPerson(browser, server.url);
  await signInDemo(amy.page, PARTNER_ADMIN);
  await click(amy.page, 'nav.relationships');
  await typeInto(amy.page, 'rel.search', 'Contoso read-only');
  await amy.page.waitForFunction(() => window.__delegate.state['relationships.rows'] === '1',
                                 null, { polling: 100, timeout: 30000 });
  const row = await amy.page.evaluate(() => Object.keys(window.__delegate.rects)
    .find(k => k.startsWith('relationships.row.')));
  await click(amy.page, row);
  await waitForState(amy.page, 'relationship.status', 'declined');
  await waitForState(amy.page, 'relationship.declineReason', reason);
  await screenshot(amy.page, 'relationship-declined');
  // The relationships export carries the status and the reason.
  const rels = await download(amy.page, 'rel.csv');
  assert.strictEqual(rels.name, 'delegate-relationships.csv');
  assert.strictEqual(rels.rows.length, 2);
  assert.deepStrictEqual([rels.rows[1][1], rels.rows[1][2], rels.rows[1][9]],
                         ['Contoso read-only', 'Declined', reason]);

  // Customers, filtered on screen (search and standing): the download holds those rows, in order.
  await click(amy.page, 'nav.customers');
  await waitForState(amy.page, 'section', 'customers');
  await typeInto(amy.page, 'customers.search', 'fabrikam');
  await amy.page.waitForFunction(() => Number(window.__delegate.state['customers.rows']) > 1,
                                 null, { polling: 100, timeout: 30000 });
  const shown = Number(await state(amy.page, 'customers.rows'));
  const firstRows = (await state(amy.page, 'customers.firstRows')).split('\n').filter(Boolean);
  const all = await download(amy.page, 'customers.csv');
  assert.strictEqual(all.name, 'delegate-customers.csv');
  assert.deepStrictEqual(all.rows[0],
                         ['Customer', 'Default domain', 'Relationship', 'Access ends', 'Your roles', 'Users']);
  assert.strictEqual(all.rows.length - 1, shown);
  for (const r of all.rows.slice(1))
    assert.ok(/fabrikam/i.test(r[0] + ' ' + r[1]), `a listed row matches the search: ${r}`);
  assert.deepStrictEqual(all.rows.slice(1, 1 + firstRows.length).map(r => r[0] + '|' + r[5]), firstRows);
  // Now keep only the Active ones among them.
  await click(amy.page, 'customers.filter');
  await waitForWidgets(amy.page, ['customers.filter.option.1']);
  await click(amy.page, 'customers.filter.option.1');
  await waitForState(amy.page, 'value.customers.filter', 'Active');
  const active = Number(await state(amy.page, 'customers.rows'));
  const filtered = await download(amy.page, 'customers.csv');
  assert.strictEqual(filtered.rows.length - 1, active);
  for (const r of filtered.rows.slice(1)) assert.strictEqual(r[2], 'Active');
  await screenshot(amy.page, 'customers-export');
  assert.deepStrictEqual(client.errors, []);
});
