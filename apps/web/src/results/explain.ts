import type { TFunction } from 'i18next';
import type { ResultProject } from '@bu/shared';

const KNOWN = [
  'funded',
  'skipped_no_funds',
  'below_threshold',
  'mes_funded',
  'mes_completion_greedy',
] as const;
const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/**
 * A project's one-line explanation in the reader's language. The server records it in Ukrainian
 * (that text is part of the frozen result and is shown as is); other languages rebuild it from the
 * structured `reason`, and fall back to the recorded line for a reason this page does not know.
 */
export function explain(
  p: ResultProject,
  lang: string,
  t: TFunction,
  money: (kop: number) => string,
): string {
  if (lang === 'uk') return p.explanation;
  const r = p.reason as Record<string, unknown> & { code: string };
  if (!(KNOWN as readonly string[]).includes(r.code)) return p.explanation;
  const amount = (k: string) => {
    const v = num(r[k]);
    return v === null ? '' : money(v);
  };
  return t(`results.explain.${r.code}`, {
    votes: num(r.votes) ?? p.votes,
    cost: amount('cost') || money(p.cost),
    remaining: amount('remainingBefore') || amount('remaining'),
    minVotes: num(r.minVotes) ?? 0,
    payers: num(r.payers) ?? 0,
    price: amount('priceRounded'),
  });
}
