// Microsoft's official Graph JavaScript client drives the server over HTTPS, following the
// README's steps (graph_sdk_script.js): token, customers, groups, create with P2Y, paging through
// https next links, PATCH with If-Match (412 when stale), requests read back.
'use strict';
const test = require('node:test');
const assert = require('node:assert');
const { execFileSync, spawn } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { startServer } = require('./support');

function certificate() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'delegate-tls-'));
  const cert = path.join(dir, 'cert.pem'), key = path.join(dir, 'key.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2',
                           '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1',
                           '-keyout', key, '-out', cert], { stdio: 'ignore' });
  return { cert, key };
}

function runScript(env) {
  return new Promise(resolve => {
    const child = spawn(process.execPath, [path.join(__dirname, 'graph_sdk_script.js')],
                        { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', d => { out += d; });
    child.stderr.on('data', d => { out += d; });
    child.on('exit', code => resolve({ code, out }));
  });
}

test('the official Graph JS client works against the server on HTTPS', async (t) => {
  const { cert, key } = certificate();
  const server = await startServer(['--demo', '--tls-cert', cert, '--tls-key', key]);
  t.after(() => server.stop());
  // The demo world's partner administrator (README: every demo password is the same).
  const amy = { userPrincipalName: 'amy.admin@northwindpartners.onmicrosoft.com',
                password: 'Delegate-Demo-2026' };
  assert.match(server.output(), /amy\.admin@northwindpartners\.onmicrosoft\.com/);
  const run = await runScript({ NODE_EXTRA_CA_CERTS: cert, DELEGATE_URL: server.url,
                                DELEGATE_USER: amy.userPrincipalName,
                                DELEGATE_PASSWORD: amy.password });
  assert.strictEqual(run.code, 0, run.out);
  const result = JSON.parse(run.out.trim().split('\n').pop());
  assert.ok(result.pages >= 2);
  // Without trusting the certificate the same script is refused by TLS, not served in the clear.
  const untrusted = await runScript({ NODE_EXTRA_CA_CERTS: '', DELEGATE_URL: server.url,
                                      DELEGATE_USER: amy.userPrincipalName,
                                      DELEGATE_PASSWORD: amy.password });
  assert.notStrictEqual(untrusted.code, 0);
  assert.match(untrusted.out, /certificate|self.signed/i);
});
