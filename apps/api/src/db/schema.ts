import { sql } from 'drizzle-orm';
import { IMPLEMENTATION_STATUSES, PROJECT_STATUSES, ROLES } from '@bu/shared';
import {
  type AnyPgColumn,
  bigint,
  bigserial,
  boolean,
  check,
  customType,
  date,
  doublePrecision,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  pgView,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });
const money = (name: string) => bigint(name, { mode: 'number' });
const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

/** What a project event records: the author's steps and the working group's decisions. */
export const PROJECT_EVENT_ACTIONS = [
  'create',
  'update',
  'comment',
  'submit',
  'admit',
  'reject',
  'return',
  'publish',
  'implementation',
] as const;
export type ProjectEventAction = (typeof PROJECT_EVENT_ACTIONS)[number];

const literals = (values: readonly string[]) =>
  sql.raw(values.map((v) => `'${v.replace(/'/g, "''")}'`).join(', '));

/**
 * CHECK (column IN (...)) from the same list the column's TypeScript type comes from: the database
 * itself refuses a value the application does not know (a bug, a hand-typed UPDATE, another
 * client), so every reader can trust an enum-like text column. Null passes, as for any CHECK.
 * Declare such a column `text(name, { enum: VALUES })`: database-rules.test.ts reads the schema and
 * fails for an enum column without a CHECK listing exactly its values (or a CHECK without the enum).
 */
const oneOf = (name: string, column: AnyPgColumn, values: readonly string[]) =>
  check(name, sql`${column} IN (${literals(values)})`);

const METHODS = ['demo', 'cnap', 'oidc'] as const;
const ELIGIBILITY = ['residents', 'residents_students_workers'] as const;
const RULES = ['greedy', 'mes'] as const;
const TIE_BREAKS = ['earlier_submission', 'lottery'] as const;
const CHANNELS = ['online', 'cnap'] as const;
const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
const IDENTITY_PROVIDERS = ['oidc', 'idgovua'] as const;

/**
 * A natural person who may vote. The taxpayer number is never stored: only HMAC(VOTER_KEY_SECRET,
 * number), so one person is one row whichever channel they come through (docs/rules.md §9).
 */
export const voters = pgTable(
  'voters',
  {
    id: serial('id').primaryKey(),
    keyHash: bytea('key_hash').notNull().unique(),
    birthDate: date('birth_date', { mode: 'string' }).notNull(),
    method: text('method', { enum: METHODS }).notNull(),
    verifiedBy: integer('verified_by'),
    /** Which identity provider proved the person ('oidc' or 'idgovua') and how (id.gov.ua's auth_type). */
    provider: text('provider', { enum: IDENTITY_PROVIDERS }),
    authType: text('auth_type'),
    createdAt: createdAt(),
  },
  (t) => [
    oneOf('voters_method_check', t.method, METHODS),
    oneOf('voters_provider_check', t.provider, IDENTITY_PROVIDERS),
  ],
);

export const users = pgTable(
  'users',
  {
    id: serial('id').primaryKey(),
    /** Null for an account created by an identity provider sign-in: the person gave no email. */
    email: text('email'),
    passwordHash: text('password_hash').notNull(),
    fullName: text('full_name').notNull(),
    roles: text('roles')
      .array()
      .notNull()
      .default(sql`'{resident}'::text[]`),
    voterId: integer('voter_id')
      .references(() => voters.id)
      .unique(),
    /**
     * Tokens carry the version they were issued under; raising it (a password change or reset)
     * refuses every earlier token of the account at once, in every process.
     */
    sessionVersion: integer('session_version').notNull().default(1),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('users_email_key').on(t.email),
    check('users_roles_check', sql`${t.roles} <@ ARRAY[${literals(ROLES)}]::text[]`),
  ],
);

/**
 * Tokens signed out before they expire (by their `jti`). A row is needed only until the token's own
 * expiry, after which the signature check refuses it anyway; expired rows are swept on sign-out.
 */
export const revokedTokens = pgTable(
  'revoked_tokens',
  {
    jti: uuid('jti').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('revoked_tokens_expires_idx').on(t.expiresAt)],
);

export const cnapLocations = pgTable('cnap_locations', {
  id: serial('id').primaryKey(),
  name: text('name').notNull().unique(),
  address: text('address').notNull(),
  createdAt: createdAt(),
});

export const operatorLocations = pgTable(
  'operator_locations',
  {
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    locationId: integer('location_id')
      .notNull()
      .references(() => cnapLocations.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.userId, t.locationId] })],
);

export const editions = pgTable(
  'editions',
  {
    id: serial('id').primaryKey(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    totalFund: money('total_fund').notNull(),
    submissionStart: timestamp('submission_start', { withTimezone: true }).notNull(),
    submissionEnd: timestamp('submission_end', { withTimezone: true }).notNull(),
    reviewEnd: timestamp('review_end', { withTimezone: true }).notNull(),
    votingStart: timestamp('voting_start', { withTimezone: true }).notNull(),
    votingEnd: timestamp('voting_end', { withTimezone: true }).notNull(),
    minVoterAge: integer('min_voter_age').notNull(),
    eligibility: text('eligibility', { enum: ELIGIBILITY }).notNull(),
    tallyRule: text('tally_rule', { enum: RULES }).notNull(),
    tieBreak: text('tie_break', { enum: TIE_BREAKS }).notNull(),
    minVotes: integer('min_votes').notNull().default(0),
    resultsVisibleDuringVoting: boolean('results_visible_during_voting').notNull().default(false),
    resultsPublishedAt: timestamp('results_published_at', { withTimezone: true }),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    check(
      'editions_phase_order',
      sql`${t.submissionStart} < ${t.submissionEnd} AND ${t.submissionEnd} < ${t.reviewEnd} AND ${t.reviewEnd} < ${t.votingStart} AND ${t.votingStart} < ${t.votingEnd}`,
    ),
    check('editions_total_fund_nonneg', sql`${t.totalFund} >= 0`),
    oneOf('editions_eligibility_check', t.eligibility, ELIGIBILITY),
    oneOf('editions_tally_rule_check', t.tallyRule, RULES),
    oneOf('editions_tie_break_check', t.tieBreak, TIE_BREAKS),
  ],
);

export const categories = pgTable(
  'categories',
  {
    id: serial('id').primaryKey(),
    editionId: integer('edition_id')
      .notNull()
      .references(() => editions.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    fund: money('fund').notNull(),
    minCost: money('min_cost').notNull(),
    maxCost: money('max_cost').notNull(),
    maxVotes: integer('max_votes').notNull(),
    position: integer('position').notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('categories_edition_name_key').on(t.editionId, t.name),
    check(
      'categories_costs',
      sql`0 <= ${t.minCost} AND ${t.minCost} <= ${t.maxCost} AND ${t.maxCost} <= ${t.fund}`,
    ),
    check('categories_max_votes', sql`${t.maxVotes} >= 1`),
  ],
);

/** Append-only: the app only ever inserts here (docs/rules.md §10). */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorId: integer('actor_id').references(() => users.id),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id'),
    data: jsonb('data').notNull().default({}),
  },
  (t) => [index('audit_log_entity_idx').on(t.entity, t.entityId), index('audit_log_at_idx').on(t.at)],
);

export const projects = pgTable(
  'projects',
  {
    id: serial('id').primaryKey(),
    editionId: integer('edition_id')
      .notNull()
      .references(() => editions.id, { onDelete: 'cascade' }),
    /** A draft may lack its category, texts and address (docs/rules.md §14); see `projects_complete`. */
    categoryId: integer('category_id').references(() => categories.id),
    authorId: integer('author_id')
      .notNull()
      .references(() => users.id),
    title: text('title').notNull(),
    summary: text('summary'),
    description: text('description'),
    address: text('address'),
    lat: doublePrecision('lat'),
    lng: doublePrecision('lng'),
    /** [{ name, quantity, unitCost, total }]: quantity with at most 2 decimals, money in kopiykas. */
    costItems: jsonb('cost_items').notNull().default([]).$type<CostItemRow[]>(),
    totalCost: money('total_cost').notNull().default(0),
    status: text('status', { enum: PROJECT_STATUSES }).notNull().default('draft'),
    showAuthorName: boolean('show_author_name').notNull().default(false),
    revision: integer('revision').notNull().default(1),
    /** First submission: the default tie-break ("the earlier submission wins"). */
    firstSubmittedAt: timestamp('first_submitted_at', { withTimezone: true }),
    lastSubmittedAt: timestamp('last_submitted_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('projects_edition_status_idx').on(t.editionId, t.status, t.categoryId),
    index('projects_author_idx').on(t.authorId),
    check('projects_total_cost_nonneg', sql`${t.totalCost} >= 0`),
    oneOf('projects_status_check', t.status, PROJECT_STATUSES),
    // Only a draft may be unfinished: once submitted, a project has every field the working group reads.
    check(
      'projects_complete',
      sql`${t.status} = 'draft' or (${t.categoryId} is not null and ${t.summary} is not null and ${t.description} is not null and ${t.address} is not null and jsonb_array_length(${t.costItems}) > 0)`,
    ),
  ],
);

export interface CostItemRow {
  name: string;
  quantity: number;
  unitCost: number;
  total: number;
}

/** A snapshot of the author's fields at each submission, so reviewers can see what changed. */
export const projectRevisions = pgTable(
  'project_revisions',
  {
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    revision: integer('revision').notNull(),
    snapshot: jsonb('snapshot').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.revision] })],
);

/** Every status change and review comment: who, when, why. Append-only. */
export const projectEvents = pgTable(
  'project_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    actorId: integer('actor_id').references(() => users.id),
    action: text('action', { enum: PROJECT_EVENT_ACTIONS }).notNull(),
    fromStatus: text('from_status', { enum: PROJECT_STATUSES }),
    toStatus: text('to_status', { enum: PROJECT_STATUSES }),
    reason: text('reason'),
    revision: integer('revision').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('project_events_project_idx').on(t.projectId, t.id),
    oneOf('project_events_action_check', t.action, PROJECT_EVENT_ACTIONS),
    oneOf('project_events_from_status_check', t.fromStatus, PROJECT_STATUSES),
    oneOf('project_events_to_status_check', t.toStatus, PROJECT_STATUSES),
  ],
);

/**
 * Stored image bytes, whatever owns them (a project's images today; an implementation update's photos
 * next). Only re-encoded output is kept: `data` with its metadata stripped, `thumb` the catalogue-size
 * WebP. Owner tables reference a row by `media_id`, and a trigger deletes the row when its owner row
 * goes (migrations/0009_media_owned_delete.sql), so deleting an image or a whole draft frees its bytes.
 */
export const media = pgTable(
  'media',
  {
    id: serial('id').primaryKey(),
    mime: text('mime', { enum: IMAGE_TYPES }).notNull(),
    width: integer('width').notNull(),
    height: integer('height').notNull(),
    size: integer('size').notNull(),
    data: bytea('data').notNull(),
    thumbMime: text('thumb_mime', { enum: ['image/webp'] }).notNull(),
    thumb: bytea('thumb').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    check('media_mime_check', sql`${t.mime} in ('image/jpeg', 'image/png', 'image/webp')`),
    check('media_thumb_mime_check', sql`${t.thumbMime} = 'image/webp'`),
    check('media_size_check', sql`${t.size} = octet_length(${t.data})`),
  ],
);

export const projectImages = pgTable(
  'project_images',
  {
    id: serial('id').primaryKey(),
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    mediaId: integer('media_id')
      .notNull()
      .unique()
      .references(() => media.id),
    position: integer('position').notNull().default(0),
    createdAt: createdAt(),
  },
  // The image's type is checked on its media row (media_mime_check).
  (t) => [index('project_images_project_idx').on(t.projectId)],
);

export const ANNULMENT_KINDS = ['fraud', 'entry_error'] as const;
const ANNULMENT_TARGETS = ['user', 'tax_id', 'ballot'] as const;

/**
 * An admin's decision that some votes do not count (docs/rules.md §7): who, when, why, and whose. The votes
 * stay in `votes`, pointing here. `fraud` keeps the person's allowance spent; `entry_error` gives back
 * what those votes used, so an operator can enter the ballot correctly.
 */
export const annulments = pgTable(
  'annulments',
  {
    id: serial('id').primaryKey(),
    editionId: integer('edition_id')
      .notNull()
      .references(() => editions.id),
    kind: text('kind', { enum: ANNULMENT_KINDS }).notNull(),
    reason: text('reason').notNull(),
    /** What the admin named: an account, a taxpayer number (kept only as the person), a ballot. */
    target: text('target', { enum: ANNULMENT_TARGETS }).notNull(),
    voterId: integer('voter_id')
      .notNull()
      .references(() => voters.id),
    userId: integer('user_id').references(() => users.id),
    ballotId: integer('ballot_id').references((): AnyPgColumn => paperBallots.id),
    votes: integer('votes').notNull(),
    createdBy: integer('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    index('annulments_edition_idx').on(t.editionId, t.id),
    // The target of the composite keys below: a vote's kind of annulment is its annulment's kind.
    uniqueIndex('annulments_id_kind_key').on(t.id, t.kind),
    check('annulments_votes_positive', sql`${t.votes} > 0`),
    check('annulments_kind', sql`${t.kind} IN ('fraud', 'entry_error')`),
    check('annulments_reason', sql`length(${t.reason}) > 0`),
    oneOf('annulments_target_check', t.target, ANNULMENT_TARGETS),
  ],
);

/**
 * annulment_kind is copied onto the annulled row so that a partial unique index can ignore entry
 * errors; the composite foreign key keeps the copy equal to the annulment's kind.
 */
function annulmentColumns() {
  return {
    annulmentId: integer('annulment_id'),
    annulmentKind: text('annulment_kind', { enum: ANNULMENT_KINDS }),
  };
}
function annulmentConstraints(table: string, t: { annulmentId: AnyPgColumn; annulmentKind: AnyPgColumn }) {
  return [
    foreignKey({
      name: `${table}_annulment_fk`,
      columns: [t.annulmentId, t.annulmentKind],
      foreignColumns: [annulments.id, annulments.kind],
    }),
    check(`${table}_annulment_pair`, sql`(${t.annulmentId} IS NULL) = (${t.annulmentKind} IS NULL)`),
  ];
}

/**
 * One approval of one project by one person. (voter_id, project_id) is unique: never the same
 * project twice, whichever channel (docs/rules.md §1).
 */
export const votes = pgTable(
  'votes',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    editionId: integer('edition_id')
      .notNull()
      .references(() => editions.id),
    categoryId: integer('category_id')
      .notNull()
      .references(() => categories.id),
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id),
    voterId: integer('voter_id')
      .notNull()
      .references(() => voters.id),
    channel: text('channel', { enum: CHANNELS }).notNull(),
    /** The paper ballot a ЦНАП vote came on; online votes have none. */
    ballotId: integer('ballot_id').references((): AnyPgColumn => paperBallots.id),
    createdAt: createdAt(),
    ...annulmentColumns(),
  },
  (t) => [
    // An entry error's votes are as if never entered: the person may support the project again.
    uniqueIndex('votes_voter_project_key')
      .on(t.voterId, t.projectId)
      .where(sql`${t.annulmentKind} IS DISTINCT FROM 'entry_error'`),
    index('votes_edition_project_idx').on(t.editionId, t.projectId),
    // Only annulled votes: an index holding every counted vote under NULL let the planner answer
    // the counted_votes view's `annulment_id IS NULL` by scanning all of it (docs/benchmarks.md, the annual report).
    index('votes_annulment_idx')
      .on(t.annulmentId)
      .where(sql`${t.annulmentId} IS NOT NULL`),
    ...annulmentConstraints('votes', t),
    index('votes_ballot_idx').on(t.ballotId),
    oneOf('votes_channel_check', t.channel, CHANNELS),
    // A paper vote names its ballot and an online vote has none: the channel cannot be misstated.
    check('votes_channel_ballot', sql`(${t.channel} = 'cnap') = (${t.ballotId} IS NOT NULL)`),
  ],
);

/**
 * The one definition of "the votes that count" (docs/rules.md §7): everything that tallies, counts,
 * digests or exports votes reads this view, never `votes` directly. Annulled votes stay in `votes`.
 */
export const countedVotes = pgView('counted_votes', {
  id: bigint('id', { mode: 'number' }).notNull(),
  editionId: integer('edition_id').notNull(),
  categoryId: integer('category_id').notNull(),
  projectId: integer('project_id').notNull(),
  voterId: integer('voter_id').notNull(),
  channel: text('channel', { enum: ['online', 'cnap'] }).notNull(),
  ballotId: integer('ballot_id'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
}).as(
  sql`select id, edition_id, category_id, project_id, voter_id, channel, ballot_id, created_at from ${votes} where annulment_id is null`,
);

/**
 * How many votes a person has used in a category, across both channels. The CHECK is the allowance:
 * a vote increments `used` in the same statement that inserts it, so no race can exceed max_votes.
 * max_votes is copied from the category, whose rules are frozen once voting starts.
 */
export const voteUsage = pgTable(
  'vote_usage',
  {
    voterId: integer('voter_id')
      .notNull()
      .references(() => voters.id),
    categoryId: integer('category_id')
      .notNull()
      .references(() => categories.id),
    used: integer('used').notNull(),
    maxVotes: integer('max_votes').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.voterId, t.categoryId] }),
    check('vote_usage_within_allowance', sql`${t.used} <= ${t.maxVotes}`),
    // An entry error gives votes back; never more than were taken.
    check('vote_usage_nonneg', sql`${t.used} >= 0`),
  ],
);

/** A paper ballot entered at ЦНАП: one unit, all of its votes or none. */
export const paperBallots = pgTable(
  'paper_ballots',
  {
    id: serial('id').primaryKey(),
    editionId: integer('edition_id')
      .notNull()
      .references(() => editions.id),
    serial: text('serial').notNull(),
    voterId: integer('voter_id')
      .notNull()
      .references(() => voters.id),
    fullName: text('full_name').notNull(),
    locationId: integer('location_id')
      .notNull()
      .references(() => cnapLocations.id),
    operatorId: integer('operator_id')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    ...annulmentColumns(),
  },
  (t) => [
    // Serials compare case-insensitively: "AB-1" and "ab-1" are the same paper ballot typed twice.
    // A ballot annulled as an entry error frees its serial: the same paper is entered again,
    // correctly, under the number printed on it. A fraudulent ballot's serial stays taken.
    uniqueIndex('paper_ballots_edition_serial_key')
      .on(t.editionId, sql`lower(${t.serial})`)
      .where(sql`${t.annulmentKind} IS DISTINCT FROM 'entry_error'`),
    index('paper_ballots_operator_idx').on(t.operatorId, t.createdAt),
    ...annulmentConstraints('paper_ballots', t),
  ],
);

/**
 * One run of the tally: the rule, a digest of exactly what went in, and the outcome per category.
 * A published result is frozen (published_at set); at most one per edition.
 */
export const tallyResults = pgTable(
  'tally_results',
  {
    id: serial('id').primaryKey(),
    editionId: integer('edition_id')
      .notNull()
      .references(() => editions.id),
    rule: text('rule', { enum: RULES }).notNull(),
    tieBreak: text('tie_break', { enum: TIE_BREAKS }).notNull(),
    seed: text('seed'),
    minVotes: integer('min_votes').notNull(),
    inputsDigest: text('inputs_digest').notNull(),
    categories: jsonb('categories').notNull(),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: createdAt(),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    publishedBy: integer('published_by').references(() => users.id),
  },
  (t) => [
    index('tally_results_edition_idx').on(t.editionId),
    uniqueIndex('tally_results_one_published')
      .on(t.editionId)
      .where(sql`${t.publishedAt} is not null`),
    oneOf('tally_results_rule_check', t.rule, RULES),
    oneOf('tally_results_tie_break_check', t.tieBreak, TIE_BREAKS),
  ],
);

/**
 * What happened to a winning project after the vote: one row per update posted by an admin. A
 * correction rewrites the row and keeps every earlier version in `corrections`, so the public sees
 * that and when it was corrected. Nothing is deleted.
 */
export const implementationUpdates = pgTable(
  'implementation_updates',
  {
    id: serial('id').primaryKey(),
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id),
    status: text('status', { enum: IMPLEMENTATION_STATUSES }).notNull(),
    text: text('text').notNull(),
    date: date('date', { mode: 'string' }).notNull(),
    spent: money('spent'),
    contractor: text('contractor'),
    reason: text('reason'),
    createdBy: integer('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    correctedAt: timestamp('corrected_at', { withTimezone: true }),
    correctedBy: integer('corrected_by').references(() => users.id),
    corrections: jsonb('corrections')
      .notNull()
      .default(sql`'[]'::jsonb`),
  },
  (t) => [
    index('implementation_updates_project_idx').on(t.projectId, t.date, t.id),
    check('implementation_updates_status', sql`${t.status} in ('in_progress', 'implemented', 'cancelled')`),
    check('implementation_updates_spent_nonneg', sql`${t.spent} >= 0`),
    check('implementation_updates_cancel_reason', sql`${t.status} <> 'cancelled' OR ${t.reason} IS NOT NULL`),
  ],
);

/**
 * Photos of the works at an update, in the order added. The bytes are a media row owned through
 * media_id and deleted with this row by the media_delete_owned() trigger (custom migration).
 */
export const implementationPhotos = pgTable(
  'implementation_photos',
  {
    id: serial('id').primaryKey(),
    updateId: integer('update_id')
      .notNull()
      .references(() => implementationUpdates.id, { onDelete: 'cascade' }),
    mediaId: integer('media_id')
      .notNull()
      .unique()
      .references(() => media.id),
    createdBy: integer('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('implementation_photos_update_idx').on(t.updateId, t.id)],
);

/**
 * A keyed hash of the address an account registered from (HMAC with a key derived from
 * VOTER_KEY_SECRET), for one signal only: many accounts from one address during a vote. Never the
 * address itself; dropped once no unpublished edition's voting window covers the registration
 * (signals.repository.ts, purgeAddresses).
 */
export const registrationAddresses = pgTable(
  'registration_addresses',
  {
    userId: integer('user_id')
      .primaryKey()
      .references(() => users.id, { onDelete: 'cascade' }),
    addressHash: bytea('address_hash').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index('registration_addresses_at_idx').on(t.createdAt),
    index('registration_addresses_hash_idx').on(t.addressHash),
  ],
);

/**
 * A sign-in through an identity provider between the redirect out and the callback. In the database,
 * not in memory: the callback may reach another API process than the one that started it. The row
 * is deleted by the callback that uses it (one statement), so a state works once.
 */
export const oidcLogins = pgTable(
  'oidc_logins',
  {
    state: text('state').primaryKey(),
    nonce: text('nonce').notNull(),
    codeVerifier: text('code_verifier').notNull(),
    returnTo: text('return_to').notNull(),
    /** SHA-256 of the random value in the browser's cookie: the callback must come from that browser. */
    bindingHash: bytea('binding_hash').notNull(),
    /** Set when a signed-in account started the flow to link the provider to itself. */
    linkUserId: integer('link_user_id').references(() => users.id, { onDelete: 'cascade' }),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('oidc_logins_expires_idx').on(t.expiresAt)],
);

/**
 * One-time tickets the callback hands the web app in its redirect, exchanged for a token. Only the
 * SHA-256 of the ticket is kept, so a read of the table cannot be turned into a sign-in.
 */
export const authTickets = pgTable(
  'auth_tickets',
  {
    ticketHash: bytea('ticket_hash').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('auth_tickets_expires_idx').on(t.expiresAt)],
);
