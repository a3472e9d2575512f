import { countUk, formatUah, type SubmissionField } from '@bu/shared';
import { AppError } from '../../shared/errors.js';

const IMAGES_GEN = { one: 'зображення', few: 'зображень', many: 'зображень', other: 'зображення' };
const DRAFTS_GEN = { one: 'чернетки', few: 'чернеток', many: 'чернеток', other: 'чернетки' };

/** What the author sees missing, in the words of the form (accusative: «заповніть …»). */
const MISSING: Record<SubmissionField, [field: string, what: string, message: string]> = {
  categoryId: ['categoryId', 'категорію', 'Оберіть категорію'],
  summary: ['summary', 'короткий опис', 'Заповніть короткий опис'],
  description: ['description', 'повний опис', 'Заповніть повний опис'],
  location: ['location.address', 'адресу', 'Вкажіть адресу'],
  costItems: ['costItems', 'кошторис', 'Додайте хоча б одну статтю витрат'],
};

export const projectErrors = {
  incomplete: (fields: SubmissionField[], returned = false) =>
    new AppError(
      'PROJECT_INCOMPLETE',
      `${returned ? 'Повернений проєкт має лишатися повним' : 'Проєкт ще не можна подати'}: заповніть ${fields.map((f) => MISSING[f][1]).join(', ')}`,
      fields.map((f) => ({ field: MISSING[f][0], message: MISSING[f][2] })),
      [...fields],
    ),
  notFound: () => new AppError('NOT_FOUND', 'Проєкт не знайдено'),
  notAuthor: () => new AppError('FORBIDDEN', 'Змінювати проєкт може лише його автор'),
  notEditable: (status: string) =>
    new AppError(
      'PROJECT_NOT_EDITABLE',
      `Проєкт у статусі «${status}» не можна змінювати: редагувати можна чернетку або повернений на доопрацювання`,
    ),
  costOutOfRange: (total: number, min: number, max: number) =>
    new AppError(
      'COST_OUT_OF_RANGE',
      `Вартість ${formatUah(total)} поза межами категорії: від ${formatUah(min)} до ${formatUah(max)}`,
      [{ field: 'body.costItems', message: `Від ${formatUah(min)} до ${formatUah(max)}` }],
    ),
  unknownCategory: () =>
    new AppError('VALIDATION_FAILED', 'Категорія не належить до цього конкурсу', [
      { field: 'body.categoryId', message: 'Невідома категорія' },
    ]),
  submissionClosed: () => new AppError('PHASE_CLOSED', 'Подання проєктів зараз не відбувається'),
  resubmissionClosed: () =>
    new AppError('PHASE_CLOSED', 'Етап розгляду завершено: доопрацьований проєкт уже не можна подати'),
  ownProject: () => new AppError('FORBIDDEN', 'Член робочої групи не може розглядати власний проєкт'),
  draftNotCommentable: () =>
    new AppError('NOT_UNDER_REVIEW', 'Чернетку не коментують: коментувати можна лише поданий проєкт'),
  notUnderReview: (status: string) =>
    new AppError('NOT_UNDER_REVIEW', `Проєкт у статусі «${status}» не очікує розгляду`),
  reviewLocked: () =>
    new AppError('RULES_LOCKED', 'Голосування вже почалося: перелік допущених проєктів змінювати не можна'),
  tooManyImages: (max: number) =>
    new AppError('TOO_MANY_IMAGES', `Не більше ${countUk(max, IMAGES_GEN)} на проєкт`),
  accountImageCount: (max: number) =>
    new AppError(
      'IMAGE_LIMIT_ACCOUNT',
      `Не більше ${countUk(max, IMAGES_GEN)} на всіх проєктах одного акаунта: видаліть зображення з чернетки, щоб додати нове`,
      [{ field: 'file', message: 'Досягнуто ліміту зображень акаунта' }],
    ),
  accountImageBytes: (maxBytes: number) =>
    new AppError(
      'IMAGE_LIMIT_ACCOUNT',
      `Зображення всіх проєктів одного акаунта разом не можуть перевищувати ${Math.floor(maxBytes / 1024 / 1024)} МБ: видаліть зображення з чернетки, щоб додати нове`,
      [{ field: 'file', message: 'Досягнуто ліміту обсягу зображень акаунта' }],
    ),
  tooManyDrafts: (max: number) =>
    new AppError(
      'TOO_MANY_DRAFTS',
      `Не більше ${countUk(max, DRAFTS_GEN)} в одному конкурсі: подайте або видаліть одну з наявних`,
    ),
  onlyDraftsDeleted: () => new AppError('PROJECT_NOT_EDITABLE', 'Видалити можна лише чернетку'),
};
