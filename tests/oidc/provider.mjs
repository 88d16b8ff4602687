// A real OpenID provider (panva/node-oidc-provider, certified) on loopback for IOP's sign-in
// tests. Only the interaction pages (who signs in) are ours: a form that takes the subject, as a
// test identity provider's "log in as" page does; everything the relying party sees -- discovery,
// authorization with PKCE, the signed ID token, JWKS, userinfo, end_session -- is the library's.
//
// Environment:
//   PORT              port on 127.0.0.1 (the issuer is http://127.0.0.1:PORT)
//   RP_BASE           the relying party's base URL (redirect and post-logout URIs)
//   ACCOUNTS          JSON {subject: {claim: value}}; a subject not listed gets only `sub`
//   CLIENTS           JSON [{client_id, client_secret, callback}] (callback: path on RP_BASE)
//   ACR, AMR          what the login records (AMR comma separated)
//   CLOCK_OFFSET      seconds added to this process's clock (negative: tokens born expired;
//                     the interaction and session cookies outlive an offset of up to an hour)
//   ID_TOKEN_TTL      seconds an ID token is valid (default 60)
import http from 'node:http';

import Provider from 'oidc-provider';

const offset = Number(process.env.CLOCK_OFFSET || 0) * 1000;
if (offset) {
  const realNow = Date.now;
  Date.now = () => realNow() + offset;
}

const port = Number(process.env.PORT);
const rpBase = process.env.RP_BASE;
const accounts = JSON.parse(process.env.ACCOUNTS || '{}');
const clients = JSON.parse(process.env.CLIENTS || '[]');
const acr = process.env.ACR || '';
const amr = (process.env.AMR || '').split(',').filter(Boolean);
const idTokenTtl = Number(process.env.ID_TOKEN_TTL || 60);

const page = (title, body) => `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>${title}</title></head><body><main><h1>${title}</h1>${body}</main></body></html>`;
const esc = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const provider = new Provider(`http://127.0.0.1:${port}`, {
  clients: clients.map((c) => ({
    client_id: c.client_id,
    client_secret: c.client_secret,
    redirect_uris: [rpBase + c.callback],
    post_logout_redirect_uris: [`${rpBase}/logga-in/`],
    grant_types: ['authorization_code'],
    response_types: ['code'],
  })),
  async findAccount(ctx, id) {
    return { accountId: id, claims: async () => ({ sub: id, ...(accounts[id] || {}) }) };
  },
  claims: {
    openid: ['sub', 'acr', 'amr', 'auth_time'],
    email: ['email'],
    profile: ['name', 'given_name', 'family_name'],
    groups: ['groups'],
    pnr: ['https://id.oidc.se/claim/personalIdentityNumber'],
  },
  acrValues: acr ? [acr] : [],
  pkce: { required: () => true },
  ttl: { IdToken: () => idTokenTtl, AccessToken: 300, AuthorizationCode: 60, Interaction: 3600, Session: 7200, Grant: 7200 },
  features: {
    devInteractions: { enabled: false },
    rpInitiatedLogout: {
      enabled: true,
      logoutSource: async (ctx, form) => {
        ctx.body = page('Sign out', `${form}<button type="submit" form="op.logoutForm" value="yes" name="logout">Yes, sign me out</button>`);
      },
      postLogoutSuccessSource: async (ctx) => {
        ctx.body = page('Signed out', '<p>You are signed out.</p>');
      },
    },
  },
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  cookies: { keys: ['iop-test-provider'] },
});

async function readForm(req) {
  let body = '';
  for await (const chunk of req) body += chunk;
  return new URLSearchParams(body);
}

async function interaction(req, res, uid) {
  const details = await provider.interactionDetails(req, res);
  if (details.uid !== uid) throw new Error('interaction mismatch');
  if (req.method === 'GET') {
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.end(page('Test provider: sign in', `<form method="post" action="/interaction/${esc(uid)}">
      <label>Subject <input name="login" autofocus></label>
      <button type="submit">Sign in</button></form>`));
    return;
  }
  const form = await readForm(req);
  const { params, session, grantId } = details;
  const accountId = form.get('login') || session?.accountId;
  const grant = grantId
    ? await provider.Grant.find(grantId)
    : new provider.Grant({ accountId, clientId: params.client_id });
  grant.addOIDCScope(params.scope);
  await provider.interactionFinished(req, res, {
    login: { accountId, acr: acr || undefined, amr: amr.length ? amr : undefined },
    consent: { grantId: await grant.save() },
  }, { mergeWithLastSubmission: false });
}

const callback = provider.callback();
http.createServer((req, res) => {
  const match = req.url.match(/^\/interaction\/([^/?]+)/);
  if (match) {
    interaction(req, res, match[1]).catch((err) => {
      res.statusCode = 500;
      res.end(String(err));
    });
    return;
  }
  callback(req, res);
}).listen(port, '127.0.0.1', () => {
  process.stdout.write(`listening ${port}\n`);
});
