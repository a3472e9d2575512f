import { lineTotal, type ProjectStatus } from '@bu/shared';
import type { ProjectEventAction } from '../db/schema.js';
import type { Db } from '../db/client.js';
import type { CategoryRow } from '../modules/editions/editions.repository.js';
import { projectsRepository } from '../modules/projects/projects.repository.js';
import { snapshotOf } from '../modules/projects/projects.dto.js';

type Item = [name: string, quantity: number, unitCostUah: number];
interface DemoProject {
  category: number;
  title: string;
  summary: string;
  description: string;
  address: string;
  items: Item[];
  outcome: 'admit' | 'reject' | 'return';
  reason?: string;
  showAuthorName?: boolean;
}

/** A dozen realistic projects across the four categories, with the working group's decisions. */
export const DEMO_PROJECTS: DemoProject[] = [
  {
    category: 0,
    title: 'Освітлення та тротуар на вул. Тролейбусній',
    summary: 'Нове LED-освітлення і тротуар уздовж вулиці, якою діти ходять до школи.',
    description:
      'Вулиця Тролейбусна не має тротуару на ділянці 600 м і освітлена лише двома ліхтарями. Проєкт передбачає влаштування тротуару з бруківки та 18 опор LED-освітлення.',
    address: 'вул. Тролейбусна, 1–45',
    items: [
      ['Тротуар із бруківки, м²', 900, 1650],
      ['Опора LED-освітлення з монтажем', 18, 45000],
    ],
    outcome: 'admit',
    showAuthorName: true,
  },
  {
    category: 0,
    title: 'Ремонт тротуару на вул. Бельведерській',
    summary: 'Заміна зруйнованого асфальту на тротуарну плитку.',
    description:
      'Тротуар на вул. Бельведерській зруйнований, після дощу утворюються калюжі. Заміна покриття, бордюрів і водовідведення на ділянці 400 м.',
    address: 'вул. Бельведерська, 20–60',
    items: [
      ['Тротуарна плитка з укладанням, м²', 800, 1700],
      ['Бордюр, пог. м', 400, 850],
    ],
    outcome: 'admit',
  },
  {
    category: 0,
    title: 'Безпечний перехід біля школи №11',
    summary: 'Острівець безпеки, підсвічування переходу та «лежачий поліцейський».',
    description:
      'Через вул. Каскадну щодня переходять понад 300 учнів. Проєкт робить перехід безпечним: острівець, підсвічування, знаки зі світловідбиттям.',
    address: 'вул. Каскадна, 9',
    items: [
      ['Острівець безпеки', 1, 420000],
      ['Підсвічування переходу', 2, 185000],
      ['Штучна нерівність', 2, 80000],
    ],
    outcome: 'admit',
    showAuthorName: true,
  },
  {
    category: 1,
    title: 'Сучасний STEM-клас у ліцеї №23',
    summary: 'Робототехніка, 3D-друк і набори для експериментів.',
    description:
      'Клас для занять робототехнікою та природничими науками: 15 наборів робототехніки, два 3D-принтери, інтерактивна панель і меблі.',
    address: 'вул. Вовчинецька, 194, ліцей №23',
    items: [
      ['Набір робототехніки', 15, 28000],
      ['3D-принтер', 2, 65000],
      ['Інтерактивна панель', 1, 230000],
    ],
    outcome: 'admit',
  },
  {
    category: 1,
    title: 'Інклюзивний простір у ДНЗ «Казка»',
    summary: 'Сенсорна кімната для дітей з особливими освітніми потребами.',
    description:
      'Сенсорна кімната з м’якими модулями, світловими та звуковими панелями для 40 дітей садочка.',
    address: 'вул. Миколайчука, 11, ДНЗ «Казка»',
    items: [
      ['М’які модулі', 6, 25000],
      ['Світлова панель', 3, 40000],
    ],
    outcome: 'admit',
    showAuthorName: true,
  },
  {
    category: 1,
    title: 'Бібліотека-коворкінг для підлітків',
    summary: 'Простір для навчання й зустрічей у бібліотеці №3.',
    description: 'Оновлення читальної зали: меблі, ноутбуки для роботи, Wi-Fi і зона для настільних ігор.',
    address: 'вул. Хоткевича, 50, бібліотека №3',
    items: [
      ['Комплект меблів', 1, 250000],
      ['Ноутбук', 12, 30000],
    ],
    outcome: 'admit',
  },
  {
    category: 1,
    title: 'Укриття-клас у гімназії №3',
    summary: 'Облаштування підвалу гімназії як класу-укриття.',
    description: 'Ремонт підвального приміщення, вентиляція та меблі, щоб уроки тривали під час тривог.',
    address: 'вул. Шевченка, 3, гімназія №3',
    items: [['Ремонт приміщення', 1, 900000]],
    outcome: 'reject',
    reason:
      'Облаштування укриттів фінансується з окремої міської програми, тому проєкт не відповідає умовам Положення (п. 4.3).',
  },
  {
    category: 2,
    title: 'Дитячий майданчик у дворі на вул. Хоткевича',
    summary: 'Безпечний майданчик із гумовим покриттям для дітей 3–12 років.',
    description:
      'Замість старих металевих гойдалок — сучасний ігровий комплекс, гумове покриття та лавки для батьків.',
    address: 'вул. Хоткевича, 48',
    items: [
      ['Ігровий комплекс', 1, 520000],
      ['Гумове покриття, м²', 180, 1800],
      ['Лавка', 6, 7500],
    ],
    outcome: 'admit',
  },
  {
    category: 2,
    title: 'Вуличні тренажери в парку Шевченка',
    summary: 'Майданчик із 12 вуличними тренажерами.',
    description: 'Безкоштовний спортивний майданчик для дорослих і літніх людей біля головної алеї парку.',
    address: 'парк ім. Т. Шевченка',
    items: [
      ['Вуличний тренажер', 12, 38000],
      ['Покриття, м²', 60, 1400],
    ],
    outcome: 'admit',
    showAuthorName: true,
  },
  {
    category: 2,
    title: 'Павільйон зупинки «Вокзал» з укриттям від дощу',
    summary: 'Новий павільйон з лавками та табло прибуття.',
    description:
      'Старий павільйон не захищає від дощу. Новий — з дахом, лавками, освітленням і електронним табло.',
    address: 'вул. Стуса, зупинка «Вокзал»',
    items: [
      ['Павільйон', 1, 380000],
      ['Електронне табло', 1, 95000],
    ],
    outcome: 'return',
    reason: 'Додайте погодження КП «Електроавтотранс» і уточніть кошторис монтажу табло.',
  },
  {
    category: 3,
    title: 'Сад пам’яті: 100 дерев на Пасічній',
    summary: 'Висадка 100 дерев і крапельне зрошення.',
    description:
      'Алея пам’яті загиблих захисників: 100 саджанців липи та клена, крапельне зрошення, інформаційний знак.',
    address: 'вул. Пасічна, сквер',
    items: [
      ['Саджанець з посадкою', 100, 2400],
      ['Крапельне зрошення', 1, 120000],
      ['Інформаційний знак', 1, 20000],
    ],
    outcome: 'admit',
  },
  {
    category: 3,
    title: 'Станції сортування відходів у мікрорайоні Каскад',
    summary: 'Шість майданчиків для роздільного збору відходів.',
    description: 'Контейнери для пластику, скла, паперу й органіки з навісами та інформаційними табличками.',
    address: 'мікрорайон Каскад',
    items: [['Майданчик сортування', 6, 43000]],
    outcome: 'admit',
  },
  {
    category: 3,
    title: 'Зелений дах для бібліотеки №5',
    summary: 'Озеленення даху бібліотеки з терасою для читання.',
    description:
      'Екстенсивне озеленення 150 м² даху, що знижує перегрів будівлі влітку, і невелика тераса для читачів.',
    address: 'вул. Незалежності, 40, бібліотека №5',
    items: [
      ['Озеленення даху, м²', 150, 2600],
      ['Тераса', 1, 75000],
    ],
    outcome: 'admit',
  },
];

const DECIDED = { admit: 'admitted', reject: 'rejected', return: 'returned' } as const;

export async function seedDemoProjects(
  tx: Db,
  editionId: number,
  categories: CategoryRow[],
  authorId: number,
  reviewerId: number,
  submissionStart: Date,
) {
  const repo = projectsRepository(tx);
  for (const [i, d] of DEMO_PROJECTS.entries()) {
    const costItems = d.items.map(([name, quantity, uah]) => ({
      name,
      quantity,
      unitCost: uah * 100,
      total: lineTotal({ quantity, unitCost: uah * 100 }),
    }));
    const submittedAt = new Date(submissionStart.getTime() + (i + 1) * 86_400_000);
    const decidedAt = new Date(submittedAt.getTime() + 30 * 86_400_000);
    const row = await repo.create(
      {
        editionId,
        categoryId: categories[d.category]!.id,
        authorId,
        title: d.title,
        summary: d.summary,
        description: d.description,
        address: d.address,
        costItems,
        totalCost: costItems.reduce((s, c) => s + c.total, 0),
        status: DECIDED[d.outcome],
        showAuthorName: d.showAuthorName ?? false,
        firstSubmittedAt: submittedAt,
        lastSubmittedAt: submittedAt,
        createdAt: submittedAt,
        updatedAt: decidedAt,
      },
      tx,
    );
    await repo.addRevision(row.id, 1, snapshotOf(row), tx);
    const event = (
      action: ProjectEventAction,
      actorId: number,
      from: ProjectStatus | null,
      to: ProjectStatus,
      at: Date,
      reason: string | null = null,
    ) =>
      repo.addEvent(
        { projectId: row.id, actorId, action, fromStatus: from, toStatus: to, reason, revision: 1, at },
        tx,
      );
    await event('create', authorId, null, 'draft', submittedAt);
    await event('submit', authorId, 'draft', 'submitted', submittedAt);
    await event(d.outcome, reviewerId, 'submitted', DECIDED[d.outcome], decidedAt, d.reason ?? null);
  }
}
