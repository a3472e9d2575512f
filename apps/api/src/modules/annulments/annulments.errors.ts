import { AppError } from '../../shared/errors.js';
import { resultErrors } from '../results/results.errors.js';

export const annulmentErrors = {
  /** Published results are frozen: an annulment would change what was announced. */
  published: resultErrors.published,
  nothingToAnnul: (field: 'userId' | 'taxId' | 'ballotSerial') =>
    new AppError(
      'NOT_FOUND',
      {
        userId: 'У цьому конкурсі немає чинних голосів цього облікового запису',
        taxId: 'У цьому конкурсі немає чинних голосів особи з цим РНОКПП',
        ballotSerial: 'У цьому конкурсі немає чинного паперового бюлетеня з таким номером',
      }[field],
      [{ field: `body.${field}`, message: 'Нічого анулювати' }],
    ),
};
