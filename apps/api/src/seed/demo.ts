import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { editions } from '../db/schema.js';
import { editionsRepository } from '../modules/editions/editions.repository.js';
import { usersRepository } from '../modules/users/users.repository.js';
import { hashPassword } from '../modules/users/passwords.js';
import { identityService } from '../modules/voting/identity.service.js';
import { seedDemoProjects } from './demo-projects.js';
import { seedPastEdition } from './demo-past.js';
import { kyivYear, seedSchoolEdition } from './demo-school.js';
import { cnapRepository } from '../modules/cnap/cnap.repository.js';

const DAY = 86_400_000;
const UAH = 100;

/**
 * Valid demo taxpayer numbers (РНОКПП): the demo resident's, and one of a person with no account,
 * for trying a paper ballot at ЦНАП. Shown in the README; they exist only in demo databases.
 */
export const DEMO_TAX_IDS = { resident: '2935412347', paperVoter: '2271243212' } as const;

/** Demo accounts, shown in the README: they exist only where DEMO_SEED loaded the demo. */
export const DEMO_ACCOUNTS = {
  admin: { email: 'admin@demo.local', password: 'demo-admin-2024', fullName: 'Олена Адміністраторка' },
  resident: { email: 'resident@demo.local', password: 'demo-resident-2024', fullName: 'Петро Мешканець' },
  reviewer: { email: 'reviewer@demo.local', password: 'demo-reviewer-2024', fullName: 'Ірина Робоча-Група' },
  author: { email: 'author@demo.local', password: 'demo-author-2024', fullName: 'Андрій Автор' },
  operator: {
    email: 'operator@demo.local',
    password: 'demo-operator-2024',
    fullName: 'Оксана Операторка ЦНАП',
  },
} as const;

/**
 * The demo: an edition modelled on Ivano-Frankivsk 2023 (docs/rules.md, "Scale to design for": four
 * categories, 25.5 M UAH, one vote per category) in its voting phase, last year's edition with
 * published results, and a school budget taking submissions with projects waiting for the working
 * group — so every role has something to do at once. Dates are placed around "now"; titles carry the
 * year their voting falls in.
 */
export async function seedDemo(db: Db, opts: { voterKeySecret: string; now?: Date }): Promise<boolean> {
  const now = opts.now ?? new Date();
  return db.transaction(async (tx) => {
    // Only into an empty database: the demo never mixes with real data.
    const [{ n }] = (await tx.select({ n: sql<number>`count(*)::int` }).from(editions)) as [{ n: number }];
    if (n > 0) return false;
    const users = usersRepository(tx);
    const admin = await users.create(
      {
        ...pick(DEMO_ACCOUNTS.admin),
        passwordHash: await hashPassword(DEMO_ACCOUNTS.admin.password),
        roles: ['resident', 'admin'],
      },
      tx,
    );
    const resident = await users.create(
      { ...pick(DEMO_ACCOUNTS.resident), passwordHash: await hashPassword(DEMO_ACCOUNTS.resident.password) },
      tx,
    );
    // The demo resident is a verified voter at once, so a newcomer can vote without any set-up.
    await identityService(tx, opts.voterKeySecret).verify(resident!.id, DEMO_TAX_IDS.resident, 'demo', null);
    const reviewer = await users.create(
      {
        ...pick(DEMO_ACCOUNTS.reviewer),
        passwordHash: await hashPassword(DEMO_ACCOUNTS.reviewer.password),
        roles: ['resident', 'reviewer'],
      },
      tx,
    );
    const author = await users.create(
      { ...pick(DEMO_ACCOUNTS.author), passwordHash: await hashPassword(DEMO_ACCOUNTS.author.password) },
      tx,
    );
    const operator = await users.create(
      {
        ...pick(DEMO_ACCOUNTS.operator),
        passwordHash: await hashPassword(DEMO_ACCOUNTS.operator.password),
        roles: ['resident', 'operator'],
      },
      tx,
    );
    const repo = editionsRepository(tx);
    const t = now.getTime();
    const votingStart = new Date(t - 2 * DAY);
    const year = kyivYear(votingStart);
    const edition = await repo.create(
      {
        title: `Бюджет участі ${year}`,
        description:
          'Громадський бюджет міста: мешканці пропонують проєкти, робоча група перевіряє їх, а мешканці голосують онлайн або в ЦНАП. Один голос у кожній категорії.',
        totalFund: 25_500_000 * UAH,
        submissionStart: new Date(t - 90 * DAY),
        submissionEnd: new Date(t - 45 * DAY),
        reviewEnd: new Date(t - 10 * DAY),
        votingStart,
        votingEnd: new Date(t + 19 * DAY),
        minVoterAge: 16,
        eligibility: 'residents',
        tallyRule: 'greedy',
        tieBreak: 'earlier_submission',
        minVotes: 0,
        resultsVisibleDuringVoting: false,
        createdBy: admin?.id ?? null,
      },
      tx,
    );
    const cats = [
      [
        'Благоустрій малих вулиць',
        'Ремонт тротуарів, освітлення та благоустрій невеликих вулиць.',
        12_000_000,
        500_000,
        3_000_000,
      ],
      [
        'Освітні проєкти',
        'Обладнання та простори для шкіл, садочків і бібліотек.',
        8_000_000,
        100_000,
        1_000_000,
      ],
      [
        'Інший благоустрій',
        'Сквери, дитячі та спортивні майданчики, зупинки.',
        4_000_000,
        100_000,
        1_000_000,
      ],
      ['Зелені проєкти', 'Озеленення, енергоощадність, сортування відходів.', 1_500_000, 50_000, 500_000],
    ] as const;
    const categories = [];
    for (const [i, [name, description, fund, minCost, maxCost]] of cats.entries()) {
      const row = await repo.createCategory(
        {
          editionId: edition.id,
          name,
          description,
          fund: fund * UAH,
          minCost: minCost * UAH,
          maxCost: maxCost * UAH,
          maxVotes: 1,
          position: i,
        },
        tx,
      );
      categories.push(row!);
    }
    await seedDemoProjects(tx, edition.id, categories, author!.id, reviewer!.id, edition.submissionStart);
    await seedPastEdition(tx, author!.id, operator!.id, admin!.id, year - 1);
    await seedSchoolEdition(tx, {
      now: t,
      adminId: admin!.id,
      authorId: author!.id,
      reviewerId: reviewer!.id,
    });
    const locations = await cnapRepository(tx).list(tx);
    await users.setLocations(
      operator!.id,
      locations.map((l) => l.id),
      tx,
    );
    return true;
  });
}

const pick = (a: { email: string; fullName: string }) => ({ email: a.email, fullName: a.fullName });
