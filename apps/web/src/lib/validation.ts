import type { TFunction } from 'i18next';
import type { z } from 'zod';
import type { FieldProblem } from '../api/errors';

export type FieldErrors = Record<string, string>;

/** Fields whose numbers are kopiykas: their limits are shown in the words of money, not of numbers. */
const MONEY_FIELDS = new Set(['totalFund', 'fund', 'minCost', 'maxCost', 'unitCost', 'totalCost']);

/** Custom (cross-field) rules of the shared schemas, by the field they are reported on. */
const CUSTOM_BY_FIELD: Record<string, string> = {
  minCost: 'validation.minOverMax',
  maxCost: 'validation.maxOverFund',
  submissionStart: 'validation.phaseOrder',
  submissionEnd: 'validation.phaseOrder',
  reviewEnd: 'validation.phaseOrder',
  votingStart: 'validation.phaseOrder',
  votingEnd: 'validation.phaseOrder',
  quantity: 'validation.quantityHundredths',
  reason: 'validation.reasonRequired',
};

/** Lists that must not be empty, by field. */
const ARRAY_MIN_BY_FIELD: Record<string, string> = {
  costItems: 'validation.costItemsMin',
};

/**
 * The shared schemas carry Ukrainian messages; the form shows the reason in the person's language,
 * chosen by the kind of problem, and falls back to the schema's own words.
 */
export function issueMessage(issue: z.core.$ZodIssue, t: TFunction): string {
  const field = String(issue.path[issue.path.length - 1] ?? '');
  const money = MONEY_FIELDS.has(field);
  // With `reportInput`, an empty text field is simply missing, whatever rule it broke first.
  if (
    'input' in issue &&
    issue.input === '' &&
    (issue.code === 'too_small' || issue.code === 'invalid_format')
  ) {
    return t('validation.required');
  }
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'string') {
        return Number(issue.minimum) <= 1
          ? t('validation.required')
          : t('validation.minLength', { count: Number(issue.minimum) });
      }
      if (issue.origin === 'array' && ARRAY_MIN_BY_FIELD[field]) return t(ARRAY_MIN_BY_FIELD[field]);
      if (money) return t(issue.inclusive ? 'validation.moneyNegative' : 'validation.moneyPositive');
      if (issue.inclusive === false) return t('validation.positive', { min: Number(issue.minimum) });
      return t('validation.min', { min: Number(issue.minimum) });
    case 'too_big':
      if (issue.origin === 'string') return t('validation.maxLength', { count: Number(issue.maximum) });
      if (money) return t('validation.moneyTooBig');
      return t('validation.max', { max: Number(issue.maximum) });
    case 'invalid_format':
      if (issue.format === 'email') return t('validation.email');
      if (issue.format === 'datetime') return t('validation.datetime');
      return t('validation.invalid');
    case 'invalid_type':
      // Missing altogether is "required"; something typed that is not a number is a bad amount.
      return money && 'input' in issue && issue.input !== undefined
        ? t('validation.money')
        : t('validation.required');
    case 'invalid_value':
      return t('validation.choose');
    case 'custom': {
      const key = CUSTOM_BY_FIELD[field];
      if (key) return t(key);
      if (issue.path.length === 0) return t('validation.nothingToChange');
      return issue.message;
    }
    default:
      return issue.message || t('validation.invalid');
  }
}

/** zod issues → field errors keyed by dotted path; the first problem of each field wins. */
export function zodFieldErrors(error: z.ZodError, t: TFunction): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join('.') || '_form';
    if (!(key in out)) out[key] = issueMessage(issue, t);
  }
  return out;
}

/**
 * The server's `details` name fields the same way (dotted paths, possibly with a leading "body.");
 * they go under the same keys so the form shows them beside the inputs.
 */
export function serverFieldErrors(details: FieldProblem[]): FieldErrors {
  const out: FieldErrors = {};
  for (const d of details) {
    const key = d.field.replace(/^body[./]/, '').replace(/\//g, '.') || '_form';
    if (!(key in out)) out[key] = d.message;
  }
  return out;
}
