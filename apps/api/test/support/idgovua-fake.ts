import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { freePort } from '@bu/testkit';

export interface IdGovUaAnswer {
  status?: number;
  /** A JSON value, or a raw string sent as is. */
  body: unknown;
  delayMs?: number;
  /** Sent in chunks without Content-Length, so only counting while reading can stop a large one. */
  chunked?: boolean;
  /** Close the connection instead of answering. */
  drop?: boolean;
}

export interface FakeIdGovUa {
  url: string;
  clientId: string;
  clientSecret: string;
  /** The person the authorize page "signs in": the answer of /get-user-info. */
  userInfo: IdGovUaAnswer;
  /** The answer of /get-access-token (the default is a proper one). */
  token: IdGovUaAnswer | null;
  /**
   * How the person identifies on the authorize page: one of the methods the request's `auth_type`
   * offers, or the sign-in ends there with access_denied. /get-user-info answers it as `auth_type`
   * (unless the test's `userInfo` body names one itself).
   */
  authType: string;
  /** Every request the platform made, with its method, query and body, for assertions. */
  requests: { method: string; path: string; query: URLSearchParams; body: string }[];
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of req) text += String(chunk);
  return text;
}

/**
 * A local server that speaks id.gov.ua's protocol as its instruction describes it: the authorize
 * page at the base address (here it signs the person in at once, with `authType` if the request
 * offers it, and redirects back with a code), /get-access-token (grant_type, client_id,
 * client_secret, code → access_token and user_id) and /get-user-info (access_token, user_id,
 * fields → the person), both with their parameters in the query string, by GET or POST alike.
 * Tests swap its answers for hostile ones.
 */
export async function startFakeIdGovUa(): Promise<FakeIdGovUa> {
  const port = await freePort();
  const fake: FakeIdGovUa = {
    url: `http://127.0.0.1:${port}`,
    clientId: 'city-client-id',
    clientSecret: 'city-client-secret-0123456789',
    userInfo: { body: {} },
    token: null,
    authType: 'diia_id',
    requests: [],
    close: async () => {},
  };
  const codes = new Map<string, { userId: string; authType: string }>();
  const tokens = new Map<string, { userId: string; authType: string }>();
  let n = 0;

  const send = (res: ServerResponse, a: IdGovUaAnswer) => {
    const go = () => {
      if (a.drop) return res.socket?.destroy();
      const bytes = Buffer.from(typeof a.body === 'string' ? a.body : JSON.stringify(a.body));
      if (!a.chunked)
        return res
          .writeHead(a.status ?? 200, {
            'content-type': 'application/json',
            'content-length': String(bytes.length),
          })
          .end(bytes);
      res.writeHead(a.status ?? 200, { 'content-type': 'application/json' });
      for (let i = 0; i < bytes.length; i += 16 * 1024) res.write(bytes.subarray(i, i + 16 * 1024));
      res.end();
    };
    if (a.delayMs) setTimeout(go, a.delayMs);
    else go();
  };

  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url!, fake.url);
      const body = await readBody(req);
      fake.requests.push({ method: req.method!, path: url.pathname, query: url.searchParams, body });
      const q = url.searchParams;
      const api = req.method === 'GET' || req.method === 'POST';
      if (url.pathname === '/' && req.method === 'GET') {
        if (
          q.get('response_type') !== 'code' ||
          q.get('client_id') !== fake.clientId ||
          !q.get('redirect_uri')
        )
          return res.writeHead(400).end('bad authorize request');
        const back = new URL(q.get('redirect_uri')!);
        back.searchParams.set('state', q.get('state') ?? '');
        // Only the methods the service asked for are offered; the person cannot pick another.
        const offered = (q.get('auth_type') ?? '').split(',').filter(Boolean);
        if (!offered.includes(fake.authType)) {
          back.searchParams.set('error', 'access_denied');
          back.searchParams.set('error_description', `auth_type ${fake.authType} not offered`);
          return res.writeHead(302, { location: back.href }).end();
        }
        const code = `code-${++n}`;
        codes.set(code, { userId: `user-${n}`, authType: fake.authType });
        back.searchParams.set('code', code);
        return res.writeHead(302, { location: back.href }).end();
      }
      if (url.pathname === '/get-access-token' && api) {
        if (fake.token) return send(res, fake.token);
        const grant = codes.get(q.get('code') ?? '');
        if (
          q.get('grant_type') !== 'authorization_code' ||
          q.get('client_id') !== fake.clientId ||
          q.get('client_secret') !== fake.clientSecret ||
          !grant
        )
          return send(res, { status: 400, body: { error: 'invalid_grant', error_description: 'bad code' } });
        codes.delete(q.get('code')!);
        const accessToken = `at-${grant.userId}-${randomBytes(8).toString('hex')}`;
        tokens.set(accessToken, grant);
        return send(res, {
          body: { access_token: accessToken, token_type: 'bearer', expires_in: 3600, user_id: grant.userId },
        });
      }
      if (url.pathname === '/get-user-info' && api) {
        const grant = tokens.get(q.get('access_token') ?? '');
        if (!grant || q.get('user_id') !== grant.userId || !q.get('fields')?.includes('drfocode'))
          return send(res, { status: 400, body: { error: 'invalid_request' } });
        const b = fake.userInfo.body;
        // The method the person used, as id.gov.ua reports it, when asked for and not overridden.
        const echo =
          b &&
          typeof b === 'object' &&
          !Array.isArray(b) &&
          !('auth_type' in b) &&
          q.get('fields')!.includes('auth_type')
            ? { body: { ...b, auth_type: grant.authType } }
            : {};
        return send(res, { ...fake.userInfo, ...echo });
      }
      res.writeHead(404).end();
    })();
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  fake.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return fake;
}
