// Mail in the app (issue 14): a message the SMTP server refuses for good (550) shows as failed
// with the server's reason on the partner administrator's Mail screen, and Retry delivers it.
'use strict';
const test = require('node:test');
const assert = require('node:assert');
const fs = require('fs');
const os = require('os');
const path = require('path');
const net = require('net');
const { spawn } = require('child_process');
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

// tests/server/smtp_sink.py answering `answers` ("550": the first DATA refused, then 250).
async function startSink(answers) {
  const port = await freePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'delegate-sink-'));
  const proc = spawn('/usr/bin/python3', [path.join(ROOT, 'tests/server/smtp_sink.py'), '--port',
    String(port), '--dir', dir, '--answers', answers], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  proc.stdout.on('data', d => { out += d; });
  proc.stderr.on('data', d => { out += d; });
  const deadline = Date.now() + 10000;
  while (!out.includes('ready')) {
    if (Date.now() > deadline || proc.exitCode !== null) throw new Error('SMTP sink: ' + out);
    await new Promise(r => setTimeout(r, 50));
  }
  return { url: `smtp://127.0.0.1:${port}`, dir, stop: () => proc.kill('SIGKILL') };
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
