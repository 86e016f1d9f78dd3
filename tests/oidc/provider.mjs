// A real OpenID provider for TaskWatch's single sign-on tests (oidc-provider, pinned in package-lock.json).
// Started by the tests on a free loopback port, stopped by them afterwards. Everything comes from the environment:
//   OIDC_PORT            port on 127.0.0.1
//   OIDC_CLIENT_ID       the client TaskWatch uses
//   OIDC_CLIENT_SECRET   its secret (test-only)
//   OIDC_REDIRECT_URIS   TaskWatch's callback URLs, comma-separated
//   OIDC_USERS           JSON: user name -> list of role (group) values, e.g. {"vera":["tw-viewers"],"otto":["tw-operators"]}
// Any user name signs in through the development login form (any password); its roles are OIDC_USERS'. The tests change
// a user's roles with POST /test/roles/{user} and a JSON array body, as an administrator would at a real provider.
// Prints "listening <issuer>" when ready.
import Provider from 'oidc-provider';

const port = Number(process.env.OIDC_PORT);
const issuer = `http://127.0.0.1:${port}`;
const users = JSON.parse(process.env.OIDC_USERS ?? '{}');

const provider = new Provider(issuer, {
  clients: [{
    client_id: process.env.OIDC_CLIENT_ID,
    client_secret: process.env.OIDC_CLIENT_SECRET,
    redirect_uris: (process.env.OIDC_REDIRECT_URIS ?? '').split(',').filter(Boolean),
    response_types: ['code'],
    grant_types: ['authorization_code'],
    token_endpoint_auth_method: 'client_secret_post',
  }],
  scopes: ['openid', 'profile', 'roles'],
  claims: { openid: ['sub'], profile: ['name', 'preferred_username'], roles: ['roles'] },
  cookies: { keys: ['test-only-cookie-key'] },
  pkce: { required: () => true },
  features: { devInteractions: { enabled: true } },
  async findAccount(ctx, id) {
    return {
      accountId: id,
      async claims() {
        return { sub: id, name: id, preferred_username: id, roles: users[id] ?? [] };
      },
    };
  },
  // No consent screen: the test client is first-party, as TaskWatch is at a company's provider.
  async loadExistingGrant(ctx) {
    const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) {
      return ctx.oidc.provider.Grant.find(grantId);
    }
    const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
    grant.addOIDCScope('openid profile roles');
    await grant.save();
    return grant;
  },
});

provider.use(async (ctx, next) => {
  const match = /^\/test\/roles\/([^/]+)$/.exec(ctx.path);
  if (ctx.method === 'POST' && match) {
    let body = '';
    for await (const chunk of ctx.req) body += chunk;
    users[decodeURIComponent(match[1])] = JSON.parse(body);
    ctx.status = 204;
    return;
  }
  await next();
});

const server = provider.listen(port, '127.0.0.1', () => console.log(`listening ${issuer}`));
const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
// The test that started this process holds its stdin: when that test host dies, stdin ends and so does the provider.
process.stdin.on('end', stop);
process.stdin.resume();
