import { IMAGE_LIMITS, PROJECT_LIMITS } from '@bu/shared';
import { AppError } from '../../shared/errors.js';

const file = (message: string) => [{ field: 'file', message }];

export const mediaErrors = {
  notMultipart: () =>
    new AppError('UNSUPPORTED_MEDIA_TYPE', 'Очікується multipart/form-data з файлом зображення'),
  noFile: () => new AppError('VALIDATION_FAILED', 'Файл не надіслано', file('Додайте файл')),
  tooManyBytes: () =>
    new AppError(
      'PAYLOAD_TOO_LARGE',
      `Зображення більше за ${PROJECT_LIMITS.maxImageBytes / 1024 / 1024} МБ`,
      file('Завеликий файл'),
    ),
  brokenUpload: () =>
    new AppError('VALIDATION_FAILED', 'Файл пошкоджено або передано не повністю', file('Пошкоджений файл')),
  unsupported: () =>
    new AppError(
      'UNSUPPORTED_MEDIA_TYPE',
      'Приймаються лише цілі зображення JPEG, PNG або WebP',
      file('Непідтримуваний або пошкоджений файл'),
    ),
  undecodable: () =>
    new AppError(
      'UNSUPPORTED_MEDIA_TYPE',
      'Зображення пошкоджене: його не вдалося прочитати',
      file('Пошкоджене зображення'),
    ),
  tooManyPixels: (width: number, height: number) =>
    new AppError(
      'IMAGE_TOO_LARGE',
      `Зображення ${width}×${height} пікселів більше за ${IMAGE_LIMITS.maxPixels / 1_000_000} мегапікселів`,
      file(`Не більше ${IMAGE_LIMITS.maxPixels / 1_000_000} мегапікселів`),
    ),
  notFound: () => new AppError('NOT_FOUND', 'Зображення не знайдено'),
};
