import { useEffect, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { api } from '../api';

/** Long enough that a number corrected digit by digit is asked about once, short enough to feel instant. */
const SETTLE_MS = 250;

/**
 * What the person in front of the operator may still vote for, asked once a valid taxpayer number has
 * stayed unchanged for a moment (the route is audited and rate-limited: not a question per keystroke).
 * `taxId` is null while the number is incomplete or invalid. Nothing is kept once the number changes:
 * the answer is about one person, for the ballot being typed.
 */
export function useAllowance(editionId: number, locationId: number, taxId: string | null) {
  const [settled, setSettled] = useState<string | null>(null);
  useEffect(() => {
    if (taxId === null) return;
    const timer = setTimeout(() => setSettled(taxId), SETTLE_MS);
    return () => clearTimeout(timer);
  }, [taxId]);
  const asked = taxId !== null && settled === taxId ? taxId : null;
  return useQuery({
    queryKey: ['cnap-allowance', editionId, locationId, asked],
    queryFn: () => api.cnapAllowance(editionId, { taxId: asked!, cnapLocationId: locationId }),
    enabled: asked !== null,
    gcTime: 0,
    staleTime: 0,
    retry: false,
    refetchOnWindowFocus: false,
  });
}
export type AllowanceQuery = ReturnType<typeof useAllowance>;
