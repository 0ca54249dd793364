// Sandbox mode: someone signs up a new organization through a trial invitation link, becomes a
// persona, and stays one after the page is loaded again (the world and its people are saved in
// the browser's storage).
'use strict';
const test = require('node:test');
const assert = require('node:assert');
const { click, waitForState, waitForStateMatch, typeInto, screenshot } = require('./support');
const { shownOnce } = require('./people');
const { openSandbox } = require('./sandbox_support');

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
