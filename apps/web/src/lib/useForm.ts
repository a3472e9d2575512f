import { useCallback, useState, type FormEvent } from 'react';
import type { z } from 'zod';
import { useFormErrors } from './useFormErrors';

/** What an input's change event carries for a text field, a select or a radio button. */
type Change = { target: { value: string } };

/**
 * The state every simple form keeps: its text values (`set(name)` is the change handler of one
 * input), the field and form errors, `busy` while a request is out, and the success message of the
 * last one. `submit` wraps a submit handler: the browser's submission is stopped, the last success
 * message cleared, and whatever the handler throws is shown (at the fields the server names, or for
 * the whole form); `busy` lasts until it settles.
 */
export function useForm<V extends Record<string, string>>(initial: V) {
  const errors = useFormErrors();
  const [values, setValues] = useState(initial);
  const [busy, setBusy] = useState(false);
  const [success, setSuccess] = useState<string | null>(null);

  const set = useCallback(
    (name: keyof V) => (e: Change) => setValues((old) => ({ ...old, [name]: e.target.value })),
    [],
  );
  const reset = useCallback(() => setValues(initial), [initial]);

  /**
   * `validate` is the shared zod schema of the request, checked against the values, or a function
   * that returns the data to send (undefined once it has shown what is wrong); `send` then runs with
   * the errors cleared. `onError` may claim a refusal it words itself (returning true).
   */
  function submit<D>(
    validate: z.ZodType<D> | (() => D | undefined),
    send: (data: D) => Promise<void>,
    onError?: (err: unknown) => boolean,
  ) {
    const check =
      typeof validate === 'function'
        ? validate
        : () => {
            const parsed = validate.safeParse(values, { reportInput: true });
            if (parsed.success) return parsed.data;
            errors.fromZod(parsed.error);
            return undefined;
          };
    return async (e: FormEvent) => {
      e.preventDefault();
      setSuccess(null);
      const data = check();
      if (data === undefined) return;
      errors.clear();
      setBusy(true);
      try {
        await send(data);
      } catch (err) {
        if (!onError?.(err)) errors.fromApi(err);
      } finally {
        setBusy(false);
      }
    };
  }

  return { values, setValues, set, reset, errors, busy, success, setSuccess, submit };
}
