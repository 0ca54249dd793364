// The README's "Scripting with the Graph SDKs" steps, as a newcomer would run them with
// Microsoft's own JavaScript client against a Delegate server on HTTPS. Run by graph_sdk.test.js
// with NODE_EXTRA_CA_CERTS naming the server's certificate (as one trusts a private CA), and
// DELEGATE_URL, DELEGATE_USER, DELEGATE_PASSWORD. Exits non-zero with the reason on any mismatch.
'use strict';
const assert = require('node:assert');
const { Client, PageIterator } = require('@microsoft/microsoft-graph-client');

const base = process.env.DELEGATE_URL.replace(/\/$/, '');

async function token() {
  // Step 1: sign in (the browser's session), step 2: mint a bearer token for scripts.
  const session = await fetch(`${base}/api/session`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ userPrincipalName: process.env.DELEGATE_USER,
                           password: process.env.DELEGATE_PASSWORD }),
  });
  const sessionText = await session.text();
  assert.strictEqual(session.status, 200, sessionText);
  const cookie = session.headers.get('set-cookie').split(';')[0];
  const { csrfToken } = JSON.parse(sessionText);
  const minted = await fetch(`${base}/api/tokens`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Cookie: cookie, 'X-CSRF-Token': csrfToken },
    body: JSON.stringify({ name: 'graph sdk script' }),
  });
  const mintedText = await minted.text();
  assert.strictEqual(minted.status, 201, mintedText);
  return JSON.parse(mintedText).token;
}

async function main() {
  const bearer = await token();
  // Step 3: the official client, pointed at this server instead of graph.microsoft.com.
  const client = Client.init({
    baseUrl: base, defaultVersion: 'v1.0',
    customHosts: new Set([new URL(base).hostname]),
    authProvider: done => done(null, bearer),
  });
  const rels = '/tenantRelationships/delegatedAdminRelationships';

  const customers = await client.api('/tenantRelationships/delegatedAdminCustomers').get();
  assert.ok(customers.value.length > 0, 'no customers');
  const customer = customers.value[0];
  const one = await client.api(`/tenantRelationships/delegatedAdminCustomers/${customer.id}`).get();
  assert.strictEqual(one.displayName, customer.displayName);

  // A security group by name, for access assignments.
  const groups = await client.api('/groups').filter("displayName eq 'Helpdesk agents'")
    .select('id,displayName').get();
  assert.strictEqual(groups.value.length, 1, JSON.stringify(groups));
  assert.strictEqual(groups.value[0].securityEnabled, undefined, '$select not applied');

  const made = [];
  for (const name of ['SDK one', 'SDK two']) {
    made.push(await client.api(rels).post({
      displayName: name, duration: 'P2Y', customer: { tenantId: customer.id },
      accessDetails: { unifiedRoles: [{ roleDefinitionId: '729827e3-9c14-49f7-bb1b-9608f156bbb8' }] },
    }));
  }
  assert.strictEqual(made[0].duration, 'P730D');

  // Every page, following https @odata.nextLink, one item per page.
  const seen = [];
  const first = await client.api(rels).top(1).count(true).get();
  assert.ok(first['@odata.nextLink'].startsWith(base + '/v1.0/'), first['@odata.nextLink']);
  const pages = new PageIterator(client, first, r => { seen.push(r.displayName); return true; });
  await pages.iterate();
  assert.strictEqual(seen.length, first['@odata.count']);
  for (const m of made) assert.ok(seen.includes(m.displayName), `${m.displayName} not listed`);

  // PATCH with the etag; a stale etag is refused with 412 as Graph does.
  const renamed = await client.api(`${rels}/${made[0].id}`).header('If-Match', made[0]['@odata.etag'])
    .patch({ displayName: 'SDK renamed' });
  const after = await client.api(`${rels}/${made[0].id}`).get();
  assert.strictEqual(after.displayName, 'SDK renamed');
  let stale = null;
  try {
    await client.api(`${rels}/${made[0].id}`).header('If-Match', made[0]['@odata.etag'])
      .patch({ displayName: 'lost update' });
  } catch (e) { stale = e; }
  assert.ok(stale, 'a stale If-Match was accepted');
  assert.strictEqual(stale.statusCode, 412);

  // Lock for approval and read the request back.
  const request = await client.api(`${rels}/${made[1].id}/requests`).post({ action: 'lockForApproval' });
  const again = await client.api(`${rels}/${made[1].id}/requests/${request.id}`).get();
  assert.strictEqual(again.action, 'lockForApproval');
  console.log(JSON.stringify({ ok: true, pages: seen.length, renamed: renamed === undefined || true }));
}

// fetch() hides why a connection failed (a certificate it does not trust) in `cause`.
main().catch(e => {
  console.error(e && e.stack || e);
  if (e && e.cause) console.error('cause:', e.cause.code || '', e.cause.message || e.cause);
  process.exit(1);
});
