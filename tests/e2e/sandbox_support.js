// Helpers for browser tests in sandbox mode: the web build served by a plain static file server
// (no /api), so the core runs in the page on the demo world.
'use strict';
const assert = require('node:assert');
const { startStatic, launchBrowser, waitForWidgets, click, waitForState,
        state, typeInto } = require('./support');
// The same Customers-table path opens a workspace with or without a server.
const { openCustomer } = require('./people');

// A fresh browser and context (so a fresh sandbox world) showing the partner admin's overview.
async function openSandbox(t, viewport = { width: 1440, height: 900 }) {
  const site = await startStatic();
  const browser = await launchBrowser();
  t.after(async () => { await browser.close(); await site.stop(); });
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', e => errors.push(String(e)));
  await page.goto(site.url);
  await waitForState(page, 'connection', 'sandbox', 30000);
  await waitForWidgets(page, ['nav.customers', 'persona']);
  return { site, browser, context, page, errors };
}

// Picks the persona whose label matches `pattern` from the top bar's list.
async function switchPersona(page, pattern) {
  await click(page, 'persona');
  const labels = await page.evaluate(() => Object.keys(window.__delegate.rects)
    .filter(k => k.startsWith('persona.option.')));
  assert.ok(labels.length >= 3, 'the persona list offers at least three people');
  for (let i = 0; i < labels.length; i++) {
    await click(page, 'persona.option.' + i);
    // Wait on the app, not the clock: the list closes with the choice, and two frames later the
    // persona it switched to is published (a fixed sleep missed it on a loaded machine).
    await page.waitForFunction(() => !window.__delegate.rects['persona.option.0'], null,
                               { timeout: 15000, polling: 50 });
    const frame = await page.evaluate(() => window.__delegate.frame);
    await page.waitForFunction(f => window.__delegate.frame > f + 2, frame,
                               { timeout: 15000, polling: 'raf' });
    const now = await state(page, 'persona');
    if (pattern.test(now)) return now;
    await click(page, 'persona');
  }
  throw new Error('no persona matches ' + pattern);
}

// Keys of published widgets that start with `prefix`, top to bottom.
async function widgetsStartingWith(page, prefix) {
  return page.evaluate(p => Object.entries(window.__delegate.rects)
    .filter(([k]) => k.startsWith(p)).sort((a, b) => a[1].y - b[1].y).map(([k]) => k), prefix);
}

// Chooses the option of a combo box whose shown value matches `pattern`, by opening the list and
// clicking options in turn (a combo publishes its options' rectangles, not their labels). Only
// options inside the open list and the viewport are clicked.
// A long list has a filter field: the pattern's plain text (without ^ and $) is typed into it
// first, as a person would.
async function pickOption(page, comboId, pattern) {
  if (pattern.test((await state(page, 'value.' + comboId)) || '')) return;
  const viewport = page.viewportSize();
  const plain = pattern.source.replace(/^\^/, '').replace(/\$$/, '');
  for (let i = 0; ; i++) {
    await click(page, comboId);
    await waitForWidgets(page, [comboId + '.option.0']);
    const filter = await page.evaluate(id => window.__delegate.rects[id], comboId + '.filter');
    if (filter && /^[\w .,'@-]+$/.test(plain)) await typeInto(page, comboId + '.filter', plain);
    const r = await page.evaluate(id => window.__delegate.rects[id], comboId + '.option.' + i);
    const first = await page.evaluate(id => window.__delegate.rects[id], comboId + '.option.0');
    // A combo's list shows about eight rows; options below it are scrolled out of sight.
    if (!r || r.y + r.h > viewport.height || r.y - first.y > first.h * 8) {
      await page.keyboard.press('Escape');
      throw new Error(`no visible option of ${comboId} matches ${pattern}`);
    }
    await click(page, comboId + '.option.' + i);
    await page.waitForFunction(id => !window.__delegate.rects[id + '.option.0'], comboId,
                               { timeout: 5000, polling: 50 });
    if (pattern.test((await state(page, 'value.' + comboId)) || '')) return;
  }
}

module.exports = { openSandbox, switchPersona, openCustomer, widgetsStartingWith, pickOption };
