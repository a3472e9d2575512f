import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { ApiError } from '../api/errors';
import { errorMessage } from './errors';
import { serverFieldErrors, zodFieldErrors, type FieldErrors } from './validation';

/**
 * Field errors and the form-level message, filled from the shared zod schema before sending and
 * from the server's `details` after; `_form` holds a problem that belongs to no single field.
 */
export function useFormErrors() {
  const { t } = useTranslation();
  const [fields, setFields] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);

  const summarise = useCallback(
    (errs: FieldErrors) => {
      const { _form, ...rest } = errs;
      const count = Object.keys(rest).length;
      setFields(rest);
      setFormError(_form ?? (count > 0 ? t('form.fixErrors', { count }) : null));
    },
    [t],
  );

  const fromZod = useCallback(
    (err: z.ZodError, extra: FieldErrors = {}) => summarise({ ...zodFieldErrors(err, t), ...extra }),
    [summarise, t],
  );

  /** Maps a failed call; `byCode` names a translated message for a code the form knows. */
  const fromApi = useCallback(
    (err: unknown, byCode: Record<string, string> = {}) => {
      if (err instanceof ApiError && err.code in byCode) {
        setFields({});
        setFormError(byCode[err.code] ?? null);
        return;
      }
      if (err instanceof ApiError && err.details.length > 0) {
        summarise(serverFieldErrors(err.details));
        return;
      }
      setFields({});
      setFormError(errorMessage(err, t));
    },
    [summarise, t],
  );

  const clear = useCallback(() => {
    setFields({});
    setFormError(null);
  }, []);

  return { fields, formError, fromZod, fromApi, summarise, clear };
}
