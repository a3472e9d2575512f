import { lineTotal, type ProjectStatus } from '@bu/shared';
import type { ProjectEventAction } from '../db/schema.js';
import type { Db } from '../db/client.js';
import { editionsRepository } from '../modules/editions/editions.repository.js';
import { projectsRepository } from '../modules/projects/projects.repository.js';
import { snapshotOf } from '../modules/projects/projects.dto.js';

const DAY = 86_400_000;
const UAH = 100;

/** The calendar year of an instant in Kyiv, for titles that match their dates. */
export const kyivYear = (d: Date) =>
  Number(new Intl.DateTimeFormat('en-CA', { year: 'numeric', timeZone: 'Europe/Kyiv' }).format(d));

type Item = [name: string, quantity: number, unitCostUah: number];
type State = 'draft' | 'submitted' | 'returned';

/** School projects at every step an author or a reviewer meets while submission is open. */
const SCHOOL_PROJECTS: { title: string; summary: string; address: string; items: Item[]; state: State }[] = [
  {
    title: 'Шкільна медіатека в ліцеї № 3',
    summary: 'Комп’ютери, стелажі та зручні місця для читання на перерві.',
    address: 'вул. Шевченка, 12',
    items: [
      ['Ноутбук для медіатеки', 6, 21_000],
      ['Стелаж книжковий', 8, 4_500],
    ],
    state: 'submitted',
  },
  {
    title: 'Спортивний майданчик для гімназії № 5',
    summary: 'Гумове покриття, турнік і бруси на місці старого асфальту.',
    address: 'вул. Січових Стрільців, 40',
    items: [
      ['Гумове покриття, м²', 120, 950],
      ['Комплекс турніків і брусів', 1, 38_000],
    ],
    state: 'submitted',
  },
  {
    title: 'Робототехніка для початкової школи № 11',
    summary: 'Навчальні набори конструкторів і планшети для гуртка.',
    address: 'вул. Миру, 7',
    items: [
      ['Набір конструктора з датчиками', 10, 7_800],
      ['Планшет для програмування', 5, 9_500],
    ],
    state: 'submitted',
  },
  {
    title: 'Укриття: облаштування класу в підвалі школи № 2',
    summary: 'Освітлення, вентиляція і парти, щоб навчання не зупинялося під час тривоги.',
    address: 'вул. Галицька, 25',
    items: [
      ['Вентиляційна установка з монтажем', 1, 85_000],
      ['Парта з двома стільцями', 15, 3_200],
    ],
    state: 'submitted',
  },
  {
    title: 'Зелений клас у дворі ліцею № 4',
    summary: 'Лавки, навіс і дошка для уроків просто неба.',
    address: 'вул. Незалежності, 60',
    items: [
      ['Навіс дерев’яний', 1, 64_000],
      ['Лавка', 10, 2_900],
    ],
    state: 'returned',
  },
  {
    title: 'Музична студія для школи мистецтв',
    summary: 'Чернетка: звукоізоляція і інструменти.',
    address: 'вул. Мазепи, 15',
    items: [['Цифрове піаніно', 2, 28_000]],
    state: 'draft',
  },
];

const RETURN_REASON =
  'Додайте, будь ласка, погодження директора ліцею на розміщення навісу та уточніть розміри ділянки.';

/**
 * A school participatory budget (docs/rules.md, "Domain": a school budget is an edition of its own)
 * whose submission is open now, so the demo author can submit and the demo reviewer finds projects
 * waiting for a decision.
 */
export async function seedSchoolEdition(
  tx: Db,
  o: { now: number; adminId: number; authorId: number; reviewerId: number },
) {
  const submissionStart = new Date(o.now - 12 * DAY);
  const votingStart = new Date(o.now + 45 * DAY);
  const editions = editionsRepository(tx);
  const edition = await editions.create(
    {
      title: `Шкільний бюджет участі ${kyivYear(votingStart)}`,
      description:
        'Учні та вчителі пропонують, як змінити свої школи. Подання проєктів триває; голосують учні від 14 років і мешканці громади.',
      totalFund: 2_000_000 * UAH,
      submissionStart,
      submissionEnd: new Date(o.now + 18 * DAY),
      reviewEnd: new Date(o.now + 38 * DAY),
      votingStart,
      votingEnd: new Date(o.now + 55 * DAY),
      minVoterAge: 14,
      eligibility: 'residents',
      tallyRule: 'greedy',
      tieBreak: 'earlier_submission',
      minVotes: 0,
      resultsVisibleDuringVoting: false,
      createdBy: o.adminId,
    },
    tx,
  );
  const category = await editions.createCategory(
    {
      editionId: edition.id,
      name: 'Шкільні проєкти',
      description: 'Обладнання, простори й заняття для шкіл громади.',
      fund: 2_000_000 * UAH,
      minCost: 20_000 * UAH,
      maxCost: 200_000 * UAH,
      maxVotes: 2,
      position: 0,
    },
    tx,
  );
  const projects = projectsRepository(tx);
  for (const [i, d] of SCHOOL_PROJECTS.entries()) {
    const costItems = d.items.map(([name, quantity, uah]) => ({
      name,
      quantity,
      unitCost: uah * UAH,
      total: lineTotal({ quantity, unitCost: uah * UAH }),
    }));
    const createdAt = new Date(submissionStart.getTime() + (i + 1) * DAY);
    const submitted = d.state !== 'draft';
    const row = await projects.create(
      {
        editionId: edition.id,
        categoryId: category!.id,
        authorId: o.authorId,
        title: d.title,
        summary: d.summary,
        description: `${d.summary} Проєкт подано до шкільного бюджету участі; адреса: ${d.address}.`,
        address: d.address,
        costItems,
        totalCost: costItems.reduce((s, c) => s + c.total, 0),
        status: d.state,
        firstSubmittedAt: submitted ? createdAt : null,
        lastSubmittedAt: submitted ? createdAt : null,
        createdAt,
        updatedAt: createdAt,
      },
      tx,
    );
    const event = (
      action: ProjectEventAction,
      actorId: number,
      from: ProjectStatus | null,
      to: ProjectStatus,
      at: Date,
      reason?: string,
    ) =>
      projects.addEvent(
        {
          projectId: row.id,
          actorId,
          action,
          fromStatus: from,
          toStatus: to,
          reason: reason ?? null,
          revision: 1,
          at,
        },
        tx,
      );
    await event('create', o.authorId, null, 'draft', createdAt);
    if (!submitted) continue;
    await projects.addRevision(row.id, 1, snapshotOf(row), tx);
    await event('submit', o.authorId, 'draft', 'submitted', createdAt);
    if (d.state === 'returned')
      await event(
        'return',
        o.reviewerId,
        'submitted',
        'returned',
        new Date(createdAt.getTime() + 2 * DAY),
        RETURN_REASON,
      );
  }
  return edition;
}
