import { UPDATE_PHOTO_LIMITS } from '@bu/shared';
import { AppError } from '../../shared/errors.js';

export const implementationErrors = {
  projectNotFound: () => new AppError('NOT_FOUND', 'Проєкт не знайдено'),
  updateNotFound: () => new AppError('NOT_FOUND', 'Оновлення не знайдено'),
  notWinner: () =>
    new AppError(
      'PROJECT_NOT_WINNER',
      'Оновлення про реалізацію можна додавати лише до проєктів-переможців оприлюдненого підсумку',
    ),
  dateOutOfRange: (from: string, to: string) =>
    new AppError(
      'VALIDATION_FAILED',
      `Дата має бути між ${from} (завершення голосування) і сьогоднішнім днем`,
      [{ field: 'body.date', message: `Дата поза межами ${from} — ${to}` }],
    ),
  tooManyPhotos: () =>
    new AppError(
      'TOO_MANY_IMAGES',
      `До одного оновлення можна додати не більше ${UPDATE_PHOTO_LIMITS.maxPhotos} фото`,
      [{ field: 'file', message: `Не більше ${UPDATE_PHOTO_LIMITS.maxPhotos} фото` }],
    ),
  notPublished: () => new AppError('NOT_FOUND', 'Підсумки цього конкурсу ще не оприлюднено'),
};
