import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  check,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });
const money = (name: string) => bigint(name, { mode: 'number' });
const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

/**
 * A natural person who may vote. The taxpayer number is never stored: only HMAC(VOTER_KEY_SECRET,
 * number), so one person is one row whichever channel they come through (SPEC "Voter identity").
 */
export const voters = pgTable('voters', {
  id: serial('id').primaryKey(),
  keyHash: bytea('key_hash').notNull().unique(),
  birthDate: date('birth_date', { mode: 'string' }).notNull(),
  method: text('method', { enum: ['demo', 'cnap', 'oidc'] }).notNull(),
  verifiedBy: integer('verified_by'),
  createdAt: createdAt(),
});

export const users = pgTable(
  'users',
  {
    id: serial('id').primaryKey(),
    email: text('email').notNull(),
    passwordHash: text('password_hash').notNull(),
    fullName: text('full_name').notNull(),
    roles: text('roles').array().notNull().default(sql`'{resident}'::text[]`),
    voterId: integer('voter_id').references(() => voters.id).unique(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('users_email_key').on(t.email)],
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
    userId: integer('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    locationId: integer('location_id').notNull().references(() => cnapLocations.id, { onDelete: 'cascade' }),
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
    eligibility: text('eligibility', { enum: ['residents', 'residents_students_workers'] }).notNull(),
    tallyRule: text('tally_rule', { enum: ['greedy', 'mes'] }).notNull(),
    tieBreak: text('tie_break', { enum: ['earlier_submission', 'lottery'] }).notNull(),
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
  ],
);

export const categories = pgTable(
  'categories',
  {
    id: serial('id').primaryKey(),
    editionId: integer('edition_id').notNull().references(() => editions.id, { onDelete: 'cascade' }),
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
    check('categories_costs', sql`0 <= ${t.minCost} AND ${t.minCost} <= ${t.maxCost} AND ${t.maxCost} <= ${t.fund}`),
    check('categories_max_votes', sql`${t.maxVotes} >= 1`),
  ],
);

/** Append-only: the app only ever inserts here (SPEC "Audit log"). */
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
