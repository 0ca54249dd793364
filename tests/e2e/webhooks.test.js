// Webhooks in the app (issue 14): a partner administrator registers an endpoint on the Webhooks
// screen (typing the URL, ticking an event type), copies the secret shown once, a customer accepts
// an offer, and the receiver gets a Standard Webhooks delivery whose signature verifies with that
// secret; the endpoint's log in the app shows the 200.
'use strict';
const test = require('node:test');
const assert = require('node:assert');
const http = require('http');
const crypto = require('crypto');
const { apiAs, startServer, launchBrowser, click, typeInto, waitForState, waitForStateMatch, state,
        screenshot, signIn } = require('./support');
const { newPerson } = require('./people');

const DEMO_PASSWORD = 'Delegate-Demo-2026';

// An HTTP receiver on 127.0.0.1 that keeps what it gets and answers 200.
function startReceiver() {
  const got = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', d => { body += d; });
    req.on('end', () => {
      got.push({ headers: req.headers, body });
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      res.end('ok');
    });
  });
  return new Promise(resolve => server.listen(0, '127.0.0.1', () => resolve({
    url: `http://127.0.0.1:${server.address().port}/hooks`, got,
    stop: () => new Promise(r => server.close(r)),
  })));
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
  const deadline = Date.now() + 20000;
  while (receiver.got.length === 0 && Date.now() < deadline) await new Promise(r => setTimeout(r, 100));
  assert.strictEqual(receiver.got.length, 1);
  assert.ok(verifies(secret, receiver.got[0]), 'the signature verifies with the secret shown');
  assert.strictEqual(JSON.parse(receiver.got[0].body).type, 'offer.accepted');

  // The log in the app shows the delivery with its 200.
  await click(page, 'webhooks.log.0');
  await waitForStateMatch(page, 'webhooks.log.first', /^200 \| offer\.accepted$/, 20000);
  await screenshot(page, 'webhooks-log');
});
