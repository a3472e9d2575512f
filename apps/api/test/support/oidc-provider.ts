import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { Readable } from 'node:stream';
import Provider from 'oidc-provider';
import { freePort } from '@bu/testkit';

export interface TestAccount {
  name?: unknown;
  family_name?: string;
  given_name?: string;
  drfocode?: unknown;
}

export type Behaviour =
  | { kind: 'normal' }
  /** Re-sign the id token after changing its claims (with the provider's key unless `foreignKey`). */
  | { kind: 'tamper'; claims: (c: Record<string, unknown>) => Record<string, unknown>; foreignKey?: boolean }
  /** Drop the connection of every request (the provider is down). */
  | { kind: 'down' }
  /** Answer every request only after this long. */
  | { kind: 'slow'; ms: number }
  /**
   * Answer `path` ('/token' or the userinfo '/me') with a JSON body of `bytes`, with its length
   * declared in Content-Length (`declared`) or streamed in chunks without one.
   */
  | { kind: 'oversized'; path: string; bytes: number; declared: boolean };

export interface TestOidcProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  behaviour: Behaviour;
  /** The provider's own reasons for refusing a grant ('authorization code already consumed', …). */
  grantErrors: string[];
  close(): Promise<void>;
}

const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');

function resign(jwt: string, edit: (c: Record<string, unknown>) => Record<string, unknown>, key: KeyObject) {
  const [h, p] = jwt.split('.') as [string, string];
  const header = JSON.parse(Buffer.from(h, 'base64url').toString()) as Record<string, unknown>;
  const claims = edit(JSON.parse(Buffer.from(p, 'base64url').toString()) as Record<string, unknown>);
  const input = `${b64(header)}.${b64(claims)}`;
  return `${input}.${sign('RSA-SHA256', Buffer.from(input), key).toString('base64url')}`;
}

/**
 * A real OpenID Connect provider (panva's oidc-provider, the certified one) on 127.0.0.1, with one
 * confidential client for the platform (client_secret_basic, code flow, PKCE) and the given
 * accounts, whose claims include `drfocode` under the `profile` scope. Its own development
 * interaction pages (login: any account id and password; consent: one button) are used as is.
 * `behaviour` lets a test make it misbehave at the HTTP level: tamper with the id token, drop
 * connections, answer slowly.
 */
export async function startOidcProvider(
  accounts: Record<string, TestAccount>,
  redirectUris: string[],
): Promise<TestOidcProvider> {
  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}`;
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const foreign = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  const jwk = { ...privateKey.export({ format: 'jwk' }), kid: 'test-key', alg: 'RS256', use: 'sig' };
  const clientId = 'budget-platform';
  const clientSecret = 'a-client-secret-for-tests-only-0123456789';

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: redirectUris,
        token_endpoint_auth_method: 'client_secret_basic',
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    jwks: { keys: [jwk] },
    cookies: { keys: ['test-cookie-key-0123456789'] },
    claims: {
      openid: ['sub'],
      profile: ['name', 'family_name', 'given_name', 'drfocode'],
    },
    pkce: { required: () => true },
    findAccount(_ctx, sub) {
      const account = accounts[sub];
      if (!account) return Promise.resolve(undefined);
      return Promise.resolve({ accountId: sub, claims: () => Promise.resolve({ sub, ...account } as never) });
    },
  });
  const state: TestOidcProvider = {
    issuer,
    clientId,
    clientSecret,
    behaviour: { kind: 'normal' },
    grantErrors: [],
    close: async () => {},
  };
  provider.on('grant.error', (_ctx, err: { error_detail?: string; message?: string }) => {
    state.grantErrors.push(err.error_detail ?? err.message ?? 'unknown');
  });

  provider.use(async (ctx, next) => {
    const b = state.behaviour;
    if (b.kind === 'down') {
      ctx.req.socket.destroy();
      return;
    }
    if (b.kind === 'slow') await new Promise((r) => setTimeout(r, b.ms));
    await next();
    const body = ctx.body as { id_token?: string } | undefined;
    if (b.kind === 'tamper' && ctx.path === '/token' && body?.id_token)
      ctx.body = { ...body, id_token: resign(body.id_token, b.claims, b.foreignKey ? foreign : privateKey) };
    if (b.kind === 'oversized' && ctx.path === b.path) {
      const json = JSON.stringify({ ...(body as object), padding: 'x'.repeat(b.bytes) });
      ctx.type = 'application/json';
      if (b.declared) ctx.body = json;
      else {
        // Chunked: no Content-Length, so only counting while reading can stop it.
        ctx.body = Readable.from(
          (function* () {
            for (let i = 0; i < json.length; i += 16 * 1024) yield Buffer.from(json.slice(i, i + 16 * 1024));
          })(),
        );
        ctx.remove('content-length');
      }
    }
  });

  const handler = provider.callback();
  const server: Server = createServer((req, res) => void handler(req, res));
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  state.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return state;
}
