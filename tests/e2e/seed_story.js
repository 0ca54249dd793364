// The seed story's steps in browsers, shared by the single-server test (story.test.js) and the one
// through nginx in front of two servers (story_balanced.test.js): each person in their own
// browser context, with real mouse and keyboard on the canvas. See issue 5, test 1.
'use strict';
const assert = require('node:assert');
const { click, waitForState, waitForStateMatch, state, typeInto, screenshot, signIn } =
  require('./support');
const { newPerson, shownOnce, openCustomer, setAccess, addPartnerUser, signUpClient } =
  require('./people');

// `server`: what startServer() or startBalanced() return (its url and printed credentials).
async function seedStory(browser, server) {
  const [operator] = server.credentials();
  assert.ok(operator, 'the server printed its administrator');
  const partnerUpn = operator.userPrincipalName;
  const partnerDomain = partnerUpn.split('@')[1];

  // Partner admin signs in, gives themself Full administration and adds an agent.
  const admin = await newPerson(browser, server.url);
  await signIn(admin.page, partnerUpn, operator.password);
  const partnerName = await state(admin.page, 'tenant');
  await setAccess(admin.page, partnerUpn, 'full');
  const agentUpn = 'alex.agent@' + partnerDomain;
  const agentPassword = await addPartnerUser(admin.page, agentUpn, 'Alex Agent');

  // A client organization exists (signed up through a trial invitation).
  const { upn: customerUpn, password: customerPassword } = await signUpClient(
    browser, admin, partnerName,
    { org: 'Contoso Test', prefix: 'contosotest', user: 'megan', name: 'Megan Bowen',
      dap: false });
  const unreadBefore = Number(await state(admin.page, 'unread') || 0);

  // 1. The partner admin creates the delegated admin offer and copies the link.
  await click(admin.page, 'nav.offers');
  await click(admin.page, 'offers.tab.dap');
  await click(admin.page, 'offer.create');
  await waitForStateMatch(admin.page, 'shownOnceTitle', /offer/i);
  const offerLink = await state(admin.page, 'shownOnce');
  await click(admin.page, 'offer.new.copy');
  await admin.page.waitForFunction(l => window.__delegateClipboard === l, offerLink);
  assert.match(offerLink, /\/offer\/[A-Za-z0-9_-]{16,}$/);
  await screenshot(admin.page, 'offer-link');
  await click(admin.page, 'shownonce.done');

  // 2. The customer admin opens it, signs in, sees who asks and what for, accepts.
  const customer = await newPerson(browser, offerLink);
  await waitForState(customer.page, 'section', 'accept', 30000);
  await waitForStateMatch(customer.page, 'accept.partner', new RegExp(partnerName));
  await waitForStateMatch(customer.page, 'accept.grants', /Global Administrator/);
  await screenshot(customer.page, 'accept-offer');
  await typeInto(customer.page, 'signin.userPrincipalName', customerUpn);
  await typeInto(customer.page, 'signin.password', customerPassword);
  await click(customer.page, 'signin.submit');
  await waitForState(customer.page, 'signedIn', 'true');
  await click(customer.page, 'accept.accept');
  await waitForState(customer.page, 'accept.outcome', 'accepted');

  // 3. The partner sees the notification live (no reload).
  await admin.page.bringToFront();
  await admin.page.waitForFunction(n => Number(window.__delegate.state.unread || 0) > n,
                                   unreadBefore, { timeout: 10000 });
  await click(admin.page, 'topbar.notifications');
  await waitForStateMatch(admin.page, 'notifications', /Contoso Test/);
  await screenshot(admin.page, 'notification');
  await click(admin.page, 'topbar.notifications');

  // The customer adds an ordinary user (the agent will reset their password).
  await click(customer.page, 'nav.my-users');
  await click(customer.page, 'my.adduser.open');
  await typeInto(customer.page, 'my.adduser.userPrincipalName', 'lee@contosotest.onmicrosoft.com');
  await typeInto(customer.page, 'my.adduser.displayName', 'Lee Gu');
  await click(customer.page, 'my.adduser.submit');
  await shownOnce(customer.page, /User added/);

  // 4. The partner admin gives the agent Limited administration.
  await setAccess(admin.page, agentUpn, 'limited');

  // 5. The agent resets a customer user's password; Add user is refused with the reason.
  const agent = await newPerson(browser, server.url);
  await signIn(agent.page, agentUpn, agentPassword);
  await openCustomer(agent.page, 'Contoso Test');
  await waitForStateMatch(agent.page, 'workspace.roles', /Password Administrator/);
  await click(agent.page, 'ws.lee@contosotest.onmicrosoft.com.reset');
  await waitForStateMatch(agent.page, 'confirm', /Reset the password/);
  await click(agent.page, 'confirm.ok');
  const reset = await shownOnce(agent.page, /Temporary password/);
  assert.ok(reset.length >= 12);
  const why = await state(agent.page, 'reason.ws.adduser.open');
  assert.ok(why && why.length > 10, 'Add user is disabled with a reason');
  await screenshot(agent.page, 'agent-limited');

  // 6. The Full admin adds a user and a domain; the Devices page refuses.
  await openCustomer(admin.page, 'Contoso Test');
  await click(admin.page, 'ws.adduser.open');
  await typeInto(admin.page, 'ws.adduser.userPrincipalName', 'nadia@contosotest.onmicrosoft.com');
  await typeInto(admin.page, 'ws.adduser.displayName', 'Nadia Novak');
  await click(admin.page, 'ws.adduser.submit');
  await shownOnce(admin.page, /User added/);
  await click(admin.page, 'workspace.tab.domains');
  await typeInto(admin.page, 'ws.adddomain.domain', 'contoso-test.com');
  await click(admin.page, 'ws.adddomain.submit');
  await waitForState(admin.page, 'ws.domain.contoso-test.com', 'unverified');
  await click(admin.page, 'workspace.tab.devices');
  await click(admin.page, 'devices.try');
  await waitForStateMatch(admin.page, 'devices.error', /device management/i);
  await screenshot(admin.page, 'devices-refused');

  // 7. The customer removes the partner: the agent's workspace closes live.
  await click(customer.page, 'nav.partners');
  await waitForStateMatch(customer.page, 'partners', new RegExp(partnerName));
  await click(customer.page, 'partner.remove.' + partnerName);
  await waitForStateMatch(customer.page, 'confirmBody', /loses every right/);
  await click(customer.page, 'confirm.ok');
  await agent.page.bringToFront();
  await waitForState(agent.page, 'workspace', 'closed', 10000);
  // It says why, in words: who ended what, and when.
  await waitForStateMatch(agent.page, 'workspace.reason',
                          /^Contoso Test's delegated administration relationship with your organization .* was ended on \d{4}-\d\d-\d\d/);
  await screenshot(agent.page, 'agent-workspace-closed');
  for (const p of [admin, customer, agent]) assert.deepStrictEqual(p.errors, []);
}

module.exports = { seedStory };
