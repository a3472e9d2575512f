import { describe, expect, test } from 'vitest';
import { createApiClient } from './client';
import { ApiError, toApiError } from './errors';

const user = {
  id: 7,
  email: 'a@b.ua',
  fullName: 'Олена Петренко',
  roles: ['resident'],
  cnapLocationIds: [],
  identity: { verified: false, method: null, birthDate: null },
  createdAt: '2024-01-01T00:00:00.000Z',
};

/** A fetch that answers every call with `status` and `body`, and records what it was asked. */
function fakeFetch(status: number, body: unknown) {
  const calls: { url: string; init: RequestInit }[] = [];
  const f = ((url: string, init: RequestInit) => {
    calls.push({ url, init });
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    return Promise.resolve(new Response(text, { status, headers: { 'content-type': 'application/json' } }));
  }) as unknown as typeof fetch;
  return { f, calls };
}

async function failure(p: Promise<unknown>): Promise<ApiError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ApiError) return e;
    throw e;
  }
  throw new Error('expected the call to fail');
}

describe('api client', () => {
  test('sends JSON with the bearer token and parses the answer with the shared schema', async () => {
    const { f, calls } = fakeFetch(200, { token: 'tok', user });
    const api = createApiClient({ fetch: f, getToken: () => 'abc' });
    const res = await api.login({ email: 'a@b.ua', password: 'secret123' });
    expect(res.user.fullName).toBe('Олена Петренко');
    expect(calls[0]!.url).toBe('/api/auth/login');
    expect(calls[0]!.init.method).toBe('POST');
    const headers = calls[0]!.init.headers as Record<string, string>;
    expect(headers.authorization).toBe('Bearer abc');
    expect(headers['content-type']).toBe('application/json');
    expect(JSON.parse(calls[0]!.init.body as string)).toEqual({ email: 'a@b.ua', password: 'secret123' });
  });

  test('sends no authorization header and no body when there is neither', async () => {
    const { f, calls } = fakeFetch(200, { editions: [] });
    const api = createApiClient({ fetch: f, getToken: () => null });
    expect(await api.listEditions()).toEqual({ editions: [] });
    const headers = calls[0]!.init.headers as Record<string, string>;
    expect(headers.authorization).toBeUndefined();
    expect(headers['content-type']).toBeUndefined();
    expect(calls[0]!.init.body).toBeUndefined();
  });

  test('turns the error shape into an ApiError with status, code and field details', async () => {
    const { f } = fakeFetch(400, {
      error: {
        code: 'VALIDATION_FAILED',
        message: 'Некоректні дані',
        details: [
          { field: 'phases.votingEnd', message: 'Дата має бути пізнішою' },
          { field: 'title', message: 'Закоротка' },
          { field: 'title', message: 'second message is dropped' },
        ],
      },
    });
    const err = await failure(
      createApiClient({ fetch: f }).createCategory(1, {
        name: 'x',
        fund: 1,
        minCost: 0,
        maxCost: 1,
        maxVotes: 1,
      }),
    );
    expect(err.status).toBe(400);
    expect(err.code).toBe('VALIDATION_FAILED');
    expect(err.message).toBe('Некоректні дані');
    expect(err.fieldErrors()).toEqual({ 'phases.votingEnd': 'Дата має бути пізнішою', title: 'Закоротка' });
  });

  test.each([
    [422, { error: { code: 'FUND_EXCEEDED', message: 'over' } }, 'FUND_EXCEEDED'],
    [401, { error: { code: 'UNAUTHENTICATED', message: 'no' } }, 'UNAUTHENTICATED'],
    [502, '<html>Bad gateway</html>', 'INTERNAL'],
    [404, { something: 'else' }, 'HTTP_404'],
  ])('status %i with body %j → code %s', async (status, body, code) => {
    const { f } = fakeFetch(status, body);
    const err = await failure(createApiClient({ fetch: f }).me());
    expect(err.status).toBe(status);
    expect(err.code).toBe(code);
    expect(err.details).toEqual([]);
  });

  test('a network failure becomes NETWORK_ERROR with status 0', async () => {
    const f = (() => Promise.reject(new TypeError('fetch failed'))) as unknown as typeof fetch;
    const err = await failure(createApiClient({ fetch: f }).listEditions());
    expect(err).toMatchObject({ status: 0, code: 'NETWORK_ERROR' });
  });

  test('a 2xx answer that breaks the contract is refused, not passed on', async () => {
    const { f } = fakeFetch(200, { user: { ...user, roles: ['emperor'] } });
    const err = await failure(createApiClient({ fetch: f }).me());
    expect(err.code).toBe('BAD_RESPONSE');
  });

  test('an image goes as multipart with the token, and the browser sets its content type', async () => {
    const image = {
      id: 4,
      url: '/api/images/4',
      thumbUrl: '/api/images/4?size=thumb',
      mime: 'image/png',
      size: 3,
      width: 1,
      height: 1,
    };
    const { f, calls } = fakeFetch(201, { image });
    const res = await createApiClient({ fetch: f, getToken: () => 'abc' }).uploadImage(
      9,
      new Blob([new Uint8Array([1, 2, 3])]),
      'a.png',
    );
    expect(res.image).toEqual(image);
    expect(calls[0]!.url).toBe('/api/projects/9/images');
    const headers = calls[0]!.init.headers as Record<string, string>;
    expect(headers['content-type']).toBeUndefined();
    expect(headers.authorization).toBe('Bearer abc');
    expect((calls[0]!.init.body as FormData).get('file')).toBeInstanceOf(Blob);
  });

  test('a 204 answer is nothing, and list filters go in the query string only when set', async () => {
    const f = (() => Promise.resolve(new Response(null, { status: 204 }))) as unknown as typeof fetch;
    expect(await createApiClient({ fetch: f }).deleteProject(3)).toBeUndefined();
    const list = fakeFetch(200, { projects: [], total: 0, page: 2, pageSize: 12 });
    await createApiClient({ fetch: list.f }).listProjects(5, {
      q: 'лавки',
      categoryId: undefined,
      status: 'admitted',
      page: 2,
    });
    expect(list.calls[0]!.url).toBe(
      '/api/editions/5/projects?q=%D0%BB%D0%B0%D0%B2%D0%BA%D0%B8&status=admitted&page=2',
    );
  });

  test('toApiError keeps an empty details list when the server sends none', () => {
    const err = toApiError(409, { error: { code: 'EMAIL_TAKEN', message: 'taken' } });
    expect(err.fieldErrors()).toEqual({});
    expect(err.code).toBe('EMAIL_TAKEN');
  });

  test('staff admin: searches accounts, sets roles with PUT, pages the audit log by the last id', async () => {
    const users = fakeFetch(200, { users: [user] });
    expect((await createApiClient({ fetch: users.f }).searchUsers('  петренко ')).users).toHaveLength(1);
    expect(users.calls[0]!.url).toBe('/api/admin/users?q=%D0%BF%D0%B5%D1%82%D1%80%D0%B5%D0%BD%D0%BA%D0%BE');

    const roles = fakeFetch(200, {
      user: { ...user, roles: ['resident', 'operator'], cnapLocationIds: [3] },
    });
    await createApiClient({ fetch: roles.f }).setRoles(7, { roles: ['operator'], cnapLocationIds: [3] });
    expect(roles.calls[0]!.url).toBe('/api/admin/users/7/roles');
    expect(roles.calls[0]!.init.method).toBe('PUT');
    expect(JSON.parse(roles.calls[0]!.init.body as string)).toEqual({
      roles: ['operator'],
      cnapLocationIds: [3],
    });

    const entry = {
      id: 41,
      at: '2024-01-01T00:00:00.000Z',
      actorId: null,
      actorName: null,
      actorEmail: null,
      action: 'user.roles',
      entity: 'user',
      entityId: '7',
      data: { to: ['resident'] },
    };
    const audit = fakeFetch(200, { entries: [entry] });
    const { entries } = await createApiClient({ fetch: audit.f }).auditLog({
      entity: 'user',
      action: '',
      before: 42,
      limit: 50,
    });
    expect(entries[0]!.data).toEqual({ to: ['resident'] });
    expect(audit.calls[0]!.url).toBe('/api/admin/audit?entity=user&before=42&limit=50');
  });

  test('a ЦНАП location name already taken arrives as CONFLICT with the field', async () => {
    const { f } = fakeFetch(409, {
      error: {
        code: 'CONFLICT',
        message: 'Локація з такою назвою вже існує',
        details: [{ field: 'body.name', message: 'Назва зайнята' }],
      },
    });
    const err = await failure(
      createApiClient({ fetch: f }).createCnapLocation({ name: 'ЦНАП', address: 'вул. Миру, 1' }),
    );
    expect(err.status).toBe(409);
    expect(err.code).toBe('CONFLICT');
    expect(err.fieldErrors()).toEqual({ 'body.name': 'Назва зайнята' });
  });
});
