import {
  useId,
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from 'react';
import { useTranslation } from 'react-i18next';

interface Common {
  label: string;
  error?: string | undefined;
  hint?: string | undefined;
}

/**
 * Label, control, hint and error wired together: the label names the control, the hint and the error
 * are read after it (aria-describedby), and aria-invalid marks a field that needs fixing.
 */
function useFieldIds(error: string | undefined, hint: string | undefined, given?: string) {
  // A given id lets a list of problems link to the field; otherwise a generated one.
  const generated = useId();
  const id = given ?? generated;
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  const control = { id, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy };
  return { id, hintId, errorId, control };
}
type FieldIds = ReturnType<typeof useFieldIds>;

function Extras({
  hint,
  hintId,
  error,
  errorId,
}: {
  hint?: string | undefined;
  hintId?: string | undefined;
  error?: string | undefined;
  errorId?: string | undefined;
}) {
  return (
    <>
      {hint && (
        <p className="field-hint" id={hintId}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      )}
    </>
  );
}

/** A label's text with the required mark (seen, and read as «обов’язкове»). */
export function LabelText({ label, required }: { label: string; required: boolean | undefined }) {
  const { t } = useTranslation();
  return (
    <>
      {label}
      {required && (
        <span className="required" title={t('form.required')}>
          {' '}
          *<span className="visually-hidden"> ({t('form.required')})</span>
        </span>
      )}
    </>
  );
}

/** The frame of a text-like field: the label above the control, the hint and the error below it. */
function Labelled({
  ids,
  label,
  required,
  hint,
  error,
  children,
}: Common & { ids: FieldIds; required: boolean | undefined; children: ReactNode }) {
  return (
    <div className={'field' + (error ? ' has-error' : '')}>
      <label htmlFor={ids.id}>
        <LabelText label={label} required={required} />
      </label>
      {children}
      <Extras hint={hint} hintId={ids.hintId} error={error} errorId={ids.errorId} />
    </div>
  );
}

export function TextField({
  label,
  error,
  hint,
  id,
  ...input
}: Common & InputHTMLAttributes<HTMLInputElement>) {
  const ids = useFieldIds(error, hint, id);
  return (
    <Labelled ids={ids} label={label} required={input.required} hint={hint} error={error}>
      <input {...ids.control} {...input} />
    </Labelled>
  );
}

export function TextArea({
  label,
  error,
  hint,
  id,
  ...input
}: Common & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const ids = useFieldIds(error, hint, id);
  return (
    <Labelled ids={ids} label={label} required={input.required} hint={hint} error={error}>
      <textarea {...ids.control} {...input} />
    </Labelled>
  );
}

export function SelectField({
  label,
  error,
  hint,
  children,
  id,
  ...select
}: Common & SelectHTMLAttributes<HTMLSelectElement> & { children: ReactNode }) {
  const ids = useFieldIds(error, hint, id);
  return (
    <Labelled ids={ids} label={label} required={select.required} hint={hint} error={error}>
      <select {...ids.control} {...select}>
        {children}
      </select>
    </Labelled>
  );
}

export function CheckboxField({
  label,
  error,
  hint,
  ...input
}: Common & InputHTMLAttributes<HTMLInputElement>) {
  const ids = useFieldIds(error, hint);
  return (
    <div className={'field field-checkbox' + (error ? ' has-error' : '')}>
      <input type="checkbox" {...ids.control} {...input} />
      <label htmlFor={ids.id}>{label}</label>
      <Extras hint={hint} hintId={ids.hintId} error={error} errorId={ids.errorId} />
    </div>
  );
}

/**
 * The form's live region: always in the page (so that screen readers notice when it fills), it
 * announces a summary of field errors or the failure of the whole request.
 */
export function FormStatus({
  error,
  success,
}: {
  error?: string | null | undefined;
  success?: string | null | undefined;
}) {
  return (
    <div className="form-status">
      <div aria-live="assertive" aria-atomic="true">
        {error && (
          <p className="alert alert-error" role="alert">
            {error}
          </p>
        )}
      </div>
      <div aria-live="polite" aria-atomic="true">
        {success && <p className="alert alert-success">{success}</p>}
      </div>
    </div>
  );
}

/** A form's submit button: says that the form is being sent, and cannot be pressed twice meanwhile. */
export function SubmitButton({ busy, children }: { busy: boolean; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <button type="submit" className="button" disabled={busy}>
      {busy ? t('form.sending') : children}
    </button>
  );
}
