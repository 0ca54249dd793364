// The partner admin's console in sandbox mode, with real mouse and keyboard: the activity log
// (filters, a refusal, CSV download), Explain access, bulk actions on relationships, and the
// delegated-admin offer link (copy, revoke, create, regenerate).
'use strict';
const test = require('node:test');
const assert = require('node:assert');
const fs = require('fs');
const { click, waitForState, waitForStateMatch, waitForWidgets, state, typeInto, screenshot } =
  require('./support');
const { openSandbox, openCustomer, pickOption, widgetsStartingWith } = require('./sandbox_support');

const rows = async (page, table) => Number(await state(page, table + '.rows'));

// Waits until the table shows a row count that `ok` accepts, and returns it.
async function waitForRows(page, table, ok, what) {
  const deadline = Date.now() + 10000;
  for (;;) {
    const n = await rows(page, table);
    if (ok(n)) return n;
    if (Date.now() > deadline) {
      const file = await screenshot(page, 'failure-' + table + '-rows');
      throw new Error(`${what}: ${table} shows ${n} rows (screenshot ${file})`);
    }
    await page.waitForTimeout(100);
  }
}

test('activity log: filters change the rows, a refusal is recorded, CSV holds the filtered rows', async (t) => {
  const { page, errors } = await openSandbox(t);

  // A refused action now: device management through delegated access.
  await openCustomer(page, 'Contoso');
  await click(page, 'workspace.tab.devices');
  await click(page, 'devices.try');
  await waitForStateMatch(page, 'devices.error', /device management/i);

  await click(page, 'nav.activity');
  await waitForState(page, 'section', 'activity');
  const all = await rows(page, 'audit');
  assert.ok(all > 50, 'the demo world has a history: ' + all);
  // Newest first: the refusal just made, attributed to the person, in the client.
  assert.match(await state(page, 'audit.first'),
               /^amy\.admin@northwindpartners\.onmicrosoft\.com \| List devices \| Contoso \| refused$/);

  // Actor, then client, then action, then outcome: each narrows the rows.
  await typeInto(page, 'audit.actor', 'lena');
  const lena = await waitForRows(page, 'audit', n => n > 0 && n < all, 'actor filter');
  await waitForStateMatch(page, 'audit.first', /^lena\.limited@/);
  await typeInto(page, 'audit.client', 'contoso');
  const lenaContoso = await waitForRows(page, 'audit', n => n > 0 && n < lena, 'client filter');
  assert.strictEqual(lenaContoso, 2, 'Lena reset one password and tried to add one user in Contoso');
  await typeInto(page, 'audit.action', 'add user');
  await waitForRows(page, 'audit', n => n === 1, 'action filter');
  assert.match(await state(page, 'audit.first'), /^lena\.limited@\S+ \| Add user \| Contoso \| refused$/);
  await pickOption(page, 'audit.outcome', /^Allowed$/);
  await waitForRows(page, 'audit', n => n === 0, 'allowed only');
  await pickOption(page, 'audit.outcome', /^Refused$/);
  await waitForRows(page, 'audit', n => n === 1, 'refused only');
  await screenshot(page, 'console-activity-filtered');

  // Time period: only the refusal made a moment ago is in the last 24 hours of the log.
  await typeInto(page, 'audit.actor', '');
  await typeInto(page, 'audit.client', '');
  await typeInto(page, 'audit.action', '');
  const refused = await waitForRows(page, 'audit', n => n > 1, 'refused, any actor');
  await pickOption(page, 'audit.period', /Last 24 hours/);
  await waitForRows(page, 'audit', n => n >= 1 && n < refused, 'last 24 hours');
  assert.match(await state(page, 'audit.first'), /\| List devices \| Contoso \| refused$/);
  await pickOption(page, 'audit.period', /Any time/);
  await waitForRows(page, 'audit', n => n === refused, 'any time again');

  // CSV of what is shown: the refusals in Contoso, by three different people.
  await typeInto(page, 'audit.client', 'contoso');
  const shown = await waitForRows(page, 'audit', n => n === 3, 'refused in Contoso');
  await screenshot(page, 'console-activity-csv');
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 10000 }),
                                        click(page, 'audit.csv')]);
  assert.strictEqual(download.suggestedFilename(), 'delegate-activity.csv');
  const csv = fs.readFileSync(await download.path(), 'utf8');
  const lines = csv.split('\r\n').filter(l => l.length);
  assert.strictEqual(lines[0],
                     'time,actor,actor organization,on behalf of,customer,action,target,outcome,reason');
  assert.strictEqual(lines.length - 1, shown, 'one CSV line per row shown:\n' + csv);
  for (const l of lines.slice(1))
    assert.match(l, /^\d{4}-\d\d-\d\d \d\d:\d\d,[^,]+@northwindpartners\.onmicrosoft\.com,Northwind Partners,Northwind Partners,Contoso,[^,]+,[^,]*,refused,\S+$/);
  for (const [who, what] of [['amy.admin', 'List devices'], ['felix.full', 'Wipe device'],
                             ['lena.limited', 'Add user']])
    assert.ok(lines.some(l => l.includes(',' + who + '@') && l.includes(',Contoso,' + what + ',')),
              `${who}'s refused ${what} is in the file:\n${csv}`);
  await waitForStateMatch(page, 'toasts', /Downloaded delegate-activity\.csv/);
  assert.deepStrictEqual(errors, []);
});

test('explain access: the allowing chain for a Full agent, the missing link for a Limited one', async (t) => {
  const { page, errors } = await openSandbox(t);
  await click(page, 'nav.explain');
  await waitForState(page, 'section', 'explain');

  // Felix (Full administration) adding users in Fabrikam: allowed, every link named.
  await pickOption(page, 'explain.user', /^Felix Fischer/);
  await pickOption(page, 'explain.customer', /^Fabrikam$/);
  await pickOption(page, 'explain.action', /^Add users$/);
  await waitForState(page, 'explain.allowed', 'true');
  assert.strictEqual(await state(page, 'explain.chain'),
                     'Relationship: Delegated administration (active)\n' +
                     'Access setting: Full administration\n' +
                     'Role: Global Administrator\n' +
                     'Permission: createUser\n');
  assert.strictEqual(await state(page, 'explain.missing'), '');
  await screenshot(page, 'console-explain-allowed');

  // Lena (Limited administration) adding users in Contoso: the first missing link.
  await pickOption(page, 'explain.user', /^Lena Lindqvist/);
  await pickOption(page, 'explain.customer', /^Contoso$/);
  await waitForState(page, 'explain.allowed', 'false');
  assert.strictEqual(await state(page, 'value.explain.action'), 'Add users');
  const chain = await state(page, 'explain.chain');
  assert.strictEqual(chain, 'Relationship: Delegated administration (active)\n' +
                            'Access setting: Limited administration\n' +
                            'Role: Password Administrator\n' +
                            'Permission: createUser\n');
  assert.strictEqual(await state(page, 'explain.missing'), 'Permission: createUser');
  assert.match(await state(page, 'explain.summary'),
               /None of Lena Lindqvist's roles lets them create users\. It needs User Administrator or Global Administrator/);
  await screenshot(page, 'console-explain-missing');
  assert.deepStrictEqual(errors, []);
});

test('bulk actions on relationships: select with keyboard and mouse, per-row results and refusals', async (t) => {
  const { page, errors } = await openSandbox(t);
  await click(page, 'nav.relationships');
  await waitForState(page, 'section', 'relationships');

  // Keyboard: the cursor row (clicked) is selected with Space; Down then Space adds the next.
  await typeInto(page, 'rel.search', 'Migration project');
  await waitForRows(page, 'relationships', n => n === 6, 'six migration projects');
  const migrations = await widgetsStartingWith(page, 'relationships.row.');
  await click(page, migrations[0]);
  await waitForState(page, 'relationship.status', 'expired');
  await page.keyboard.press('Space');
  await waitForState(page, 'rel.selected', '1');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Space');
  await waitForState(page, 'rel.selected', '2');
  // Mouse: the row's check box, found through another search (the selection is kept).
  await typeInto(page, 'rel.search', 'Managed support #0');
  await waitForRows(page, 'relationships', n => n === 1, 'one managed support #0');
  const managed = (await widgetsStartingWith(page, 'relationships.row.'))[0]
    .replace('relationships.row.', '');
  await click(page, 'relationships.select.' + managed);
  await waitForState(page, 'rel.selected', '3');
  await screenshot(page, 'console-bulk-selected');

  // Every frame the app publishes is recorded, so the progress can be checked step by step.
  await page.evaluate(() => {
    let current = window.__delegate;
    window.__bulkSeen = [];
    Object.defineProperty(window, '__delegate', {
      configurable: true,
      get: () => current,
      set: v => {
        current = v;
        const b = v && v.state && v.state.bulk;
        if (b && window.__bulkSeen[window.__bulkSeen.length - 1] !== b) window.__bulkSeen.push(b);
      },
    });
  });
  await click(page, 'bulk.extend');
  await waitForState(page, 'bulk', '3/3 ok=1 failed=2');
  const seen = await page.evaluate(() => window.__bulkSeen);
  assert.ok(seen.some(s => /^[12]\/3 /.test(s)), 'progress passes through the rows: ' + seen);
  await waitForWidgets(page, ['bulk.progress', 'bulk.close']);
  const results = [];
  for (let i = 0; i < 3; i++) results.push(await state(page, 'bulk.row.' + i));
  await screenshot(page, 'console-bulk-results');
  assert.strictEqual(results.filter(r => / \| Done$/.test(r)).length, 1, results.join('\n'));
  assert.ok(results.some(r => /^Contoso - Managed support #0 \| Done$/.test(r)), results.join('\n'));
  const refusals = results.filter(r => /Migration project/.test(r));
  assert.strictEqual(refusals.length, 2, results.join('\n'));
  for (const r of refusals) assert.match(r, / \| .*expired/i, 'the core says why: ' + r);

  await click(page, 'bulk.close');
  await waitForState(page, 'rel.selected', '0');
  // The one that went through extends by itself now; a refused one is unchanged.
  await click(page, 'relationships.row.' + managed);
  await waitForState(page, 'relationship.name', 'Managed support #0');
  await waitForState(page, 'relationship.autoExtend', 'P180D');
  await typeInto(page, 'rel.search', 'Migration project');
  await click(page, migrations[0]);
  await waitForStateMatch(page, 'relationship.name', /^Migration project/);
  assert.notStrictEqual(await state(page, 'relationship.autoExtend'), 'P180D');
  assert.deepStrictEqual(errors, []);
});

// The text on the system clipboard, as a page of the test's origin reads it.
const clipboard = page => page.evaluate(() => navigator.clipboard.readText());

// Opens `link` in another tab of the same browser (same sandbox world, kept in localStorage) and
// returns what its Accept screen says.
async function openLink(page, link) {
  const context = page.context();
  const other = await context.newPage();
  try {
    // Only the page in front draws frames.
    await other.bringToFront();
    await other.goto(link);
    await waitForState(other, 'section', 'accept', 30000);
    await other.waitForFunction(() => window.__delegate.state['accept.partner'] !== undefined ||
                                      window.__delegate.state['accept.error'] !== undefined,
                                null, { timeout: 15000, polling: 100 });
    return { partner: await state(other, 'accept.partner'), error: await state(other, 'accept.error') };
  } finally {
    await other.close();
    await page.bringToFront();
  }
}

test('offers: copy the link, revoke it (it stops working), create a new one, regenerate', async (t) => {
  const { page, context, site, errors } = await openSandbox(t);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: site.url });
  await click(page, 'nav.offers');
  await waitForState(page, 'section', 'offers');

  // The demo's open offer: copy its link.
  await waitForStateMatch(page, 'value.offer.link', /\/#\/offer\/\S{16,}$/);
  const first = await state(page, 'value.offer.link');
  assert.ok(first.startsWith(site.url.replace(/\/$/, '')), first);
  await click(page, 'offer.link.copy');
  await waitForStateMatch(page, 'toasts', /Offer link copied/);
  assert.strictEqual(await clipboard(page), first);
  assert.strictEqual((await openLink(page, first)).partner, 'Northwind Partners');

  // Revoke (confirmed): the link is gone here, and whoever opens it is told it no longer works.
  await click(page, 'offer.revoke');
  await waitForStateMatch(page, 'confirm', /Revoke the offer link/);
  await click(page, 'confirm.ok');
  await waitForWidgets(page, ['offer.create']);
  assert.strictEqual(await state(page, 'value.offer.link'), undefined);
  await screenshot(page, 'console-offer-revoked');
  const revoked = await openLink(page, first);
  assert.match(revoked.error || '', /partner revoked this offer/, JSON.stringify(revoked));

  // A new link, shown once with its own Copy button.
  await click(page, 'offer.create');
  await waitForStateMatch(page, 'shownOnceTitle', /delegated administration offer/i);
  const second = await state(page, 'shownOnce');
  assert.match(second, /\/#\/offer\/\S{16,}$/);
  assert.notStrictEqual(second, first);
  await screenshot(page, 'console-offer-created');
  await click(page, 'offer.new.copy');
  await page.waitForFunction(s => window.__delegateClipboard === s, second, { timeout: 5000 });
  assert.strictEqual(await clipboard(page), second);
  await click(page, 'shownonce.done');
  await waitForState(page, 'value.offer.link', second);

  // Regenerate (confirmed): another new link; the one before it stops working.
  await click(page, 'offer.regenerate');
  await waitForStateMatch(page, 'confirm', /Regenerate/);
  await click(page, 'confirm.ok');
  await waitForStateMatch(page, 'shownOnceTitle', /New offer link/);
  const third = await state(page, 'shownOnce');
  assert.match(third, /\/#\/offer\/\S{16,}$/);
  assert.ok(third !== second && third !== first, 'regenerating gives a different link');
  await click(page, 'shownonce.done');
  await waitForState(page, 'value.offer.link', third);
  await screenshot(page, 'console-offer-regenerated');
  assert.strictEqual((await openLink(page, third)).partner, 'Northwind Partners');
  assert.match((await openLink(page, second)).error || '', /partner revoked this offer/);
  assert.deepStrictEqual(errors, []);
});
