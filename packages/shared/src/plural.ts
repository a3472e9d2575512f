/** The Ukrainian forms of a noun after a number: 1 проєкт, 2 проєкти, 5 проєктів, 1,5 проєкта. */
export interface PluralForms {
  one: string;
  few: string;
  many: string;
  /** Fractions; integers never take it. */
  other: string;
}

// One instance: building PluralRules is the costly part, choosing a form is cheap.
const rules = new Intl.PluralRules('uk');

/** The form of the noun that goes with `n` (CLDR rules, the same ones i18next uses on the web). */
export function pluralUk(n: number, forms: PluralForms): string {
  return forms[rules.select(n) as keyof PluralForms] ?? forms.other;
}

/** `n` and its noun: countUk(3, PROJECTS) → «3 проєкти». */
export function countUk(n: number, forms: PluralForms): string {
  return `${n} ${pluralUk(n, forms)}`;
}
