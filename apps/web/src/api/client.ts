import { z } from 'zod';
import {
  castVotesResponseSchema,
  categorySchema,
  cnapAllowanceResponseSchema,
  cnapLocationSchema,
  cnapSummarySchema,
  cnapVerificationResponseSchema,
  identityResponseSchema,
  myVotesResponseSchema,
  paperBallotResponseSchema,
  resultSchema,
  statsSchema,
  reportSchema,
  implementationSchema,
  updatePhotoResponseSchema,
  updatesResponseSchema,
  updateResponseSchema,
  type CreateUpdateBody,
  editionSchema,
  loginResponseSchema,
  changePasswordResponseSchema,
  oidcStartResponseSchema,
  publicConfigSchema,
  PROJECT_SORTS,
  projectDetailSchema,
  projectImageSchema,
  projectListResponseSchema,
  projectSchema,
  revisionSchema,
  userResponseSchema,
  userSchema,
  type ChangePasswordBody,
  type CreateCategoryBody,
  type UpdateCategoryBody,
  type CreateCnapLocationBody,
  type CreateEditionBody,
  type CreateProjectBody,
  type CnapAllowanceBody,
  type CnapVerificationBody,
  type LoginBody,
  type PaperBallotBody,
  type ProjectStatus,
  type RegisterBody,
  type ReviewBody,
  type SetRolesBody,
  type UpdateEditionBody,
  type UpdateProjectBody,
  auditEntrySchema,
  annulmentResponseSchema,
  annulmentsResponseSchema,
  signalsSchema,
  type AnnulBody,
} from '@bu/shared';
import { ApiError, CLIENT_CODES, toApiError } from './errors';

export type { AuditEntry } from '@bu/shared';

const editionsResponse = z.object({ editions: z.array(editionSchema) });
const editionResponse = z.object({ edition: editionSchema });
const categoryResponse = z.object({ category: categorySchema });
const projectResponse = z.object({ project: projectDetailSchema });
const projectsResponse = z.object({ projects: z.array(projectSchema) });
const imageResponse = z.object({ image: projectImageSchema });
const revisionsResponse = z.object({ revisions: z.array(revisionSchema) });
const resultResponse = z.object({ result: resultSchema });
const locationsResponse = z.object({ locations: z.array(cnapLocationSchema) });
const locationResponse = z.object({ location: cnapLocationSchema });
const usersResponse = z.object({ users: z.array(userSchema) });
const auditResponse = z.object({ entries: z.array(auditEntrySchema) });
/** 204 No Content: nothing to parse. */
const noContent = z.undefined();

/** The catalogue's query (the shared schema's input has coerced, hence untyped, numbers). */
export interface ProjectListParams {
  status?: ProjectStatus | undefined;
  categoryId?: number | undefined;
  q?: string | undefined;
  mine?: boolean | undefined;
  sort?: (typeof PROJECT_SORTS)[number] | undefined;
  page?: number | undefined;
  pageSize?: number | undefined;
}

/** Filters of the audit log; `before` is the id of the last entry already shown (newest first). */
export interface AuditQuery {
  entity?: string | undefined;
  entityId?: string | undefined;
  action?: string | undefined;
  /** Part of the actor's name or email. */
  actor?: string | undefined;
  /** Instants with an offset: from inclusive, to exclusive. */
  from?: string | undefined;
  to?: string | undefined;
  before?: number | undefined;
  limit?: number | undefined;
}

export interface ReviewQueueQuery {
  editionId?: number | undefined;
  categoryId?: number | undefined;
  status?: ProjectStatus | undefined;
}

/** `?a=1&b=x` from the defined, non-empty values only. */
export function queryString(params: Record<string, string | number | boolean | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

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
    // A file goes as multipart: the browser sets the content type with its boundary.
    const multipart = body instanceof FormData;
    if (body !== undefined && !multipart) headers['content-type'] = 'application/json';
    const token = opts.getToken?.();
    if (token) headers.authorization = `Bearer ${token}`;

    let res: Response;
    try {
      res = await doFetch(baseUrl + path, {
        method,
        headers,
        body: body === undefined ? undefined : multipart ? body : JSON.stringify(body),
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
    /** Ends this token's session on the server (it is refused from then on). */
    logout: () => request('POST', '/api/auth/logout', noContent),
    /** Every earlier token of the account, this one included, is refused afterwards. */
    changePassword: (body: ChangePasswordBody) =>
      request('POST', '/api/me/password', changePasswordResponseSchema, body),
    config: () => request('GET', '/api/config', publicConfigSchema),
    /** The identity provider's address; with a token (signed in), the flow links this account. */
    oidcStart: (returnTo: string) =>
      request('POST', '/api/auth/oidc/start', oidcStartResponseSchema, { returnTo }),
    oidcTicket: (ticket: string) => request('POST', '/api/auth/oidc/ticket', loginResponseSchema, { ticket }),
    listEditions: () => request('GET', '/api/editions', editionsResponse),
    getEdition: (id: number) => request('GET', `/api/editions/${id}`, editionResponse),
    createEdition: (body: CreateEditionBody) => request('POST', '/api/editions', editionResponse, body),
    updateEdition: (id: number, body: UpdateEditionBody) =>
      request('PATCH', `/api/editions/${id}`, editionResponse, body),
    createCategory: (editionId: number, body: CreateCategoryBody) =>
      request('POST', `/api/editions/${editionId}/categories`, categoryResponse, body),
    updateCategory: (editionId: number, categoryId: number, body: UpdateCategoryBody) =>
      request('PATCH', `/api/editions/${editionId}/categories/${categoryId}`, categoryResponse, body),
    deleteCategory: (editionId: number, categoryId: number) =>
      request('DELETE', `/api/editions/${editionId}/categories/${categoryId}`, noContent),

    createProject: (editionId: number, body: CreateProjectBody) =>
      request('POST', `/api/editions/${editionId}/projects`, projectResponse, body),
    updateProject: (id: number, body: UpdateProjectBody) =>
      request('PATCH', `/api/projects/${id}`, projectResponse, body),
    submitProject: (id: number) => request('POST', `/api/projects/${id}/submit`, projectResponse),
    deleteProject: (id: number) => request('DELETE', `/api/projects/${id}`, noContent),
    getProject: (id: number) => request('GET', `/api/projects/${id}`, projectResponse),
    listProjects: (editionId: number, query: ProjectListParams = {}) =>
      request(
        'GET',
        `/api/editions/${editionId}/projects${queryString({ ...query })}`,
        projectListResponseSchema,
      ),
    myProjects: () => request('GET', '/api/me/projects', projectsResponse),
    uploadImage: (projectId: number, file: Blob, fileName: string) => {
      const form = new FormData();
      form.append('file', file, fileName);
      return request('POST', `/api/projects/${projectId}/images`, imageResponse, form);
    },
    deleteImage: (projectId: number, imageId: number) =>
      request('DELETE', `/api/projects/${projectId}/images/${imageId}`, noContent),
    /**
     * A draft's image is private, and an <img> cannot send the bearer token: the page fetches it
     * with the token and shows it through an object URL.
     */
    imageBlob: async (url: string): Promise<Blob> => {
      const token = opts.getToken?.();
      let res: Response;
      try {
        res = await doFetch(baseUrl + url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
      } catch (e) {
        throw new ApiError(0, CLIENT_CODES.network, e instanceof Error ? e.message : String(e));
      }
      if (!res.ok) throw toApiError(res.status, await res.json().catch(() => undefined));
      return res.blob();
    },
    reviewQueue: (query: ReviewQueueQuery = {}) =>
      request('GET', `/api/review/queue${queryString({ ...query })}`, projectsResponse),
    reviewProject: (id: number, body: ReviewBody) =>
      request('POST', `/api/projects/${id}/reviews`, projectResponse, body),
    commentProject: (id: number, text: string) =>
      request('POST', `/api/projects/${id}/comments`, projectResponse, { text }),
    revisions: (id: number) => request('GET', `/api/projects/${id}/revisions`, revisionsResponse),

    results: (editionId: number) => request('GET', `/api/editions/${editionId}/results`, resultResponse),
    stats: (editionId: number) => request('GET', `/api/editions/${editionId}/stats`, statsSchema),
    report: (editionId: number) => request('GET', `/api/editions/${editionId}/report`, reportSchema),
    implementation: (editionId: number) =>
      request('GET', `/api/editions/${editionId}/implementation`, implementationSchema),
    projectUpdates: (id: number) => request('GET', `/api/projects/${id}/updates`, updatesResponseSchema),
    postUpdate: (id: number, body: CreateUpdateBody) =>
      request('POST', `/api/projects/${id}/updates`, updateResponseSchema, body),
    uploadUpdatePhoto: (projectId: number, updateId: number, file: Blob, fileName: string) => {
      const form = new FormData();
      form.append('file', file, fileName);
      return request(
        'POST',
        `/api/projects/${projectId}/updates/${updateId}/photos`,
        updatePhotoResponseSchema,
        form,
      );
    },
    deleteUpdatePhoto: (projectId: number, updateId: number, photoId: number) =>
      request('DELETE', `/api/projects/${projectId}/updates/${updateId}/photos/${photoId}`, noContent),
    tally: (editionId: number, rule?: 'greedy' | 'mes') =>
      request('POST', `/api/editions/${editionId}/tally`, resultResponse, rule ? { rule } : {}),
    publishResult: (editionId: number, resultId: number) =>
      request('POST', `/api/editions/${editionId}/results/publish`, resultResponse, { resultId }),

    declareIdentity: (taxId: string) =>
      request('POST', '/api/me/identity', identityResponseSchema, { taxId }),
    castVotes: (editionId: number, projectIds: number[]) =>
      request('POST', `/api/editions/${editionId}/votes`, castVotesResponseSchema, { projectIds }),
    myVotes: (editionId: number) =>
      request('GET', `/api/editions/${editionId}/my-votes`, myVotesResponseSchema),
    paperBallot: (editionId: number, body: PaperBallotBody) =>
      request('POST', `/api/editions/${editionId}/paper-ballots`, paperBallotResponseSchema, body),
    cnapAllowance: (editionId: number, body: CnapAllowanceBody) =>
      request('POST', `/api/editions/${editionId}/cnap/allowance`, cnapAllowanceResponseSchema, body),
    cnapSummary: () => request('GET', '/api/cnap/summary', cnapSummarySchema),
    verifyAtCnap: (body: CnapVerificationBody) =>
      request('POST', '/api/cnap/verifications', cnapVerificationResponseSchema, body),
    cnapLocations: () => request('GET', '/api/cnap-locations', locationsResponse),
    createCnapLocation: (body: CreateCnapLocationBody) =>
      request('POST', '/api/cnap-locations', locationResponse, body),

    searchUsers: (q = '') => request('GET', `/api/admin/users${queryString({ q: q.trim() })}`, usersResponse),
    setRoles: (userId: number, body: SetRolesBody) =>
      request('PUT', `/api/admin/users/${userId}/roles`, userResponseSchema, body),
    annul: (editionId: number, body: AnnulBody) =>
      request('POST', `/api/editions/${editionId}/annulments`, annulmentResponseSchema, body),
    annulments: (editionId: number) =>
      request('GET', `/api/editions/${editionId}/annulments`, annulmentsResponseSchema),
    signals: (editionId: number) => request('GET', `/api/editions/${editionId}/signals`, signalsSchema),
    auditLog: (query: AuditQuery = {}) =>
      request('GET', `/api/admin/audit${queryString({ ...query })}`, auditResponse),
  };
}
