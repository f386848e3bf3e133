// A real OpenID Connect provider (oidc-provider, OpenID-certified) for the app's OIDC sign-in tests:
//   node provider.mjs --port 5599 --client-id app --client-secret s3cret --redirect-uri http://localhost/signin-oidc --users users.json
// The users file maps a subject to its claims ({"alice": {"email": "...", "email_verified": true, "name": "...",
// "groups": ["..."]}}); it is read again at every sign-in, so a test changes someone's groups by rewriting it.
// Login is scriptable: the interaction page is a form, and POST /interaction/<uid> with login=<subject> signs that
// user in and grants what the client asked for (no consent screen), as a company's IdP does for its own apps.
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import Provider from 'oidc-provider';

const { values: args } = parseArgs({
  options: {
    port: { type: 'string' },
    'client-id': { type: 'string' },
    'client-secret': { type: 'string' },
    'redirect-uri': { type: 'string' },
    users: { type: 'string' },
  },
});
for (const name of ['port', 'client-id', 'client-secret', 'redirect-uri', 'users']) {
  if (!args[name]) {
    console.error(`provider.mjs: --${name} is required`);
    process.exit(2);
  }
}

const readUsers = async () => JSON.parse(await readFile(args.users, 'utf8'));
const issuer = `http://127.0.0.1:${args.port}`;

const provider = new Provider(issuer, {
  clients: [{
    client_id: args['client-id'],
    client_secret: args['client-secret'],
    redirect_uris: [args['redirect-uri']],
    grant_types: ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_post',
  }],
  // the app must send a code challenge: a sign-in without PKCE fails here
  pkce: { required: () => true },
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'], groups: ['groups'] },
  cookies: { keys: ['oidc-test-provider-cookie-key'] },
  features: { devInteractions: { enabled: false } },
  interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
  async findAccount(_ctx, sub) {
    const users = await readUsers();
    return users[sub] ? { accountId: sub, claims: async () => ({ sub, ...users[sub] }) } : undefined;
  },
});

provider.use(async (ctx, next) => {
  const match = /^\/interaction\/([^/]+)$/.exec(ctx.path);
  if (!match) {
    return next();
  }
  const details = await provider.interactionDetails(ctx.req, ctx.res);
  if (ctx.method === 'GET') {
    ctx.type = 'html';
    ctx.body = `<form method="post" action="/interaction/${details.uid}"><input name="login"><button>Sign in</button></form>`;
    return undefined;
  }
  const body = new URLSearchParams(await new Promise((resolve) => {
    let text = '';
    ctx.req.on('data', (chunk) => { text += chunk; });
    ctx.req.on('end', () => resolve(text));
  }));
  const accountId = body.get('login');
  if (!(accountId in await readUsers())) {
    ctx.status = 400;
    ctx.body = `unknown user ${accountId}`;
    return undefined;
  }
  const grant = new provider.Grant({ accountId, clientId: details.params.client_id });
  grant.addOIDCScope(details.params.scope);
  const grantId = await grant.save();
  ctx.status = 303;
  ctx.redirect(await provider.interactionResult(ctx.req, ctx.res, { login: { accountId }, consent: { grantId } }));
  return undefined;
});

provider.listen(Number(args.port), '127.0.0.1', () => console.log(`oidc-test-provider listening on ${issuer}`));
