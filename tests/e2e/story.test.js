// The seed story against the real server, each person in their own browser context, with real
// mouse and keyboard on the canvas. See issue 5, test 1.
'use strict';
const test = require('node:test');
const { startServer, launchBrowser } = require('./support');
const { seedStory } = require('./seed_story');

test('the seed story: offer, acceptance, Limited agent, Full admin, devices, removal — live', async (t) => {
  const server = await startServer();
  const browser = await launchBrowser();
  t.after(async () => { await browser.close(); await server.stop(); });
  await seedStory(browser, server);
});
