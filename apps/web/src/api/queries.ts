import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { Edition, Project } from '@bu/shared';
import type { AuditQuery, ProjectListParams, ReviewQueueQuery } from './client';
import { api } from './index';

export const queryKeys = {
  config: ['config'] as const,
  editions: ['editions'] as const,
  edition: (id: number) => ['editions', id] as const,
  me: (token: string | null) => ['me', token] as const,
  projects: ['projects'] as const,
  project: (id: number) => ['projects', 'one', id] as const,
  projectList: (editionId: number, query: ProjectListParams) =>
    ['projects', 'list', editionId, query] as const,
  myProjects: ['projects', 'mine'] as const,
  reviewQueue: (query: ReviewQueueQuery) => ['projects', 'queue', query] as const,
  revisions: (id: number) => ['projects', 'revisions', id] as const,
  results: (editionId: number) => ['results', editionId] as const,
  stats: (editionId: number) => ['stats', editionId] as const,
  report: (editionId: number) => ['report', editionId] as const,
  implementation: (editionId: number) => ['implementation', editionId] as const,
  projectUpdates: (id: number) => ['projects', 'updates', id] as const,
  myVotes: (editionId: number) => ['votes', 'mine', editionId] as const,
  admitted: (editionId: number) => ['projects', 'admitted', editionId] as const,
  cnapLocations: ['cnap-locations'] as const,
  cnapSummary: ['cnap-summary'] as const,
  adminUsers: (q: string) => ['admin', 'users', q] as const,
  audit: (query: AuditQuery) => ['admin', 'audit', query] as const,
  annulments: (editionId: number) => ['admin', 'annulments', editionId] as const,
  signals: (editionId: number) => ['admin', 'signals', editionId] as const,
};

const validId = (id: number) => Number.isInteger(id) && id > 0;

export function useProject(id: number) {
  return useQuery({
    queryKey: queryKeys.project(id),
    queryFn: async () => (await api.getProject(id)).project,
    enabled: validId(id),
  });
}

export function useProjectList(editionId: number, query: ProjectListParams) {
  return useQuery({
    queryKey: queryKeys.projectList(editionId, query),
    queryFn: () => api.listProjects(editionId, query),
    enabled: validId(editionId),
    // The current page stays on screen while the next one loads, rather than a flash of "loading".
    placeholderData: keepPreviousData,
  });
}

export function useMyProjects(enabled = true) {
  return useQuery({
    queryKey: queryKeys.myProjects,
    queryFn: async () => (await api.myProjects()).projects,
    enabled,
    staleTime: 0,
  });
}

export function useReviewQueue(query: ReviewQueueQuery) {
  return useQuery({
    queryKey: queryKeys.reviewQueue(query),
    queryFn: async () => (await api.reviewQueue(query)).projects,
    staleTime: 0,
  });
}

export function useRevisions(id: number) {
  return useQuery({
    queryKey: queryKeys.revisions(id),
    queryFn: async () => (await api.revisions(id)).revisions,
    enabled: validId(id),
    staleTime: 0,
  });
}

export function useEditions() {
  return useQuery({
    queryKey: queryKeys.editions,
    queryFn: async () => (await api.listEditions()).editions,
  });
}

export function useEdition(id: number) {
  return useQuery({
    queryKey: queryKeys.edition(id),
    queryFn: async () => (await api.getEdition(id)).edition,
    enabled: Number.isInteger(id) && id > 0,
  });
}

/** Which edition deserves the home page: one people can take part in or follow now, then the next one. */
const PHASE_RANK: Record<Edition['phase'], number> = {
  // What residents can do now comes first: a vote that is open outranks a call for projects.
  voting: 0,
  submission: 1,
  review: 1,
  tally: 1,
  upcoming: 2,
  closed: 3,
};

/**
 * The edition the home page shows: one in voting, else the newest one under way (submission to
 * tally), else the newest upcoming one, else the newest closed one. An edition an admin prepares for next year must not
 * push the one residents are voting in off the home page. "Newest" is by submission start, then id.
 */
export function pickCurrentEdition(editions: Edition[]): Edition | undefined {
  return [...editions].sort(
    (a, b) =>
      PHASE_RANK[a.phase] - PHASE_RANK[b.phase] ||
      Date.parse(b.phases.submissionStart) - Date.parse(a.phases.submissionStart) ||
      b.id - a.id,
  )[0];
}

/** Published results (or, for an admin, the latest run); 404 before publication for everyone else. */
export function useResults(editionId: number, enabled = true) {
  return useQuery({
    queryKey: queryKeys.results(editionId),
    queryFn: async () => (await api.results(editionId)).result,
    enabled: enabled && validId(editionId),
  });
}

export function useStats(editionId: number) {
  return useQuery({
    queryKey: queryKeys.stats(editionId),
    queryFn: () => api.stats(editionId),
    enabled: validId(editionId),
  });
}

export function useReport(editionId: number) {
  return useQuery({
    queryKey: queryKeys.report(editionId),
    queryFn: () => api.report(editionId),
    enabled: validId(editionId),
  });
}

export function useImplementation(editionId: number, enabled = true) {
  return useQuery({
    queryKey: queryKeys.implementation(editionId),
    queryFn: () => api.implementation(editionId),
    enabled: enabled && validId(editionId),
  });
}

/** A winner's implementation timeline; other projects have none, so it is asked for winners only. */
export function useProjectUpdates(id: number, enabled: boolean) {
  return useQuery({
    queryKey: queryKeys.projectUpdates(id),
    queryFn: async () => (await api.projectUpdates(id)).updates,
    enabled: enabled && validId(id),
  });
}

/** The signed-in person's votes and remaining allowance per category: always fresh, it decides the ballot. */
export function useMyVotes(editionId: number, enabled = true) {
  return useQuery({
    queryKey: queryKeys.myVotes(editionId),
    queryFn: () => api.myVotes(editionId),
    enabled: enabled && validId(editionId),
    staleTime: 0,
  });
}

/** Every admitted project of an edition, page by page (the API serves at most 100 per page). */
export async function fetchAdmitted(editionId: number): Promise<Project[]> {
  const all: Project[] = [];
  for (let page = 1; ; page++) {
    const res = await api.listProjects(editionId, {
      status: 'admitted',
      sort: 'oldest',
      page,
      pageSize: 100,
    });
    all.push(...res.projects);
    if (res.projects.length === 0 || all.length >= res.total) return all;
  }
}

export function useAdmittedProjects(editionId: number) {
  return useQuery({
    queryKey: queryKeys.admitted(editionId),
    queryFn: () => fetchAdmitted(editionId),
    enabled: validId(editionId),
  });
}

export function useCnapLocations(enabled = true) {
  return useQuery({
    queryKey: queryKeys.cnapLocations,
    queryFn: async () => (await api.cnapLocations()).locations,
    enabled,
  });
}

/** Accounts whose email or name contains `q` (all of them, up to the server's 200, when empty). */
export function useAdminUsers(q: string) {
  return useQuery({
    queryKey: queryKeys.adminUsers(q),
    queryFn: async () => (await api.searchUsers(q)).users,
    staleTime: 0,
    placeholderData: keepPreviousData,
  });
}

export const AUDIT_PAGE_SIZE = 50;

/**
 * The audit log, newest first, one page at a time: "older" asks for the entries before the last id
 * shown, so a page never shifts while new entries are written above it.
 */
export function useAuditLog(filter: Omit<AuditQuery, 'before' | 'limit'>) {
  return useInfiniteQuery({
    queryKey: queryKeys.audit(filter),
    queryFn: async ({ pageParam }) =>
      (await api.auditLog({ ...filter, before: pageParam, limit: AUDIT_PAGE_SIZE })).entries,
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => (last.length < AUDIT_PAGE_SIZE ? undefined : last[last.length - 1]?.id),
    staleTime: 0,
  });
}

export function useAnnulments(editionId: number) {
  return useQuery({
    queryKey: queryKeys.annulments(editionId),
    queryFn: async () => (await api.annulments(editionId)).annulments,
    enabled: validId(editionId),
    staleTime: 0,
  });
}

export function useSignals(editionId: number) {
  return useQuery({
    queryKey: queryKeys.signals(editionId),
    queryFn: () => api.signals(editionId),
    enabled: validId(editionId),
    staleTime: 0,
  });
}

/** The deployment's public settings (identity mode and provider): fixed while the page lives. */
export function usePublicConfig() {
  return useQuery({ queryKey: queryKeys.config, queryFn: () => api.config(), staleTime: Infinity });
}

/** The operator's start page: their locations and today's ballots; refreshed after every ballot entered. */
export function useCnapSummary() {
  return useQuery({ queryKey: queryKeys.cnapSummary, queryFn: () => api.cnapSummary(), staleTime: 0 });
}
