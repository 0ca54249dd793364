// Issue 12's deployment in browsers: the seed story through Debian's nginx, round-robin in front
// of two delegate-servers over one PostgreSQL, no sticky sessions; each person's requests and
// long-polls land on either server.
'use strict';
const test = require('node:test');
const assert = require('node:assert');
const { launchBrowser } = require('./support');
const { startBalanced } = require('./balanced');
const { seedStory } = require('./seed_story');

test('the seed story through nginx in front of two servers over PostgreSQL', async (t) => {
  const site = await startBalanced(2);
  const browser = await launchBrowser();
  t.after(async () => { await browser.close(); await site.stop(); });
  await seedStory(browser, site);
  const [a, b] = site.upstreamCounts();
  assert.ok(a >= 10 && b >= 10, `both servers answered (${a} and ${b} requests)`);
});
