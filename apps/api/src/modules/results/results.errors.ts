import { AppError } from '../../shared/errors.js';

export const resultErrors = {
  votingNotOver: () => new AppError('PHASE_CLOSED', 'Підрахунок можливий лише після завершення голосування'),
  publishBeforeVotingEnds: () =>
    new AppError('PHASE_CLOSED', 'Оприлюднити результати можна лише після завершення голосування', [
      { field: 'body.resultId', message: 'Голосування ще триває' },
    ]),
  stale: () =>
    new AppError(
      'RESULT_STALE',
      'Голоси змінилися після цього підрахунку: він застарів, підрахуйте ще раз і оприлюдніть новий',
      [{ field: 'body.resultId', message: 'Підрахунок застарів' }],
    ),
  published: () => new AppError('RESULTS_PUBLISHED', 'Результати вже оприлюднено: вони остаточні'),
  inputsChanged: () =>
    new AppError(
      'TALLY_INPUTS_CHANGED',
      'Під час підрахунку змінилися голоси або проєкти. Дочекайтеся завершення внесення бюлетенів і повторіть',
    ),
  notFound: () => new AppError('NOT_FOUND', 'Результатів ще немає'),
  notPublished: () => new AppError('NOT_FOUND', 'Результати ще не оприлюднено'),
  resultNotFound: () =>
    new AppError('NOT_FOUND', 'Такого підрахунку для цього конкурсу немає', [
      { field: 'body.resultId', message: 'Невідомий підрахунок' },
    ]),
};
