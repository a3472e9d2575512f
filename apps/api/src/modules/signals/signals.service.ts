import { OUTLIER_FACTOR, type SignalSeries, type Signals } from '@bu/shared';
import type { Db } from '../../db/client.js';
import { editionErrors } from '../editions/editions.errors.js';
import { editionsRepository } from '../editions/editions.repository.js';
import { flagOutliers, isOutlier } from './outliers.js';
import { REGISTRATION_LEAD_DAYS, signalsRepository, type HourRow } from './signals.repository.js';

const DAY = 86_400_000;
const SHARED_ADDRESSES_SHOWN = 100;

/** One series per key, each judged against its own median (outliers.ts). */
export function toSeries(rows: HourRow[]): SignalSeries[] {
  const byKey = new Map<string, HourRow[]>();
  for (const r of rows) (byKey.get(r.key) ?? byKey.set(r.key, []).get(r.key)!).push(r);
  return [...byKey].map(([key, hours]) => {
    const { median, outlier } = flagOutliers(hours.map((h) => h.n));
    return {
      key,
      label: hours[0]!.label,
      total: hours.reduce((s, h) => s + h.n, 0),
      median,
      hours: hours.map((h, i) => ({
        hour: new Date(Number(h.hour_ms)).toISOString(),
        count: h.n,
        outlier: outlier[i]!,
      })),
    };
  });
}

/**
 * What a fraud wave looks like, hour by hour, from shortly before voting to its end (or now):
 * counts and staff names only, nothing staff do not already see elsewhere.
 */
export function signalsService(db: Db) {
  const repo = signalsRepository(db);
  const editions = editionsRepository(db);
  return {
    async of(editionId: number, now = new Date()): Promise<Signals> {
      const e = await editions.findById(editionId);
      if (!e) throw editionErrors.notFound();
      await repo.purgeAddresses();
      const from = new Date(e.votingStart.getTime() - REGISTRATION_LEAD_DAYS * DAY);
      const to = new Date(Math.max(from.getTime(), Math.min(now.getTime(), e.votingEnd.getTime())));
      const [rows, histogram, shared] = await Promise.all([
        repo.hourly(editionId, from, to),
        repo.addressHistogram(from, to),
        repo.sharedAddresses(from, to, SHARED_ADDRESSES_SHOWN),
      ]);
      const series = toSeries(rows);
      const pick = (prefix: string) => series.filter((s) => s.key.startsWith(prefix));
      const empty = { key: 'registrations', label: '', total: 0, median: 0, hours: [] };
      // The baseline of an address is every address of the window, most of which have one account.
      const perAddress = histogram.flatMap((h) => Array<number>(h.addresses).fill(h.accounts));
      const { median } = flagOutliers(perAddress);
      return {
        editionId,
        from: from.toISOString(),
        to: to.toISOString(),
        factor: OUTLIER_FACTOR,
        registrations: series.find((s) => s.key === 'registrations') ?? empty,
        verifications: pick('method:'),
        operatorVerifications: pick('verifier:'),
        operatorBallots: pick('operator:'),
        sharedAddresses: {
          median,
          rows: shared.map((r) => ({
            address: r.address,
            accounts: r.accounts,
            first: new Date(Number(r.first_ms)).toISOString(),
            last: new Date(Number(r.last_ms)).toISOString(),
            outlier: isOutlier(r.accounts, median),
          })),
        },
      };
    },
  };
}
