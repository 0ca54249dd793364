// Multi-factor sign-in in Chromium (issue 13): a partner administrator sets up an authenticator
// app from Settings (the codes come from Debian's oathtool, an independent TOTP implementation),
// saves the recovery codes, signs in again with password and code, then requires multi-factor
// sign-in of the partner's users: an agent without it is refused in clients, in words.
'use strict';
const test = require('node:test');
const assert = require('node:assert');
const { execFileSync } = require('child_process');
const { startServer, launchBrowser, click, waitForState, waitForStateMatch, state, screenshot,
        typeInto } = require('./support');
const { newPerson } = require('./people');

const DEMO_PASSWORD = 'Delegate-Demo-2026';
const AMY = 'amy.admin@northwindpartners.onmicrosoft.com';

// The code an authenticator app shows for `secret`, `offsetSeconds` from now.
function totp(secret, offsetSeconds = 0) {
  const at = '@' + (Math.floor(Date.now() / 1000) + offsetSeconds);
  return execFileSync('oathtool', ['--totp', '-b', '--now', at, secret]).toString().trim();
}

// A person's API session (cookie and CSRF token): returns fetch(method, path, body, actingTenant).
async function sessionOf(url, upn) {
  const r = await fetch(url + 'api/session', { method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ userPrincipalName: upn, password: DEMO_PASSWORD }) });
  assert.ok(r.ok, 'sign in ' + upn + ': ' + r.status);
  const cookie = r.headers.get('set-cookie').split(';')[0];
  const { csrfToken } = await r.json();
  return (method, path, body, actingTenant) => {
    const headers = { Cookie: cookie, 'X-CSRF-Token': csrfToken };
    if (body) headers['Content-Type'] = 'application/json';
    if (actingTenant) headers['X-Acting-Tenant'] = actingTenant;
    return fetch(url + path, { method, headers, body: body ? JSON.stringify(body) : undefined });
  };
}

async function passwordStep(page, upn) {
  await waitForState(page, 'section', 'sign-in', 30000);
  await typeInto(page, 'signin.userPrincipalName', upn);
  await typeInto(page, 'signin.password', DEMO_PASSWORD);
  await click(page, 'signin.submit');
}

test('multi-factor: set up an authenticator app, sign in with its code, require it of agents', async (t) => {
  const server = await startServer(['--demo']);
  const browser = await launchBrowser();
  t.after(async () => { await browser.close(); await server.stop(); });

  const { page } = await newPerson(browser, server.url);
  await passwordStep(page, AMY);
  await waitForState(page, 'signedIn', 'true');
  await click(page, 'nav.settings');
  await waitForState(page, 'mfa.me', 'off');
  await click(page, 'mfa.begin');
  await waitForStateMatch(page, 'mfa.secret', /^[A-Z2-7]{32}$/);
  await screenshot(page, 'mfa-setup');
  const secret = await state(page, 'mfa.secret');

  // A wrong code is refused next to the field; the app's code turns it on.
  const now = totp(secret);
  await typeInto(page, 'mfa.code', now === '000000' ? '111111' : '000000');
  await click(page, 'mfa.confirm');
  await waitForStateMatch(page, 'error.mfa.code', /does not match/);
  await typeInto(page, 'mfa.code', now);
  await click(page, 'mfa.confirm');
  await waitForStateMatch(page, 'mfa.recoveryCodes', /^([a-z2-9]{5}-[a-z2-9]{5}\n){10}$/);
  await screenshot(page, 'mfa-recovery-codes');
  const recovery = (await state(page, 'mfa.recoveryCodes')).trim().split('\n');
  await click(page, 'mfa.done');
  await waitForState(page, 'mfa.me', 'on');

  // Signing in again asks for the code after the password. The code used to turn it on is not
  // taken twice; the next one is.
  await click(page, 'topbar.signout');
  await passwordStep(page, AMY);
  await waitForState(page, 'signin.step', 'code');
  await screenshot(page, 'mfa-sign-in');
  await typeInto(page, 'signin.code', now);
  await click(page, 'signin.verify');
  await waitForStateMatch(page, 'error.signin.code', /used already/);
  await typeInto(page, 'signin.code', totp(secret, 30));
  await click(page, 'signin.verify');
  await waitForState(page, 'signedIn', 'true');

  // A recovery code works once.
  await click(page, 'topbar.signout');
  await passwordStep(page, AMY);
  await waitForState(page, 'signin.step', 'code');
  await click(page, 'signin.recovery');
  await typeInto(page, 'signin.code', recovery[0]);
  await click(page, 'signin.verify');
  await waitForState(page, 'signedIn', 'true');

  // Amy requires it of Northwind's users; Felix (Full administration, no app) is refused in a
  // client with the way out in words, until he sets it up.
  const felix = await sessionOf(server.url, 'felix.full@northwindpartners.onmicrosoft.com');
  const view = await (await felix('GET', 'api/view')).json();
  const contoso = view.snapshot.tenants.find(x => x.displayName === 'Contoso');
  const contosoUser = view.snapshot.users.find(u => u.tenantId === contoso.id &&
                                                    !/^admin@/.test(u.userPrincipalName));
  assert.ok(contosoUser, 'Felix sees a Contoso user with Full administration');
  await click(page, 'nav.partner-users');
  await waitForState(page, 'mfa.required', 'off');
  await click(page, 'mfa.require');
  await waitForState(page, 'mfa.required', 'on');
  await screenshot(page, 'mfa-required');
  const refused = await felix('POST', 'api/commands',
    { schemaVersion: 1, type: 'resetPassword', userId: contosoUser.id }, contoso.id);
  assert.strictEqual(refused.status, 403);
  const body = await refused.json();
  assert.strictEqual(body.error.code, 'multiFactorRequired');
  assert.match(body.error.message, /Northwind Partners requires multi-factor sign-in.*Settings/);
});
