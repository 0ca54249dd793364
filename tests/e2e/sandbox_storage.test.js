// Sandbox mode keeps its world in the browser: someone who signs up through a trial link stays a
// persona after the page is loaded again; the world can be exported, reset and imported back.
'use strict';
const test = require('node:test');
const assert = require('node:assert');
const fs = require('fs');
const { click, waitForState, waitForStateMatch, typeInto, screenshot, waitForWidgets, hook } =
  require('./support');
const { shownOnce, addPartnerUser } = require('./people');
const { openSandbox, switchPersona, openCustomer, widgetsStartingWith } =
  require('./sandbox_support');

test('sandbox: a trial sign-up becomes a persona that survives a reload', async (t) => {
  const { site, context, page, errors } = await openSandbox(t);

  // The partner admin creates a trial invitation that includes delegated administration.
  await click(page, 'nav.offers');
  await click(page, 'offers.tab.trials');
  await click(page, 'trial.create');
  const link = await shownOnce(page, /Trial invitation link/);
  assert.match(link, /offer\//);

  // The link opens the acceptance screen in the same browser; a new organization signs up.
  const signup = await context.newPage();
  signup.on('pageerror', e => errors.push(String(e)));
  await signup.goto(link);
  await waitForState(signup, 'section', 'accept', 30000);
  await waitForStateMatch(signup, 'accept.partner', /Northwind/);
  await typeInto(signup, 'signup.organizationName', 'Wingtip Sandbox');
  await typeInto(signup, 'signup.domainPrefix', 'wingtipsandbox');
  await typeInto(signup, 'signup.userName', 'rhea');
  await typeInto(signup, 'signup.displayName', 'Rhea Ramos');
  await typeInto(signup, 'signup.password', 'Wingtip-Sandbox-1');
  await click(signup, 'signup.submit');
  await waitForState(signup, 'accept.outcome', 'accepted');
  await waitForStateMatch(signup, 'persona', /Rhea Ramos - customer admin, Wingtip Sandbox/);
  await screenshot(signup, 'sandbox-signed-up');

  // Loaded again (no link this time): still Rhea, whose organization has Northwind as partner.
  await signup.goto(site.url + '?again=1');
  await waitForState(signup, 'connection', 'sandbox', 30000);
  await waitForStateMatch(signup, 'persona', /Rhea Ramos/);
  await click(signup, 'nav.partners');
  await waitForStateMatch(signup, 'partners', /Northwind Partners/);
  // And the switcher still offers her after switching away.
  await click(signup, 'persona');
  const options = await signup.evaluate(() => Object.keys(window.__delegate.rects)
    .filter(k => k.startsWith('persona.option.')).length);
  await click(signup, 'persona.option.0');
  await waitForStateMatch(signup, 'persona', /Amy/);
  await click(signup, 'persona');
  await click(signup, 'persona.option.' + (options - 1));
  await waitForStateMatch(signup, 'persona', /Rhea Ramos/);
  assert.deepStrictEqual(errors, []);
});

test('sandbox: export the world, reset to the demo world, import the file back', async (t) => {
  const { page, errors } = await openSandbox(t);
  const upn = 'export.check@northwindpartners.onmicrosoft.com';
  await addPartnerUser(page, upn, 'Export Check');
  const visible = async () => {
    await click(page, 'nav.partner-users');
    await click(page, 'pusers.tab.users');
    await typeInto(page, 'pusers.search', 'export.check');
    await page.waitForTimeout(300);
    return !!(await hook(page)).rects['pusers.row.' + upn];
  };
  assert.ok(await visible(), 'the new partner user is listed');

  const [download] = await Promise.all([page.waitForEvent('download'),
                                        click(page, 'sandbox.export')]);
  assert.strictEqual(download.suggestedFilename(), 'delegate-sandbox.json');
  const file = await download.path();
  const saved = JSON.parse(fs.readFileSync(file, 'utf8'));
  assert.strictEqual(saved.format, 'delegate-sandbox');
  assert.ok(JSON.stringify(saved.state.users).includes(upn), 'the export holds the new user');

  await click(page, 'sandbox.reset');
  await waitForStateMatch(page, 'confirm', /./);
  await click(page, 'confirm.ok');
  await waitForStateMatch(page, 'toasts', /starts over/);
  assert.ok(!(await visible()), 'a reset returns to the demo world');

  // A file that is not an export is refused with a reason and changes nothing.
  const bogus = file + '.bogus.json';
  fs.writeFileSync(bogus, '{"hello": "world"}');
  let [chooser] = await Promise.all([page.waitForEvent('filechooser'),
                                     click(page, 'sandbox.import')]);
  await chooser.setFiles(bogus);
  await waitForStateMatch(page, 'toasts', /not a Delegate sandbox export/);

  [chooser] = await Promise.all([page.waitForEvent('filechooser'), click(page, 'sandbox.import')]);
  await chooser.setFiles(file);
  await waitForStateMatch(page, 'toasts', /loaded from the file/);
  assert.ok(await visible(), 'the import brings the user back');
  assert.deepStrictEqual(errors, []);
});

test('sandbox: two subscriptions of one product keep their licenses apart', async (t) => {
  const { site, context, page, errors } = await openSandbox(t);
  // Contoso buys the same product twice through two purchase offers.
  await click(page, 'nav.offers');
  await click(page, 'offers.tab.trials');
  await click(page, 'trial.kind.purchase');
  const product = await waitForStateValue(page, 'value.trial.product');
  const links = [];
  for (let i = 0; i < 2; i++) {
    await click(page, 'trial.create');
    links.push(await shownOnce(page, /Purchase offer link/));
  }
  for (const link of links) {
    const client = await context.newPage();
    client.on('pageerror', e => errors.push(String(e)));
    await client.goto(link);
    await waitForState(client, 'section', 'accept', 30000);
    await waitForState(client, 'accept.kind', 'purchase');
    await click(client, 'accept.accept');
    await waitForState(client, 'accept.outcome', 'accepted');
    await client.close();
  }
  // The partner's page loads the world the client pages saved.
  await page.goto(site.url + '?again=1');
  await waitForState(page, 'connection', 'sandbox', 30000);
  await switchPersona(page, /Amy Alvarez/);
  await openCustomer(page, 'Contoso');
  await click(page, 'workspace.tab.licenses');
  const first = 'ws.sub.' + product, second = 'ws.sub.' + product + '#2';
  await waitForState(page, first, '0 of 10');
  await waitForState(page, second, '0 of 10');
  await click(page, first + '.manage');
  await page.waitForFunction(() => Object.keys(window.__delegate.rects)
    .some(k => k.startsWith('ws.license.assign.')), null, { timeout: 15000 });
  const assign = (await widgetsStartingWith(page, 'ws.license.assign.'))[0];
  const licensee = assign.replace('ws.license.assign.', '');
  await click(page, assign);
  await waitForState(page, first, '1 of 10');
  await waitForState(page, 'ws.license.' + licensee, 'assigned');
  // The other subscription of the same product: that user does not hold one of its licenses.
  await click(page, second + '.manage');
  await waitForState(page, 'ws.license.' + licensee, 'none');
  await waitForWidgets(page, ['ws.license.assign.' + licensee]);
  assert.strictEqual(await stateOf(page, second), '0 of 10');
  assert.deepStrictEqual(errors, []);
});

async function waitForStateValue(page, key) {
  await page.waitForFunction(k => !!window.__delegate.state[k], key, { timeout: 15000 });
  return stateOf(page, key);
}
function stateOf(page, key) {
  return page.evaluate(k => window.__delegate.state[k], key);
}
