// Webhooks in the app (issue 14): a partner administrator registers an endpoint on the Webhooks
// screen (typing the URL, ticking event types), copies the secret shown once, a customer accepts
// an offer, and the receiver gets a Standard Webhooks delivery whose signature verifies with that
// secret; the endpoint's log in the app shows the 200. Then: Rotate secret (confirmed) shows a new
// secret once and the next delivery is signed with it; a delivery the receiver refused for good
// (410) is sent again with Retry; Delete asks first (Cancel keeps the endpoint, confirming
// deletes it).
'use strict';
const test = require('node:test');
const assert = require('node:assert');
const http = require('http');
const crypto = require('crypto');
const { apiAs, startServer, launchBrowser, click, typeInto, waitForState, waitForStateMatch, state,
        screenshot, signIn } = require('./support');
const { newPerson } = require('./people');

const DEMO_PASSWORD = 'Delegate-Demo-2026';

// An HTTP receiver on 127.0.0.1 that keeps what it gets and answers with the codes in
// `answers` in turn (200 once they are used up).
function startReceiver() {
  const got = [];
  const answers = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', d => { body += d; });
    req.on('end', () => {
      got.push({ headers: req.headers, body });
      const code = answers.length ? answers.shift() : 200;
      res.writeHead(code, { 'Content-Type': 'text/plain' });
      res.end(code === 200 ? 'ok' : 'gone');
    });
  });
  return new Promise(resolve => server.listen(0, '127.0.0.1', () => resolve({
    url: `http://127.0.0.1:${server.address().port}/hooks`, got, answers,
    stop: () => new Promise(r => server.close(r)),
  })));
}

async function receivedCount(receiver, n) {
  const deadline = Date.now() + 20000;
  while (receiver.got.length < n && Date.now() < deadline) await new Promise(r => setTimeout(r, 100));
  assert.strictEqual(receiver.got.length, n);
}

async function closed(page, key) {
  await page.waitForFunction(k => window.__delegate && !(k in window.__delegate.state), key,
                             { timeout: 15000, polling: 100 });
}

// The Standard Webhooks check a receiver makes.
function verifies(secret, delivery) {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const h = delivery.headers;
  const signed = `${h['webhook-id']}.${h['webhook-timestamp']}.${delivery.body}`;
  const expected = 'v1,' + crypto.createHmac('sha256', key).update(signed).digest('base64');
  return h['webhook-signature'] === expected;
}

test('webhooks: register an endpoint in the app and see a signed delivery in its log',
     async (t) => {
  const receiver = await startReceiver();
  const server = await startServer(['--demo', '--webhook-retry-base-ms', '200']);
  const browser = await launchBrowser();
  t.after(async () => { await browser.close(); await server.stop(); await receiver.stop(); });

  const amy = 'amy.admin@northwindpartners.onmicrosoft.com';
  const { page } = await newPerson(browser, server.url);
  const password = await signIn(page, amy, DEMO_PASSWORD);
  await click(page, 'nav.webhooks');
  await waitForState(page, 'section', 'webhooks');
  await waitForState(page, 'webhooks.loaded', 'yes');
  assert.strictEqual(await state(page, 'webhooks.count'), '0');

  // Plain http to another machine is refused with the reason, and nothing is registered.
  await typeInto(page, 'webhooks.url', 'http://hooks.example.com/x');
  await click(page, 'webhooks.type.offer.accepted');
  await click(page, 'webhooks.type.offer.declined');
  await click(page, 'webhooks.add');
  await waitForStateMatch(page, 'error.webhooks.url', /https:\/\//);
  await typeInto(page, 'webhooks.url', receiver.url);
  await click(page, 'webhooks.add');
  await waitForState(page, 'shownOnceTitle', 'Endpoint registered');
  const secret = await state(page, 'shownOnce');
  assert.match(secret, /^whsec_[A-Za-z0-9+/]+=*$/);
  await screenshot(page, 'webhooks-secret');
  await click(page, 'shownonce.done');
  await waitForState(page, 'webhooks.count', '1');
  assert.strictEqual(await state(page, 'webhooks.status.0'), 'enabled');

  // Contoso accepts an offer of Northwind Partners: the endpoint hears it, signed.
  const partner = await apiAs(server.url, amy, password);
  const created = await partner('createOffer');
  const token = created.secrets.find(s => s.kind === 'offerToken').value;
  const client = await apiAs(server.url, 'admin@contoso.onmicrosoft.com', DEMO_PASSWORD);
  await client('acceptOffer', { token });
  await receivedCount(receiver, 1);
  assert.ok(verifies(secret, receiver.got[0]), 'the signature verifies with the secret shown');
  assert.strictEqual(JSON.parse(receiver.got[0].body).type, 'offer.accepted');

  // The log in the app shows the delivery with its 200.
  await click(page, 'webhooks.log.0');
  await waitForStateMatch(page, 'webhooks.log.first', /^200 \| offer\.accepted$/, 20000);
  await screenshot(page, 'webhooks-log');

  // Rotate secret asks first, then shows the new secret once; the next delivery is signed with
  // it (and no longer with the old one). That delivery the receiver refuses for good (410).
  await click(page, 'webhooks.rotate.0');
  await waitForStateMatch(page, 'confirm', /Rotate the signing secret/);
  await screenshot(page, 'webhooks-rotate-confirm');
  await click(page, 'confirm.ok');
  await waitForState(page, 'shownOnceTitle', 'Secret rotated');
  const rotated = await state(page, 'shownOnce');
  assert.match(rotated, /^whsec_[A-Za-z0-9+/]+=*$/);
  assert.notStrictEqual(rotated, secret);
  await click(page, 'shownonce.done');
  await closed(page, 'shownOnceTitle');
  receiver.answers.push(410);
  const declined = await partner('createOffer');
  await client('declineOffer', { token: declined.secrets.find(s => s.kind === 'offerToken').value });
  await receivedCount(receiver, 2);
  assert.ok(verifies(rotated, receiver.got[1]), 'signed with the rotated secret');
  assert.ok(!verifies(secret, receiver.got[1]), 'not with the old one');

  // The failed delivery shows with a Retry button; Retry sends it again, with the same id.
  await waitForStateMatch(page, 'webhooks.deliveries.first', /^failed \| msg_/, 20000);
  const failedId = (await state(page, 'webhooks.deliveries.first')).split(' | ')[1];
  await screenshot(page, 'webhooks-failed-delivery');
  await click(page, 'webhooks.retry.0');
  await waitForState(page, 'webhooks.deliveries.first', 'delivered | ' + failedId, 20000);
  await receivedCount(receiver, 3);
  assert.strictEqual(receiver.got[2].headers['webhook-id'], failedId);
  assert.strictEqual(receiver.got[2].body, receiver.got[1].body);

  // Delete asks first: Cancel keeps the endpoint; confirming deletes it.
  await click(page, 'webhooks.delete.0');
  await waitForStateMatch(page, 'confirmBody', /stops sending to http:\/\/127\.0\.0\.1/);
  await screenshot(page, 'webhooks-delete-confirm');
  await click(page, 'confirm.cancel');
  await closed(page, 'confirm');
  assert.strictEqual(await state(page, 'webhooks.count'), '1');
  await click(page, 'webhooks.delete.0');
  await waitForStateMatch(page, 'confirm', /Delete this endpoint/);
  await click(page, 'confirm.ok');
  await waitForState(page, 'webhooks.count', '0');
});
