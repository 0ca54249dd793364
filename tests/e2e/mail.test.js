// Mail in the app (issue 14): a message the SMTP server refuses for good (550) shows as failed
// with the server's reason on the partner administrator's Mail screen, and Retry delivers it. The
// list by keyboard: Up/Down move the cursor, Enter opens the message with its whole reason — here
// an smtps:// server whose certificate the trusted CA (--smtp-ca-file) did not sign: nothing is
// sent, and the app says why.
'use strict';
const test = require('node:test');
const assert = require('node:assert');
const fs = require('fs');
const os = require('os');
const path = require('path');
const net = require('net');
const { spawn, execFileSync } = require('child_process');
const { apiAs, startServer, launchBrowser, click, waitForState, waitForStateMatch, state, screenshot,
        signIn, ROOT } = require('./support');
const { newPerson } = require('./people');

const DEMO_PASSWORD = 'Delegate-Demo-2026';

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

// A throwaway self-signed certificate for 127.0.0.1 (as tests/server/test_certificate.cpp makes).
function makeCertificate(dir, name) {
  const cert = path.join(dir, name + '.crt'), key = path.join(dir, name + '.key');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj',
    '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost', '-keyout', key,
    '-out', cert], { stdio: 'ignore' });
  return { cert, key };
}

// tests/server/smtp_sink.py answering `answers` ("550": the first DATA refused, then 250);
// `tls` ({cert, key}) makes it an smtps:// server.
async function startSink(answers, tls) {
  const port = await freePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'delegate-sink-'));
  const args = [path.join(ROOT, 'tests/server/smtp_sink.py'), '--port', String(port), '--dir', dir,
    '--answers', answers];
  if (tls) args.push('--tls', 'smtps', '--cert', tls.cert, '--key', tls.key);
  const proc = spawn('/usr/bin/python3', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  proc.stdout.on('data', d => { out += d; });
  proc.stderr.on('data', d => { out += d; });
  const deadline = Date.now() + 10000;
  while (!out.includes('ready')) {
    if (Date.now() > deadline || proc.exitCode !== null) throw new Error('SMTP sink: ' + out);
    await new Promise(r => setTimeout(r, 50));
  }
  return { url: `${tls ? 'smtps' : 'smtp'}://127.0.0.1:${port}`, dir,
           stop: () => proc.kill('SIGKILL') };
}

test('mail: a refused message shows failed with the reason, and Retry delivers it', async (t) => {
  const sink = await startSink('550');
  const server = await startServer(['--demo', '--smtp-url', sink.url, '--mail-retry-base-ms', '200']);
  const browser = await launchBrowser();
  t.after(async () => { await browser.close(); await server.stop(); sink.stop(); });
  assert.match(server.output(), /Mail goes through smtp:\/\/127\.0\.0\.1/);

  // Contoso's administrator declines an offer of Northwind's: Northwind's administrators hear.
  const amy = 'amy.admin@northwindpartners.onmicrosoft.com';
  const partner = await apiAs(server.url, amy, DEMO_PASSWORD);
  const created = await partner('createOffer');
  const token = created.secrets.find(s => s.kind === 'offerToken').value;
  const client = await apiAs(server.url, 'admin@contoso.onmicrosoft.com', DEMO_PASSWORD);
  await client('declineOffer', { token });

  const { page } = await newPerson(browser, server.url);
  await signIn(page, amy, DEMO_PASSWORD);
  await click(page, 'nav.mail');
  await waitForState(page, 'section', 'mail');
  await waitForStateMatch(page, 'mail.first', /^failed \| 550 .*does not exist/, 20000);
  await screenshot(page, 'mail-failed');
  const id = await state(page, 'mail.firstId');
  await click(page, 'mail.retry.' + id);
  await waitForStateMatch(page, 'mail.first', /^sent/, 20000);
  await screenshot(page, 'mail-sent');
  const received = fs.readdirSync(sink.dir).filter(f => f.endsWith('.json'));
  assert.strictEqual(received.length, 2, 'refused once, then delivered once');
});

test('mail: the list by keyboard, and a certificate the CA did not sign says why', async (t) => {
  const certs = fs.mkdtempSync(path.join(os.tmpdir(), 'delegate-certs-'));
  const served = makeCertificate(certs, 'smtp');
  const otherCa = makeCertificate(certs, 'other-ca');
  const sink = await startSink('', served);
  const server = await startServer(['--demo', '--smtp-url', sink.url, '--smtp-ca-file', otherCa.cert,
                                    '--mail-retry-base-ms', '600000']);
  const browser = await launchBrowser();
  t.after(async () => {
    await browser.close(); await server.stop(); sink.stop();
    fs.rmSync(certs, { recursive: true, force: true });
  });

  // Three offers declined: three messages to Northwind Partners' administrators.
  const amy = 'amy.admin@northwindpartners.onmicrosoft.com';
  const partner = await apiAs(server.url, amy, DEMO_PASSWORD);
  const client = await apiAs(server.url, 'admin@contoso.onmicrosoft.com', DEMO_PASSWORD);
  for (let i = 0; i < 3; i++) {
    const created = await partner('createOffer');
    await client('declineOffer', { token: created.secrets.find(s => s.kind === 'offerToken').value });
  }

  const { page } = await newPerson(browser, server.url);
  await signIn(page, amy, DEMO_PASSWORD);
  await click(page, 'nav.mail');
  await waitForState(page, 'section', 'mail');
  await waitForStateMatch(page, 'mail.first', /^retrying \| .*TLS certificate was not accepted/, 20000);
  // The rows top to bottom (newest first).
  await page.waitForFunction(() => Object.keys(window.__delegate.rects)
    .filter(k => k.startsWith('mail.row.')).length >= 3);
  const rows = await page.evaluate(() => Object.entries(window.__delegate.rects)
    .filter(([k]) => k.startsWith('mail.row.')).sort(([, a], [, b]) => a.y - b.y)
    .map(([k]) => k.slice('mail.row.'.length)));
  assert.strictEqual(rows[0], await state(page, 'mail.firstId'));

  // A click opens a row and puts the cursor on it; Down moves it, Enter opens that one; Up and
  // Enter open the first again.
  await click(page, 'mail.row.' + rows[0]);
  await waitForState(page, 'mail.open', rows[0]);
  await waitForState(page, 'mail.focused', 'true');
  await waitForState(page, 'mail.cursor', rows[0]);
  await page.keyboard.press('ArrowDown');
  await waitForState(page, 'mail.cursor', rows[1]);
  assert.strictEqual(await state(page, 'mail.open'), rows[0], 'moving the cursor opens nothing');
  await page.keyboard.press('ArrowDown');
  await waitForState(page, 'mail.cursor', rows[2]);
  await page.keyboard.press('Enter');
  await waitForState(page, 'mail.open', rows[2]);
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await waitForState(page, 'mail.cursor', rows[0]);
  await page.keyboard.press('Enter');
  await waitForState(page, 'mail.open', rows[0]);
  // The opened message names the certificate problem in full.
  await waitForStateMatch(page, 'mail.open.detail',
                          /^retrying \| .*certificate was not accepted.*other-ca\.crt/);
  await screenshot(page, 'mail-keyboard-certificate');
  // Nothing was sent, in the clear or otherwise.
  assert.deepStrictEqual(fs.readdirSync(sink.dir).filter(f => f.endsWith('.json')), []);
});
