import type { Project, ProjectDetail, ProjectEvent } from '@bu/shared';
import type { ImageRow, ProjectRow } from './projects.repository.js';

export interface Viewer {
  id: number;
  roles: string[];
}

/**
 * The working group and admins: they see drafts, staff comments, revisions and authors' names.
 * ЦНАП operators are not staff here: paper entry needs the public catalogue and nothing more
 * (least privilege, docs/security.md "Operator abuse").
 */
export const isStaff = (v: Viewer | null) => !!v && v.roles.some((r) => r === 'reviewer' || r === 'admin');

/** Drafts are seen only by their author and by staff; everything else is public. */
export const canSee = (p: ProjectRow, v: Viewer | null) =>
  p.status !== 'draft' || v?.id === p.authorId || isStaff(v);

/** The author's own fields: what a revision snapshots and a reviewer compares. */
export function snapshotOf(p: ProjectRow) {
  return {
    categoryId: p.categoryId,
    title: p.title,
    summary: p.summary,
    description: p.description,
    location: p.address === null ? null : { address: p.address, lat: p.lat, lng: p.lng },
    costItems: p.costItems,
    totalCost: p.totalCost,
  };
}

export function toProjectDto(
  p: ProjectRow,
  authorName: string | undefined,
  images: ImageRow[],
  v: Viewer | null,
): Project {
  const privileged = v?.id === p.authorId || isStaff(v);
  return {
    id: p.id,
    editionId: p.editionId,
    ...snapshotOf(p),
    status: p.status,
    // docs/rules.md §6: the public sees the author's name only with consent; ids never.
    author: privileged
      ? { id: p.authorId, name: authorName ?? '' }
      : p.showAuthorName && authorName
        ? { name: authorName }
        : null,
    isMine: v?.id === p.authorId,
    showAuthorName: p.showAuthorName,
    revision: p.revision,
    submittedAt: p.firstSubmittedAt?.toISOString() ?? null,
    lastSubmittedAt: p.lastSubmittedAt?.toISOString() ?? null,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
    images: images.filter((i) => i.projectId === p.id).map((i) => toImageDto(i)),
  };
}

/** Where a project image and its thumbnail are served (GET /api/images/:id). */
export const imageUrls = (id: number) => ({
  url: `/api/images/${id}`,
  thumbUrl: `/api/images/${id}?size=thumb`,
});

export const toImageDto = (i: ImageRow) => ({
  id: i.id,
  ...imageUrls(i.id),
  mime: i.mime,
  size: i.size,
  width: i.width,
  height: i.height,
});

/**
 * Vote counts are public once results are published, or during voting when the edition allows it
 * (docs/rules.md §12); admins always see them.
 */
export function votesVisible(
  e: { resultsPublishedAt: Date | null; resultsVisibleDuringVoting: boolean; votingStart: Date },
  v: Viewer | null,
  now = new Date(),
) {
  return (
    !!v?.roles.includes('admin') ||
    e.resultsPublishedAt !== null ||
    (e.resultsVisibleDuringVoting && now >= e.votingStart)
  );
}

const PUBLIC_ACTIONS = new Set(['submit', 'admit', 'reject', 'return', 'publish', 'implementation']);

/**
 * Status history as each viewer may see it: the public sees transitions and the published reasons of
 * refusals, without staff names; the author and staff see every edit; staff alone see comments.
 */
export function historyFor(
  p: ProjectRow,
  events: {
    event: {
      action: string;
      fromStatus: string | null;
      toStatus: string | null;
      reason: string | null;
      revision: number;
      at: Date;
      actorId: number | null;
    };
    actorName: string | null;
  }[],
  v: Viewer | null,
): ProjectEvent[] {
  const staff = isStaff(v);
  const author = v?.id === p.authorId;
  return events
    .filter(
      ({ event }) => staff || (event.action !== 'comment' && (author || PUBLIC_ACTIONS.has(event.action))),
    )
    .map(({ event, actorName }) => ({
      action: event.action,
      fromStatus: event.fromStatus,
      toStatus: event.toStatus,
      reason: event.reason,
      revision: event.revision,
      at: event.at.toISOString(),
      actor: staff && event.actorId ? { id: event.actorId, name: actorName ?? '' } : null,
    }));
}

export type { ProjectDetail };
