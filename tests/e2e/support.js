// Shared helpers for the browser tests: Debian's Chromium through playwright-core, the real
// delegate-server on a free loopback port, and the app's test hook (window.__delegate).
'use strict';
const assert = require('node:assert');
const { chromium } = require('playwright-core');
const { spawn } = require('child_process');
const net = require('net');
const path = require('path');
const fs = require('fs');

const ROOT = path.resolve(__dirname, '../..');
const SERVER = process.env.DELEGATE_SERVER || path.join(ROOT, 'build/native/server/delegate-server');
const SITE = process.env.DELEGATE_SITE || path.join(ROOT, 'build/wasm/site');
const ARTIFACTS = path.join(ROOT, 'build/e2e');

const CHROMIUM_FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--use-gl=angle', '--use-angle=swiftshader', '--enable-unsafe-swiftshader',
];

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

// Whether /api/health answers. Over TLS the certificate is a throwaway one this process does not
// trust; only readiness is checked here (the tests that use TLS check the certificate).
async function healthy(url, tls) {
  if (!tls) {
    try { return (await fetch(url + 'api/health')).ok; } catch (e) { return false; }
  }
  return new Promise(resolve => {
    const req = require('https').get(url + 'api/health', { rejectUnauthorized: false },
                                     res => { res.resume(); resolve(res.statusCode === 200); });
    req.on('error', () => resolve(false));
  });
}

// `port` 0 picks a free one; a test that restarts the server passes the old port and --data.
async function startServer(extraArgs = [], port = 0, readyMs = 20000) {
  port = port || await freePort();
  // Each server gets a fresh store unless the test names one (first start prints the sign-in).
  if (!extraArgs.includes('--data')) {
    const os = require('os');
    extraArgs = ['--data', fs.mkdtempSync(path.join(os.tmpdir(), 'delegate-e2e-')), ...extraArgs];
  }
  const proc = spawn(SERVER, ['--host', '127.0.0.1', '--port', String(port), '--web', SITE, ...extraArgs],
                     { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  proc.stdout.on('data', d => { output += d; });
  proc.stderr.on('data', d => { output += d; });
  const tls = extraArgs.includes('--tls-cert');
  const url = `${tls ? 'https' : 'http'}://127.0.0.1:${port}/`;
  const deadline = Date.now() + readyMs;
  while (Date.now() < deadline) {
    if (proc.exitCode !== null) throw new Error(`delegate-server exited: ${output}`);
    if (await healthy(url, tls)) break;
    await new Promise(r => setTimeout(r, 50));
  }
  return {
    url, port, proc,
    output: () => output,
    // The sign-in names the server printed ("sign in as X" / "password Y" pairs, or --demo's list).
    credentials: () => {
      const out = [];
      const re = /sign in as\s+(\S+)[\s\S]*?password\s+(\S+)/g;
      let m;
      while ((m = re.exec(output))) out.push({ userPrincipalName: m[1], password: m[2] });
      const demo = /^\s*(\S+@\S+)\s+(\S+)\s*(.*)$/gm;
      while ((m = demo.exec(output))) {
        if (!out.some(c => c.userPrincipalName === m[1]) && !/^http/.test(m[1]))
          out.push({ userPrincipalName: m[1], password: m[2], note: m[3] });
      }
      return out;
    },
    stop: () => new Promise(resolve => {
      if (proc.exitCode !== null) return resolve(proc.exitCode);
      proc.once('exit', code => resolve(code));
      proc.kill('SIGTERM');
    }),
  };
}

async function launchBrowser() {
  return chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
                           args: CHROMIUM_FLAGS });
}

// Waits until the app has drawn frames and published the given widget rectangles.
// On a timeout the error names what the screen held instead, so a CI log says why.
async function waitForWidgets(page, ids, timeout = 30000) {
  try {
    await page.waitForFunction(
      want => window.__delegate && window.__delegate.frame > 2 &&
              want.every(id => window.__delegate.rects[id]),
      ids, { timeout, polling: 100 });
  } catch (e) {
    const seen = await page.evaluate(() => window.__delegate ? {
      state: window.__delegate.state, widgets: Object.keys(window.__delegate.rects) } : null)
      .catch(() => null);
    throw new Error(`${e.message}\nwaiting for ${ids.join(', ')}; the screen held ` +
                    JSON.stringify(seen), { cause: e });
  }
}

async function hook(page) {
  return page.evaluate(() => window.__delegate);
}

// A widget below the fold of its scrolling panel is laid out but cannot be clicked: wheel the
// panel under it (bounded) until the widget is inside the viewport, as a person would.
async function scrollIntoView(page, id) {
  const { height } = page.viewportSize();
  let r = (await hook(page)).rects[id];
  for (let i = 0; i < 40 && (r.y + r.h > height || r.y < 0); ++i) {
    const frame = (await hook(page)).frame;
    await page.mouse.move(r.x + r.w / 2, r.y < 0 ? 8 : height - 8);
    await page.mouse.wheel(0, r.y < 0 ? -120 : 120);
    await page.waitForFunction(f => window.__delegate.frame > f + 1, frame, { polling: 'raf' });
    r = (await hook(page)).rects[id];
  }
  return r;
}

// A real mouse click in the middle of a published widget.
async function click(page, id) {
  // Browsers only animate the page in front; several people means several pages.
  await page.bringToFront();
  await waitForWidgets(page, [id]);
  const r = await scrollIntoView(page, id);
  await page.mouse.move(r.x + r.w / 2, r.y + r.h / 2);
  await page.mouse.down();
  await page.waitForTimeout(50);
  await page.mouse.up();
}

async function failureShot(page, key, e) {
  try {
    const file = await screenshot(page, 'failure-' + key.replace(/[^A-Za-z0-9.-]/g, '_'));
    const st = await page.evaluate(k => window.__delegate && window.__delegate.state[k], key);
    e.message += ` (state ${key} = ${JSON.stringify(st)}; screenshot ${file})`;
  } catch (ignored) { /* the page may be gone */ }
  throw e;
}

async function waitForState(page, key, value, timeout = 15000) {
  await page.waitForFunction(([k, v]) => window.__delegate && window.__delegate.state[k] === v,
                             [key, value], { timeout, polling: 100 })
    .catch(e => failureShot(page, key, e));
}

async function screenshot(page, name) {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, name + '.png');
  await page.screenshot({ path: file });
  return file;
}

// A plain static file server over the web build (no /api at all): sandbox mode.
async function startStatic(root = SITE) {
  const http = require('http');
  const types = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm',
                  '.data': 'application/octet-stream', '.svg': 'image/svg+xml', '.json': 'application/json' };
  const server = http.createServer((req, res) => {
    const rel = decodeURIComponent(new URL(req.url, 'http://x').pathname).replace(/^\/+/, '') || 'index.html';
    const file = path.join(root, rel);
    if (!file.startsWith(root) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404); return res.end('not found');
    }
    res.writeHead(200, { 'Content-Type': types[path.extname(file)] || 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  const port = await freePort();
  await new Promise(r => server.listen(port, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${port}/`, port, stop: () => new Promise(r => server.close(r)) };
}

// Types text into the widget: click it, select all, type.
async function typeInto(page, id, text) {
  await click(page, id);
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  if (text) await page.keyboard.type(text, { delay: 5 });
  // Under load the app takes one key per frame; wait until the field holds all of it so the next
  // click is not taken while the text is still arriving. Password fields publish no value.
  await page.waitForFunction(([k, v]) => {
    const st = window.__delegate && window.__delegate.state;
    return !st || !(k in st) || st[k] === v || (st[k] === '' && /password/i.test(k));
  }, ['value.' + id, text || ''], { timeout: 15000, polling: 50 });
}

async function waitForStateMatch(page, key, pattern, timeout = 15000) {
  await page.waitForFunction(([k, src]) => window.__delegate &&
                             new RegExp(src).test(window.__delegate.state[k] || ''),
                             [key, pattern.source || pattern], { timeout, polling: 100 })
    .catch(e => failureShot(page, key, e));
}

async function state(page, key) {
  return page.evaluate(k => window.__delegate && window.__delegate.state[k], key);
}

// Signs in through the app's own sign-in screen with real typing. Someone signing in with a
// temporary password must choose their own first: this types a mismatched confirmation (refused
// next to the field), then a new password twice. Returns the password that now works.
async function signIn(page, userPrincipalName, password) {
  await waitForState(page, 'section', 'sign-in', 30000);
  await typeInto(page, 'signin.userPrincipalName', userPrincipalName);
  await typeInto(page, 'signin.password', password);
  await click(page, 'signin.submit');
  await waitForState(page, 'signedIn', 'true', 15000);
  // The must-change flag comes with the first view, which names who is signed in.
  await page.waitForFunction(() => !!window.__delegate.state.me, null,
                             { timeout: 15000, polling: 100 });
  if (await state(page, 'section') !== 'choose-password') return password;
  const chosen = password.slice(0, 12) + '-Own-2026';
  await typeInto(page, 'password.new', chosen);
  await typeInto(page, 'password.confirm', chosen + 'x');
  await click(page, 'password.submit');
  await waitForStateMatch(page, 'error.password.confirm', /differ/);
  await screenshot(page, 'choose-password');
  await typeInto(page, 'password.confirm', chosen);
  await click(page, 'password.submit');
  await page.waitForFunction(() => window.__delegate.state.section !== 'choose-password', null,
                             { timeout: 15000, polling: 100 });
  return chosen;
}

// A person's API session (cookie and CSRF token) for setting the scene without the browser:
// returns a function that runs one command and answers its body.
async function apiAs(url, userPrincipalName, password) {
  const r = await fetch(url + 'api/session', { method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ userPrincipalName, password }) });
  assert.ok(r.ok, 'sign in ' + userPrincipalName + ': ' + r.status);
  const cookie = r.headers.get('set-cookie').split(';')[0];
  const { csrfToken } = await r.json();
  return async (type, fields = {}) => {
    const c = await fetch(url + 'api/commands', { method: 'POST',
      headers: { 'Content-Type': 'application/json', Cookie: cookie, 'X-CSRF-Token': csrfToken },
      body: JSON.stringify({ schemaVersion: 1, type, ...fields }) });
    const body = await c.json();
    assert.ok(c.ok, type + ': ' + JSON.stringify(body));
    return body;
  };
}

module.exports = { apiAs, signIn, startStatic, typeInto, waitForStateMatch, state, ROOT, SITE, ARTIFACTS, startServer, launchBrowser, waitForWidgets, hook, click,
                   waitForState, screenshot, freePort };
