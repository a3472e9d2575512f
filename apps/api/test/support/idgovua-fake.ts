import { createServer, type IncomingMessage, type Server } from 'node:http';
import { freePort } from '@bu/testkit';

export interface IdGovUaAnswer {
  status?: number;
  /** A JSON value, or a raw string sent as is. */
  body: unknown;
  delayMs?: number;
}

export interface FakeIdGovUa {
  url: string;
  clientId: string;
  clientSecret: string;
  /** The person the authorize page "signs in": the answer of /get-user-info. */
  userInfo: IdGovUaAnswer;
  /** The answer of /get-access-token (the default is a proper one). */
  token: IdGovUaAnswer | null;
  /** Every request the platform made, with its form fields, for assertions. */
  requests: { path: string; query: URLSearchParams; form: URLSearchParams }[];
  close(): Promise<void>;
}

async function form(req: IncomingMessage): Promise<URLSearchParams> {
  let text = '';
  for await (const chunk of req) text += String(chunk);
  return new URLSearchParams(text);
}

/**
 * A local server that speaks id.gov.ua's protocol as its documentation describes it: the authorize
 * page at the base address (here it signs the person in at once and redirects back with a code),
 * /get-access-token (code → access_token and user_id) and /get-user-info (the person's fields).
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
    requests: [],
    close: async () => {},
  };
  const codes = new Map<string, string>();
  let n = 0;

  const send = (res: import('node:http').ServerResponse, a: IdGovUaAnswer) => {
    const go = () => {
      const text = typeof a.body === 'string' ? a.body : JSON.stringify(a.body);
      res.writeHead(a.status ?? 200, { 'content-type': 'application/json' }).end(text);
    };
    if (a.delayMs) setTimeout(go, a.delayMs);
    else go();
  };

  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url!, fake.url);
      const f = req.method === 'POST' ? await form(req) : new URLSearchParams();
      fake.requests.push({ path: url.pathname, query: url.searchParams, form: f });
      const q = url.searchParams;
      if (url.pathname === '/' && req.method === 'GET') {
        if (
          q.get('response_type') !== 'code' ||
          q.get('client_id') !== fake.clientId ||
          !q.get('redirect_uri')
        )
          return res.writeHead(400).end('bad authorize request');
        const code = `code-${++n}`;
        codes.set(code, `user-${n}`);
        const back = new URL(q.get('redirect_uri')!);
        back.searchParams.set('code', code);
        back.searchParams.set('state', q.get('state') ?? '');
        return res.writeHead(302, { location: back.href }).end();
      }
      if (url.pathname === '/get-access-token' && req.method === 'POST') {
        if (fake.token) return send(res, fake.token);
        const userId = codes.get(f.get('code') ?? '');
        if (
          f.get('grant_type') !== 'authorization_code' ||
          f.get('client_id') !== fake.clientId ||
          f.get('client_secret') !== fake.clientSecret ||
          !userId
        )
          return send(res, { status: 400, body: { error: 'invalid_grant', error_description: 'bad code' } });
        codes.delete(f.get('code')!);
        return send(res, {
          body: { access_token: `at-${userId}`, token_type: 'bearer', expires_in: 3600, user_id: userId },
        });
      }
      if (url.pathname === '/get-user-info' && req.method === 'POST') {
        if (
          !f.get('access_token')?.startsWith('at-') ||
          !f.get('user_id') ||
          !f.get('fields')?.includes('drfocode')
        )
          return send(res, { status: 400, body: { error: 'invalid_request' } });
        return send(res, fake.userInfo);
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
