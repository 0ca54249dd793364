// Steps shared by the server stories: people in their own browser contexts, a client organization
// created through a trial invitation, partner users and their access setting.
'use strict';
const assert = require('node:assert');
const { waitForWidgets, click, waitForState, waitForStateMatch, state, typeInto, screenshot,
        signIn } = require('./support');

async function newPerson(browser, url) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', e => errors.push(String(e)));
  await page.goto(url);
  return { context, page, errors };
}

// Reads a value shown once (temporary password, link) and closes the box.
async function shownOnce(page, titlePattern) {
  try {
    await waitForStateMatch(page, 'shownOnceTitle', titlePattern);
  } catch (e) {
    const st = await page.evaluate(() => window.__delegate.state);
    const about = Object.keys(st).filter(k => /error|toast|shownOnce/.test(k))
      .map(k => `${k}=${st[k]}`).join('\n');
    await screenshot(page, 'failure-shown-once');
    throw new Error(`no "${titlePattern}" shown once; state:\n${about}`);
  }
  const value = await state(page, 'shownOnce');
  await click(page, 'shownonce.done');
  await page.waitForFunction(() => !window.__delegate.rects['shownonce.done'], null, { polling: 100 });
  return value;
}

async function openCustomer(page, name) {
  await click(page, 'nav.customers');
  await waitForState(page, 'section', 'customers');
  await typeInto(page, 'customers.search', name);
  await waitForStateMatch(page, 'customers.first', new RegExp('^' + name));
  const id = await page.evaluate(() => Object.entries(window.__delegate.rects)
    .filter(([k]) => k.startsWith('customers.row.')).sort((a, b) => a[1].y - b[1].y)[0][0]);
  await click(page, id);
  await waitForState(page, 'section', 'workspace');
}

async function setAccess(page, upn, choice) {
  await click(page, 'nav.partner-users');
  await click(page, 'pusers.tab.users');
  await typeInto(page, 'pusers.search', upn.split('@')[0]);
  // The row must really be selected: the settings card of someone else may still be open.
  await click(page, 'pusers.row.' + upn);
  await waitForState(page, 'pusers.selected', upn);
  await waitForWidgets(page, ['access.yes']);
  await click(page, 'access.yes');
  await click(page, choice === 'limited' ? 'access.limited' : 'access.full');
  await waitForState(page, 'access.' + upn,
                     choice === 'limited' ? 'Limited administration' : 'Full administration');
}

async function addPartnerUser(page, upn, name) {
  await click(page, 'nav.partner-users');
  await click(page, 'pusers.tab.users');
  await click(page, 'pusers.adduser.open');
  await typeInto(page, 'pusers.adduser.userPrincipalName', upn);
  await typeInto(page, 'pusers.adduser.displayName', name);
  await click(page, 'pusers.adduser.submit');
  return shownOnce(page, /User added/);
}

// A client organization signs up through the partner's trial invitation (with delegated admin).
// Its first administrator picks a password (a too-short one is refused next to the field) and is
// signed in right away.
// dap: false sends the trial without delegated administration, so that the client can still
// accept the partner's delegated-admin offer afterwards (one who already holds it is told so).
async function signUpClient(browser, admin, partnerName, { org, prefix, user, name, dap = true }) {
  await click(admin.page, 'nav.offers');
  await click(admin.page, 'offers.tab.trials');
  if (!dap) await click(admin.page, 'trial.dap');
  await click(admin.page, 'trial.create');
  const trialLink = await shownOnce(admin.page, /Trial invitation link/);
  const signup = await newPerson(browser, trialLink);
  await waitForState(signup.page, 'section', 'accept', 30000);
  await waitForStateMatch(signup.page, 'accept.partner', new RegExp(partnerName));
  await typeInto(signup.page, 'signup.organizationName', org);
  await typeInto(signup.page, 'signup.domainPrefix', prefix);
  await typeInto(signup.page, 'signup.userName', user);
  await typeInto(signup.page, 'signup.displayName', name);
  await typeInto(signup.page, 'signup.password', 'short');
  await click(signup.page, 'signup.submit');
  await waitForStateMatch(signup.page, 'error.signup.password', /at least 8 characters/);
  await screenshot(signup.page, 'accept-trial-signup');
  const password = `${prefix}-Pass-2026`;
  await typeInto(signup.page, 'signup.password', password);
  await click(signup.page, 'signup.submit');
  await waitForState(signup.page, 'accept.outcome', 'accepted');
  await waitForState(signup.page, 'signedIn', 'true');
  assert.deepStrictEqual(signup.errors, []);
  await signup.context.close();
  return { upn: `${user}@${prefix}.onmicrosoft.com`, password };
}

module.exports = { newPerson, shownOnce, openCustomer, setAccess, addPartnerUser, signUpClient };
