import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { lineTotal } from '@bu/shared';
import { prng } from '@bu/tally';
import type { Db } from '../db/client.js';
import { categories, cnapLocations, editions, paperBallots, projects, voters, votes } from '../db/schema.js';
import { and, asc, eq } from 'drizzle-orm';
import { implementationService } from '../modules/implementation/implementation.service.js';
import { processImage } from '../modules/media/media.service.js';
import { resultsService } from '../modules/results/results.service.js';

const DAY = 86_400_000;
const UAH = 100;

/** Past projects: [category, title, cost in UAH, popularity weight]. */
const PAST: [number, string, number, number][] = [
  [0, 'Тротуар і освітлення на вул. Симоненка', 2_400_000, 9],
  [0, 'Ремонт тротуару на вул. Гетьмана Мазепи', 1_900_000, 7],
  [0, 'Пішохідний перехід біля ліцею №4', 900_000, 6],
  [0, 'Реконструкція вул. Шухевича', 7_500_000, 3],
  [1, 'Мультимедійний клас у школі №15', 850_000, 8],
  [1, 'Спортивна зала для гімназії №1', 990_000, 7],
  [1, 'Бібліотека STEM для ДНЗ «Сонечко»', 300_000, 4],
  [1, 'Басейн для ліцею №7', 7_200_000, 5],
  [2, 'Скейт-парк у парку Незалежності', 950_000, 9],
  [2, 'Дитячий майданчик на Пасічній', 700_000, 5],
  [2, 'Нові лавки на Вічевому майдані', 200_000, 2],
  [3, 'Сто дерев для Бистрицького лісопарку', 400_000, 6],
  [3, 'Сонячні панелі для бібліотеки №2', 480_000, 5],
  [3, 'Компостні станції в мікрорайоні Пасічна', 150_000, 3],
];

/**
 * A finished edition with votes in both channels and published results, so that results, statistics
 * and open data can be seen at once. Voters are anonymous demo people (random keys, no accounts).
 */
export async function seedPastEdition(
  tx: Db,
  authorId: number,
  operatorId: number,
  adminId: number,
  year: number,
) {
  // Voting from 1 October of that year (Kyiv time), ten days, as the cities run it in autumn.
  const votingStart = new Date(Date.UTC(year, 9, 1) - 3 * 3_600_000);
  const votingEnd = new Date(votingStart.getTime() + 10 * DAY);
  const [e] = await tx
    .insert(editions)
    .values({
      title: `Бюджет участі ${year}`,
      description: 'Минулий конкурс: голосування завершено, переможців оприлюднено.',
      totalFund: 25_500_000 * UAH,
      submissionStart: new Date(votingStart.getTime() - 120 * DAY),
      submissionEnd: new Date(votingStart.getTime() - 80 * DAY),
      reviewEnd: new Date(votingStart.getTime() - 20 * DAY),
      votingStart,
      votingEnd,
      minVoterAge: 16,
      eligibility: 'residents',
      tallyRule: 'greedy',
      tieBreak: 'earlier_submission',
      minVotes: 0,
      createdBy: adminId,
    })
    .returning();
  const funds = [12_000_000, 8_000_000, 4_000_000, 1_500_000];
  const names = ['Благоустрій малих вулиць', 'Освітні проєкти', 'Інший благоустрій', 'Зелені проєкти'];
  const cats = await tx
    .insert(categories)
    .values(
      names.map((name, i) => ({
        editionId: e!.id,
        name,
        fund: funds[i]! * UAH,
        minCost: 0,
        maxCost: funds[i]! * UAH,
        maxVotes: 1,
        position: i,
      })),
    )
    .returning();
  const projectRows = await tx
    .insert(projects)
    .values(
      PAST.map(([c, title, cost], i) => {
        const at = new Date(e!.submissionStart.getTime() + (i + 1) * DAY);
        const items = [{ name: 'Роботи та матеріали', quantity: 1, unitCost: cost * UAH }];
        return {
          editionId: e!.id,
          categoryId: cats[c]!.id,
          authorId,
          title,
          summary: title,
          description: `${title}: проєкт минулого конкурсу.`,
          address: 'Івано-Франківськ',
          costItems: items.map((x) => ({ ...x, total: lineTotal(x) })),
          totalCost: cost * UAH,
          status: 'admitted' as const,
          firstSubmittedAt: at,
          lastSubmittedAt: at,
        };
      }),
    )
    .returning();
  const locations = await tx
    .insert(cnapLocations)
    .values([
      { name: 'ЦНАП «Центр»', address: 'вул. Незалежності, 9' },
      { name: 'ЦНАП «Пасічна»', address: 'вул. Пасічна, 48' },
    ])
    .onConflictDoNothing()
    .returning();

  // 1,500 people; each votes in one to four categories, a fifth of them on paper at ЦНАП.
  const rand = prng('demo-2023');
  const ages = prng('demo-ages'); // its own stream, so the votes (and winners) stay as they were
  const people = 1_500;
  const voterRows = await tx
    .insert(voters)
    .values(
      Array.from({ length: people }, (_, i) => ({
        keyHash: createHash('sha256').update(`demo-2023-voter-${i}`).digest(),
        birthDate: `${votingStart.getUTCFullYear() - 17 - (ages() % 65)}-06-01`,
        method: 'demo' as const,
      })),
    )
    .returning({ id: voters.id });
  const rows: (typeof votes.$inferInsert)[] = [];
  for (const [i, v] of voterRows.entries()) {
    const paper = locations.length > 0 && rand() % 5 === 0;
    const at = new Date(votingStart.getTime() + (rand() % (10 * 24)) * 3_600_000);
    let ballotId: number | null = null;
    if (paper) {
      const [b] = await tx
        .insert(paperBallots)
        .values({
          editionId: e!.id,
          serial: `2023-${String(i).padStart(5, '0')}`,
          voterId: v.id,
          fullName: 'Мешканець',
          locationId: locations[rand() % locations.length]!.id,
          operatorId,
          createdAt: at,
        })
        .returning({ id: paperBallots.id });
      ballotId = b!.id;
    }
    for (const [c, cat] of cats.entries()) {
      if (c > 0 && rand() % 3 === 0) continue;
      const options = PAST.map((p, k) => [p, k] as const).filter(([p]) => p[0] === c);
      let pick = rand() % options.reduce((s, [p]) => s + p[3], 0);
      const chosen = options.find(([p]) => (pick -= p[3]) < 0)!;
      rows.push({
        editionId: e!.id,
        categoryId: cat.id,
        projectId: projectRows[chosen[1]]!.id,
        voterId: v.id,
        channel: paper ? 'cnap' : 'online',
        ballotId,
        createdAt: at,
      });
    }
  }
  for (let i = 0; i < rows.length; i += 2_000) await tx.insert(votes).values(rows.slice(i, i + 2_000));

  const results = resultsService(tx);
  const result = await results.run(e!.id, 'greedy', adminId);
  await results.publish(e!.id, result.id, adminId);
  await seedImplementation(tx, e!.id, votingEnd, adminId);
  return e!.id;
}

/** Last year's winners at every stage of implementation, so the «Реалізація» page has a story. */
async function seedImplementation(tx: Db, editionId: number, votingEnd: Date, adminId: number) {
  const winners = await tx
    .select({ id: projects.id, cost: projects.totalCost })
    .from(projects)
    .where(and(eq(projects.editionId, editionId), eq(projects.status, 'winner')))
    .orderBy(asc(projects.id));
  const implementation = implementationService(tx);
  const day = (after: number) => {
    const d = Math.min(votingEnd.getTime() + after * DAY, Date.now());
    return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Kyiv' }).format(d);
  };
  let photos = 0;
  for (const [i, w] of winners.entries()) {
    if (i % 3 === 2) continue; // a third have no update yet
    await implementation.post(
      w.id,
      {
        status: 'in_progress',
        text: 'Укладено договір з підрядником, роботи розпочато.',
        date: day(30),
        spent: Math.round(w.cost * 0.3),
        contractor: i % 2 ? 'КП «Міськсвітло»' : 'ТОВ «Благоустрій-Захід»',
      },
      adminId,
    );
    if (i % 3 !== 0) continue;
    const done = await implementation.post(
      w.id,
      {
        status: 'implemented',
        text: 'Роботи завершено, акт приймання підписано. Дякуємо всім, хто голосував!',
        date: day(60),
        spent: Math.round(w.cost * 0.97),
      },
      adminId,
    );
    // Two finished projects show a photo of the works, through the same pipeline as an upload.
    if (photos++ < 2)
      await implementation.attachPhoto(w.id, done.id, await processImage(await demoPhoto(photos)), adminId);
  }
}

/** A small made-up «photo» (sky, grass, a bench), drawn at seed time: the repository holds no binaries. */
function demoPhoto(n: number) {
  const sky = n % 2 ? '#8ec5ea' : '#f2c48d';
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="640" height="480">
    <rect width="640" height="480" fill="${sky}"/>
    <circle cx="${120 + 360 * (n % 2)}" cy="90" r="45" fill="#fff4b0"/>
    <rect y="300" width="640" height="180" fill="#5c9e4a"/>
    <rect x="200" y="250" width="240" height="22" rx="6" fill="#8a5a2b"/>
    <rect x="200" y="285" width="240" height="18" rx="6" fill="#8a5a2b"/>
    <rect x="220" y="300" width="14" height="60" fill="#444"/>
    <rect x="406" y="300" width="14" height="60" fill="#444"/>
  </svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 80 }).toBuffer();
}
