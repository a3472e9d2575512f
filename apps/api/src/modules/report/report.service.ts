import { AGE_BANDS, mergeSmallBands, type Report } from '@bu/shared';
import type { Db } from '../../db/client.js';
import { implementationService } from '../implementation/implementation.service.js';
import { editionStats } from '../results/stats.repository.js';
import { reportRepository } from './report.repository.js';
import { commonErrors } from '../../shared/errors.js';

/**
 * The edition's annual report, as the cities publish it: projects through review, winners and money
 * per category, participation by channel, ЦНАП, category, day and age, implementation, and the
 * edition before it for comparison. Every figure is computed from the stored records.
 */
export function reportService(db: Db) {
  const repo = reportRepository(db);
  const implementation = implementationService(db);

  async function build(editionId: number): Promise<Omit<Report, 'edition'>> {
    const [projects, rejectionReasons, stats, categories, locations, ages, progress, prev] =
      await Promise.all([
        repo.projectCounts(editionId),
        repo.rejectionReasons(editionId),
        editionStats(db, editionId),
        repo.categories(editionId),
        repo.locations(editionId),
        repo.ageBands(editionId, AGE_BANDS),
        implementation.ofEdition(editionId),
        repo.previous(editionId),
      ]);
    const participation = new Map(stats.categories.map((c) => [c.categoryId, c]));
    let previous: Report['previous'] = null;
    if (prev) {
      const [prevStats, prevProjects] = await Promise.all([
        editionStats(db, prev.id),
        repo.projectCounts(prev.id),
      ]);
      previous = {
        editionId: prev.id,
        title: prev.title,
        voters: prevStats.voters,
        votes: prevStats.votes,
        submitted: prevProjects.submitted,
        winners: prevProjects.winners,
      };
    }
    return {
      projects: { ...projects, rejectionReasons },
      voters: stats.voters,
      votes: stats.votes,
      channels: stats.channels,
      annulled: stats.annulled,
      locations,
      categories: categories.map((c) => ({
        ...c,
        voters: participation.get(c.categoryId)?.voters ?? 0,
        votes: participation.get(c.categoryId)?.votes ?? 0,
      })),
      votesPerDay: stats.votesPerDay,
      ageBands: mergeSmallBands(ages),
      implementation: { allocated: progress.allocated, spent: progress.spent, counts: progress.counts },
      previous,
    };
  }

  return {
    edition: (editionId: number) => repo.edition(editionId),
    /** The whole report of an existing edition (callers decide who may see it). */
    async document(editionId: number): Promise<Report> {
      const e = await repo.edition(editionId);
      if (!e) throw commonErrors.notFound('Конкурс');
      return {
        edition: {
          id: e.id,
          title: e.title,
          totalFund: Number(e.total_fund),
          votingStart: new Date(e.voting_start).toISOString(),
          votingEnd: new Date(e.voting_end).toISOString(),
          resultsPublishedAt: e.results_published_at ? new Date(e.results_published_at).toISOString() : null,
        },
        ...(await build(e.id)),
      };
    },
  };
}
