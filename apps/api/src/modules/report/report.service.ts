import { AGE_BANDS, mergeSmallBands, type Report } from '@bu/shared';
import type { Db } from '../../db/client.js';
import { implementationService } from '../implementation/implementation.service.js';
import { publishableLocations, voteFigures, votesPerDay } from '../results/stats.repository.js';
import { annulmentsRepository } from '../annulments/annulments.repository.js';
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
    const categoriesP = repo.categories(editionId);
    const locationsP = repo.locations(editionId);
    // The one pass over the counted votes needs the category and location ids as its columns.
    const figuresP = Promise.all([categoriesP, locationsP]).then(([cats, locs]) =>
      voteFigures(db, editionId, {
        categoryIds: cats.map((c) => c.categoryId),
        locationIds: locs.map((l) => l.id),
        ageBands: AGE_BANDS,
      }),
    );
    const [projects, rejectionReasons, categories, locationList, figures, days, annulled, progress, prev] =
      await Promise.all([
        repo.projectCounts(editionId),
        repo.rejectionReasons(editionId),
        categoriesP,
        locationsP,
        figuresP,
        votesPerDay(db, editionId),
        annulmentsRepository(db).summary(editionId),
        implementation.ofEdition(editionId),
        repo.previous(editionId),
      ]);
    let previous: Report['previous'] = null;
    if (prev) {
      const [prevFigures, prevProjects] = await Promise.all([
        voteFigures(db, prev.id),
        repo.projectCounts(prev.id),
      ]);
      previous = {
        editionId: prev.id,
        title: prev.title,
        voters: prevFigures.voters,
        votes: prevFigures.votes,
        submitted: prevProjects.submitted,
        winners: prevProjects.winners,
      };
    }
    // ЦНАП locations with live paper ballots, by name, grouped as the statistics group them (rules §6).
    const locations = (
      await publishableLocations(
        db,
        editionId,
        locationList.map((l, i) => ({ id: l.id, name: l.name, ...figures.locations[i]! })),
        'voters',
      )
    ).map(({ id, ...l }) => ({ cnapLocationId: id, ...l }));
    return {
      projects: { ...projects, rejectionReasons },
      voters: figures.voters,
      votes: figures.votes,
      channels: figures.channels,
      annulled,
      locations,
      categories: categories.map((c, i) => ({ ...c, ...figures.categories[i]! })),
      votesPerDay: days,
      ageBands: mergeSmallBands(AGE_BANDS.map((b, i) => ({ band: b.band, voters: figures.ageBands[i]! }))),
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
