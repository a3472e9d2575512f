import { useQuery } from '@tanstack/react-query';
import type { Edition } from '@bu/shared';
import { api } from './index';

export const queryKeys = {
  editions: ['editions'] as const,
  edition: (id: number) => ['editions', id] as const,
  me: (token: string | null) => ['me', token] as const,
};

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

/**
 * The edition the home page shows: the newest one that is not closed (the one residents can still
 * take part in, or follow to its results), otherwise the newest of all. "Newest" is by submission
 * start, then by id, so an edition created later for an earlier year does not take over.
 */
export function pickCurrentEdition(editions: Edition[]): Edition | undefined {
  const newestFirst = [...editions].sort(
    (a, b) =>
      Date.parse(b.phases.submissionStart) - Date.parse(a.phases.submissionStart) || b.id - a.id,
  );
  return newestFirst.find((e) => e.phase !== 'closed') ?? newestFirst[0];
}
