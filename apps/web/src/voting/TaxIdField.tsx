import { useId, type InputHTMLAttributes, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { LabelText } from '../components/Field';
import { checkTaxId } from './taxId';

interface Props extends Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange' | 'value'> {
  label: string;
  hint?: string;
  value: string;
  onChange: (value: string) => void;
  /** Show "invalid" even for a number still being typed (after a submit attempt). */
  strict?: boolean;
  /** A refusal about this number from the server, shown in place of the check as typed. */
  error?: string | undefined;
  inputRef?: Ref<HTMLInputElement>;
}

/**
 * A taxpayer number input that says, as it is typed, how many digits are missing, whether the check
 * digit matches and which birth date the number gives. The status is polite live text.
 */
export function TaxIdField({ label, hint, value, onChange, strict, error, inputRef, ...rest }: Props) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const check = checkTaxId(value, t, i18n.language);
  const bad = !!error || check.state === 'invalid' || (strict && check.state !== 'ok');
  const message =
    error ?? (check.state === 'empty' ? (strict ? t('validation.required') : '') : check.message);
  return (
    <div className={'field' + (bad ? ' has-error' : '')}>
      <label htmlFor={id}>
        <LabelText label={label} required={rest.required} />
      </label>
      <input
        id={id}
        ref={inputRef}
        inputMode="numeric"
        autoComplete="off"
        spellCheck={false}
        maxLength={12}
        value={value}
        aria-invalid={bad ? true : undefined}
        aria-describedby={`${id}-hint ${id}-status`}
        onChange={(e) => onChange(e.target.value.replace(/[^\d]/g, '').slice(0, 10))}
        {...rest}
      />
      {hint && (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      <p
        id={`${id}-status`}
        aria-live="polite"
        className={bad ? 'field-error' : check.state === 'ok' ? 'field-ok' : 'field-hint'}
      >
        {!bad && check.state === 'ok' && <span aria-hidden="true">✓ </span>}
        {message}
      </p>
    </div>
  );
}
