import { z } from 'zod';
import {
  categorySchema,
  editionSchema,
  loginResponseSchema,
  userResponseSchema,
  type CreateCategoryBody,
  type CreateEditionBody,
  type LoginBody,
  type RegisterBody,
  type UpdateEditionBody,
} from '@bu/shared';
import { ApiError, CLIENT_CODES, toApiError } from './errors';

const editionsResponse = z.object({ editions: z.array(editionSchema) });
const editionResponse = z.object({ edition: editionSchema });
const categoryResponse = z.object({ category: categorySchema });

export interface ClientOptions {
  /** Prefix of every path; '' in the browser (same origin). */
  baseUrl?: string;
  getToken?: () => string | null;
  fetch?: typeof fetch;
}

export type ApiClient = ReturnType<typeof createApiClient>;

/** A typed client of the API contract; every answer is checked against the shared schemas. */
export function createApiClient(opts: ClientOptions = {}) {
  const baseUrl = opts.baseUrl ?? '';
  const doFetch = opts.fetch ?? ((...a: Parameters<typeof fetch>) => fetch(...a));

  async function request<S extends z.ZodType>(
    method: string,
    path: string,
    schema: S,
    body?: unknown,
  ): Promise<z.infer<S>> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const token = opts.getToken?.();
    if (token) headers.authorization = `Bearer ${token}`;

    let res: Response;
    try {
      res = await doFetch(baseUrl + path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (e) {
      throw new ApiError(0, CLIENT_CODES.network, e instanceof Error ? e.message : String(e));
    }

    const text = await res.text();
    let json: unknown = undefined;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      // A proxy's HTML error page, for instance; handled below as a bad response.
    }
    if (!res.ok) throw toApiError(res.status, json);
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      throw new ApiError(res.status, CLIENT_CODES.badResponse, `Unexpected response for ${method} ${path}`);
    }
    return parsed.data;
  }

  return {
    register: (body: RegisterBody) => request('POST', '/api/auth/register', userResponseSchema, body),
    login: (body: LoginBody) => request('POST', '/api/auth/login', loginResponseSchema, body),
    me: () => request('GET', '/api/me', userResponseSchema),
    listEditions: () => request('GET', '/api/editions', editionsResponse),
    getEdition: (id: number) => request('GET', `/api/editions/${id}`, editionResponse),
    createEdition: (body: CreateEditionBody) => request('POST', '/api/editions', editionResponse, body),
    updateEdition: (id: number, body: UpdateEditionBody) =>
      request('PATCH', `/api/editions/${id}`, editionResponse, body),
    createCategory: (editionId: number, body: CreateCategoryBody) =>
      request('POST', `/api/editions/${editionId}/categories`, categoryResponse, body),
  };
}
