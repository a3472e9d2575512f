import { countUk, formatUah } from '@bu/shared';
import { AppError } from '../../shared/errors.js';

const IMAGES_GEN = { one: 'зображення', few: 'зображень', many: 'зображень', other: 'зображення' };
const DRAFTS_GEN = { one: 'чернетки', few: 'чернеток', many: 'чернеток', other: 'чернетки' };

export const projectErrors = {
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
  tooManyDrafts: (max: number) =>
    new AppError(
      'TOO_MANY_DRAFTS',
      `Не більше ${countUk(max, DRAFTS_GEN)} в одному конкурсі: подайте або видаліть одну з наявних`,
    ),
  onlyDraftsDeleted: () => new AppError('PROJECT_NOT_EDITABLE', 'Видалити можна лише чернетку'),
};
