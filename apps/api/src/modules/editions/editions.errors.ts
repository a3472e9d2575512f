import { AppError } from '../../shared/errors.js';
import { formatUah } from '@bu/shared';

export const editionErrors = {
  notFound: () => new AppError('NOT_FOUND', 'Конкурс не знайдено'),
  categoryNotFound: () => new AppError('NOT_FOUND', 'Категорію не знайдено'),
  rulesLocked: (fields: string[]) =>
    new AppError(
      'RULES_LOCKED',
      'Голосування вже почалося: правила, що визначають голоси, змінювати не можна (дозволено лише змінити дати голосування)',
      fields.map((field) => ({ field: `body.${field}`, message: 'Заблоковано з початком голосування' })),
    ),
  resultsPublished: (fields: string[]) =>
    new AppError(
      'RESULTS_PUBLISHED',
      'Результати вже оприлюднено: дати конкурсу змінювати не можна',
      fields.map((field) => ({ field: `body.${field}`, message: 'Заблоковано після оприлюднення' })),
    ),
  fundExceeded: (totalFund: number, inUse: number, field: string) =>
    new AppError(
      'FUND_EXCEEDED',
      `Сума фондів категорій (${formatUah(inUse)}) перевищує загальний фонд конкурсу (${formatUah(totalFund)})`,
      [{ field: `body.${field}`, message: 'Перевищено загальний фонд' }],
    ),
  categoryInUse: () =>
    new AppError(
      'CATEGORY_IN_USE',
      'У категорії вже є проєкти: її не можна видалити, лише перейменувати або змінити її параметри',
    ),
  categoryNameTaken: () =>
    new AppError('CONFLICT', 'Категорія з такою назвою вже є в цьому конкурсі', [
      { field: 'body.name', message: 'Назва зайнята' },
    ]),
};
