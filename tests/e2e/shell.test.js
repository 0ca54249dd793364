'use strict';
const test = require('node:test');
const assert = require('node:assert');
const { startServer, launchBrowser, waitForWidgets, hook, click, waitForState, waitForStateMatch,
        screenshot, signIn, typeInto, state } = require('./support');

// The server's first start prints its administrator's sign-in name and one-time password.
async function signInAsOperator(page, server) {
  const [admin] = server.credentials();
  assert.ok(admin, 'the server printed a sign-in name and password');
  await signIn(page, admin.userPrincipalName, admin.password);
}

// A fresh server (its own store unless `args` names one) and a page in a new browser context,
// both closed when the test ends. `env.server` may be replaced (a restart) and is still stopped.
async function serverAndPage(t, { args = [], viewport = { width: 1280, height: 800 },
                                  deviceScaleFactor = 1 } = {}) {
  const env = { server: await startServer(args), browser: await launchBrowser() };
  t.after(async () => { await env.browser.close(); await env.server.stop(); });
  env.context = await env.browser.newContext({ viewport, deviceScaleFactor });
  env.page = await env.context.newPage();
  return env;
}

test('the app starts, connects to the server and navigates on a real click', async (t) => {
  const { server, page } = await serverAndPage(t);
  const errors = [];
  page.on('pageerror', e => errors.push(String(e)));
  // The server's Content-Security-Policy must let the whole app run: Chromium reports anything it
  // blocks on the console.
  const blocked = [];
  page.on('console', m => { if (/Content Security Policy/i.test(m.text())) blocked.push(m.text()); });

  const started = Date.now();
  const response = await page.goto(server.url);
  assert.match(response.headers()['content-security-policy'] || '', /frame-ancestors 'none'/);
  assert.strictEqual(response.headers()['x-content-type-options'], 'nosniff');
  await waitForWidgets(page, ['main.title']);
  const firstFrameMs = await page.evaluate(() => window.delegateFirstFrameAt);
  assert.ok(firstFrameMs > 0, 'the page reported its first frame');
  t.diagnostic(`first frame ${Math.round(firstFrameMs)} ms after navigation start ` +
               `(${Date.now() - started} ms wall)`);

  await waitForState(page, 'connection', 'connected');
  assert.match((await hook(page)).state.connectionText, /^Connected to Delegate \d+\.\d+\.\d+$/);
  // A server with accounts asks who you are first.
  assert.strictEqual((await hook(page)).state.section, 'sign-in');
  await screenshot(page, 'sign-in');
  await signInAsOperator(page, server);
  await waitForWidgets(page, ['topbar.connection', 'nav.customers', 'main.title']);
  const h = await hook(page);
  assert.match(h.state.connectionText, /^Connected to Delegate \d+\.\d+\.\d+$/);
  assert.strictEqual(h.state.section, 'overview');
  await waitForState(page, 'sync', 'synced');
  const overlayGone = await page.evaluate(
    () => document.getElementById('overlay').classList.contains('gone'));
  assert.ok(overlayGone, 'the loading overlay is hidden after the first frame');

  await click(page, 'nav.customers');
  await waitForState(page, 'section', 'customers');
  await click(page, 'nav.activity');
  await waitForState(page, 'section', 'activity');
  await screenshot(page, 'shell-activity');
  assert.deepStrictEqual(errors, []);
  assert.deepStrictEqual(blocked, [], 'nothing was blocked by the Content-Security-Policy');
});

test('a person changes their own password from Settings and signs in with it', async (t) => {
  const { server, page } = await serverAndPage(t);
  await page.goto(server.url);
  const [admin] = server.credentials();
  await signIn(page, admin.userPrincipalName, admin.password);
  await click(page, 'nav.settings');
  await waitForState(page, 'section', 'settings');
  const chosen = 'Settings-Chosen-2026';
  await typeInto(page, 'password.current', 'not-my-password');
  await typeInto(page, 'password.new', chosen);
  await typeInto(page, 'password.confirm', chosen);
  await click(page, 'password.submit');
  await waitForStateMatch(page, 'error.password.current', /current password is not right/);
  await typeInto(page, 'password.current', admin.password);
  await click(page, 'password.submit');
  await waitForStateMatch(page, 'toasts', /password was changed/);
  await screenshot(page, 'settings-password');
  await click(page, 'topbar.signout');
  await waitForState(page, 'section', 'sign-in');
  // The old password no longer works; the new one does.
  await typeInto(page, 'signin.userPrincipalName', admin.userPrincipalName);
  await typeInto(page, 'signin.password', admin.password);
  await click(page, 'signin.submit');
  await waitForStateMatch(page, 'error.signin.password', /do not match/);
  assert.strictEqual(await state(page, 'signedIn'), 'false');
  assert.strictEqual(await signIn(page, admin.userPrincipalName, chosen), chosen);
});

test('when the session ends, signing in again returns to the same place with what was typed', async (t) => {
  const { server, context, page } = await serverAndPage(t);
  await page.goto(server.url);
  const [admin] = server.credentials();
  await signIn(page, admin.userPrincipalName, admin.password);
  await click(page, 'nav.partner-users');
  await click(page, 'pusers.adduser.open');
  await typeInto(page, 'pusers.adduser.userPrincipalName', 'kept@operator.onmicrosoft.com');
  await typeInto(page, 'pusers.adduser.displayName', 'Kept Across Sign-in');
  // The session ends (cookie gone): the next request is refused and the app asks who you are.
  await context.clearCookies();
  await click(page, 'pusers.adduser.submit');
  await waitForState(page, 'section', 'sign-in');
  await waitForStateMatch(page, 'toasts', /session ended/);
  assert.doesNotMatch(await state(page, 'toasts'), /POST \/api\/session/, 'no developer message');
  await screenshot(page, 'session-ended');
  await signIn(page, admin.userPrincipalName, admin.password);
  await waitForState(page, 'section', 'partner-users');
  assert.strictEqual(await state(page, 'value.pusers.adduser.userPrincipalName'),
                     'kept@operator.onmicrosoft.com');
  assert.strictEqual(await state(page, 'value.pusers.adduser.displayName'), 'Kept Across Sign-in');
  // And it goes through now.
  await click(page, 'pusers.adduser.submit');
  await waitForStateMatch(page, 'shownOnceTitle', /User added/);
});

test('when the server goes away a banner says so, and Retry brings the data back', async (t) => {
  const os = require('os');
  const fs = require('fs');
  const path = require('path');
  const data = fs.mkdtempSync(path.join(os.tmpdir(), 'delegate-e2e-'));
  const env = await serverAndPage(t, { args: ['--data', data] });
  const { page } = env;
  await page.goto(env.server.url);
  const [admin] = env.server.credentials();
  await signIn(page, admin.userPrincipalName, admin.password);
  await waitForState(page, 'sync', 'synced');
  assert.ok(!(await hook(page)).rects['banner.retry'], 'no banner while connected');

  await env.server.stop();
  await waitForState(page, 'sync', 'offline', 20000);
  await waitForStateMatch(page, 'banner', /cannot be reached/);
  await waitForWidgets(page, ['banner.retry']);
  await screenshot(page, 'offline-banner');

  // Attempts back off; once the next is at least 5 s away, the server comes back on the same
  // address and store, and Retry now reconnects well before that attempt would.
  await waitForStateMatch(page, 'banner', /Retrying in ([5-9]|[1-9]\d) s/, 30000);
  env.server = await startServer(['--data', data], env.server.port);
  const clicked = Date.now();
  await click(page, 'banner.retry');
  await waitForState(page, 'sync', 'synced', 10000);
  assert.ok(Date.now() - clicked < 4000, `reconnected ${Date.now() - clicked} ms after Retry`);
  await page.waitForFunction(() => !window.__delegate.rects['banner.retry'], null,
                             { timeout: 10000, polling: 100 });
  assert.strictEqual(await state(page, 'signedIn'), 'true', 'the session survived the restart');
});

test('the canvas follows window resizes and the device pixel ratio', async (t) => {
  const { server, page } =
    await serverAndPage(t, { viewport: { width: 900, height: 600 }, deviceScaleFactor: 2 });
  await page.goto(server.url);
  await signInAsOperator(page, server);
  await waitForWidgets(page, ['nav.customers']);
  const size = () => page.evaluate(() => {
    const c = document.getElementById('canvas');
    return { w: c.width, h: c.height, cssW: c.clientWidth, cssH: c.clientHeight };
  });
  assert.deepStrictEqual(await size(), { w: 1800, h: 1200, cssW: 900, cssH: 600 });
  await page.setViewportSize({ width: 1100, height: 700 });
  await page.waitForFunction(() => document.getElementById('canvas').width === 2200);
  assert.deepStrictEqual(await size(), { w: 2200, h: 1400, cssW: 1100, cssH: 700 });
  // Clicks still land on the right widget at 2x: coordinates are published in CSS pixels.
  await click(page, 'nav.offers');
  await waitForState(page, 'section', 'offers');
  await screenshot(page, 'shell-hidpi');
});

test('without a server the app says Sandbox instead of failing', async (t) => {
  const http = require('http');
  const fs = require('fs');
  const path = require('path');
  const { SITE, freePort } = require('./support');
  const types = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm',
                  '.data': 'application/octet-stream', '.svg': 'image/svg+xml' };
  // A plain static file server: no /api at all.
  const staticServer = http.createServer((req, res) => {
    const rel = decodeURIComponent(new URL(req.url, 'http://x').pathname).replace(/^\/+/, '') || 'index.html';
    const file = path.join(SITE, rel);
    if (!file.startsWith(SITE) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404); return res.end('not found');
    }
    res.writeHead(200, { 'Content-Type': types[path.extname(file)] || 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  const port = await freePort();
  await new Promise(r => staticServer.listen(port, '127.0.0.1', r));
  const browser = await launchBrowser();
  t.after(async () => { await browser.close(); staticServer.close(); });
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(`http://127.0.0.1:${port}/`);
  await waitForState(page, 'connection', 'sandbox');
  assert.strictEqual((await hook(page)).state.connectionText, 'Sandbox (no server)');
  await screenshot(page, 'shell-sandbox');
});

test('a module that fails to load shows a readable message, not a blank page', async (t) => {
  const { server, page } = await serverAndPage(t);
  await page.route('**/delegate.wasm', route => route.fulfill({ status: 503, body: 'down' }));
  await page.goto(server.url);
  await page.waitForFunction(() => typeof window.delegateProblem === 'string');
  const text = await page.evaluate(() => window.delegateProblem);
  assert.match(text, /could not be loaded/);
  assert.match(text, /503/);
  assert.ok(await page.isVisible('#problem'));
});

test('a browser without WebGL2 is told so in words', async (t) => {
  const { server, page } = await serverAndPage(t);
  await page.addInitScript(() => {
    const original = HTMLCanvasElement.prototype.getContext;
    HTMLCanvasElement.prototype.getContext = function (kind, ...rest) {
      return kind === 'webgl2' ? null : original.call(this, kind, ...rest);
    };
  });
  await page.goto(server.url);
  await page.waitForFunction(() => typeof window.delegateProblem === 'string');
  assert.match(await page.evaluate(() => window.delegateProblem), /WebGL 2/);
});
