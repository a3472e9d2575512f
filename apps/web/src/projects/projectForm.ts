import {
  lineTotal,
  missingForSubmission,
  parseUah,
  type Category,
  type CompleteProjectBody,
  type Project,
  type SubmissionField,
} from '@bu/shared';
import { kopToInput } from '../lib/money';

/** One row of the cost estimate as typed: quantity and unit cost (UAH) are text until sent. */
export interface CostItemValues {
  key: number;
  name: string;
  quantity: string;
  unitCost: string;
}

export interface ProjectFormValues {
  categoryId: string;
  title: string;
  summary: string;
  description: string;
  address: string;
  lat: string;
  lng: string;
  costItems: CostItemValues[];
  showAuthorName: boolean;
}

let nextKey = 1;
/** A stable React key for a new row: rows are added and removed, so the index will not do. */
export const newCostItem = (): CostItemValues => ({ key: nextKey++, name: '', quantity: '1', unitCost: '' });

export function emptyProjectForm(categoryId?: number): ProjectFormValues {
  return {
    categoryId: categoryId ? String(categoryId) : '',
    title: '',
    summary: '',
    description: '',
    address: '',
    lat: '',
    lng: '',
    costItems: [newCostItem()],
    showAuthorName: false,
  };
}

/** Numbers as a Ukrainian types them: "12,5" as well as "12.5". */
const decimal = (n: number) => String(n).replace('.', ',');

export function projectToForm(p: Project): ProjectFormValues {
  const { location } = p;
  return {
    categoryId: p.categoryId === null ? '' : String(p.categoryId),
    title: p.title,
    summary: p.summary ?? '',
    description: p.description ?? '',
    address: location?.address ?? '',
    lat: location?.lat == null ? '' : decimal(location.lat),
    lng: location?.lng == null ? '' : decimal(location.lng),
    // A draft saved without an estimate opens with one empty row to type into.
    costItems:
      p.costItems.length === 0
        ? [newCostItem()]
        : p.costItems.map((i) => ({
            key: nextKey++,
            name: i.name,
            quantity: decimal(i.quantity),
            unitCost: kopToInput(i.unitCost),
          })),
    showAuthorName: p.showAuthorName,
  };
}

/** "12,5" → 12.5; null when it is not a plain decimal number (the schema then judges the range). */
export function parseDecimal(text: string): number | null {
  const clean = text.replace(/[\s\u202f\u00a0]/g, '').replace(',', '.');
  if (!/^-?\d+(?:\.\d+)?$/.test(clean)) return null;
  return Number(clean);
}

/** The line total of a row, or null while its quantity or price is not a number yet. */
export function rowTotal(row: CostItemValues): number | null {
  const quantity = parseDecimal(row.quantity);
  const unitCost = parseUah(row.unitCost);
  if (quantity === null || unitCost === null || quantity <= 0) return null;
  return lineTotal({ quantity, unitCost });
}

/** The live total: the same sum the server makes (`lineTotal` of @bu/shared) over the rows typed so far. */
export function liveTotal(rows: CostItemValues[]): number {
  return rows.reduce((sum, r) => sum + (rowTotal(r) ?? 0), 0);
}

export type RangeState = 'ok' | 'below' | 'above' | 'unknown';

export function costRange(total: number, category: Category | undefined): RangeState {
  if (!category) return 'unknown';
  if (total < category.minCost) return 'below';
  if (total > category.maxCost) return 'above';
  return 'ok';
}

/**
 * The body the shared schema will judge, plus the fields whose text is not a number at all (reported
 * in the words of numbers or money rather than as missing): key → i18n key.
 */
export function formToBody(v: ProjectFormValues): {
  body: Record<string, unknown>;
  typeErrors: Record<string, string>;
} {
  const typeErrors: Record<string, string> = {};
  const num = (key: string, text: string) => {
    if (text.trim() === '') return undefined;
    const n = parseDecimal(text);
    if (n === null) typeErrors[key] = 'validation.number';
    return n ?? undefined;
  };
  const lat = num('location.lat', v.lat);
  const lng = num('location.lng', v.lng);
  const body: Partial<Record<keyof CompleteProjectBody, unknown>> = {
    categoryId: v.categoryId ? Number(v.categoryId) : undefined,
    title: v.title,
    summary: v.summary,
    description: v.description,
    location: {
      address: v.address,
      ...(lat !== undefined ? { lat } : {}),
      ...(lng !== undefined ? { lng } : {}),
    },
    costItems: v.costItems.map((row, i) => {
      const unitCost = row.unitCost.trim() === '' ? undefined : parseUah(row.unitCost);
      if (unitCost === null) typeErrors[`costItems.${i}.unitCost`] = 'validation.money';
      return {
        name: row.name,
        quantity: num(`costItems.${i}.quantity`, row.quantity),
        unitCost: unitCost ?? undefined,
      };
    }),
    showAuthorName: v.showAuthorName,
  };
  return { body, typeErrors };
}

/** A cost row nobody has typed into: left out of a draft rather than refused. */
const untouched = (r: CostItemValues) =>
  r.name.trim() === '' && r.unitCost.trim() === '' && ['', '1'].includes(r.quantity.trim());

/**
 * The body of a draft save: what is typed, judged as strictly as at submission, and what is empty
 * left out (a new draft) or cleared with `null` (a saved one), so a draft saves with only its title.
 */
export function draftBody(v: ProjectFormValues, existing: boolean) {
  const { body, typeErrors } = formToBody({ ...v, costItems: v.costItems.filter((r) => !untouched(r)) });
  const empty = {
    categoryId: v.categoryId === '',
    summary: v.summary.trim() === '',
    description: v.description.trim() === '',
    location: [v.address, v.lat, v.lng].every((x) => x.trim() === ''),
  };
  for (const [key, isEmpty] of Object.entries(empty)) {
    if (!isEmpty) continue;
    if (existing) body[key as keyof typeof empty] = null;
    else delete body[key as keyof typeof empty];
  }
  return { body, typeErrors };
}

/** What the form still lacks for a submission, by the same rule the server applies. */
export function missingFields(v: ProjectFormValues): SubmissionField[] {
  return missingForSubmission({
    categoryId: v.categoryId === '' ? null : Number(v.categoryId),
    summary: v.summary,
    description: v.description,
    location: { address: v.address },
    costItems: v.costItems.filter((r) => !untouched(r)),
  });
}

/** The form control each missing field sends the person to. */
export const MISSING_TARGET: Record<SubmissionField, string> = {
  categoryId: 'project-categoryId',
  summary: 'project-summary',
  description: 'project-description',
  location: 'project-address',
  costItems: 'project-costItems',
};

/**
 * A returned project may be corrected and submitted again until the edition's review phase ends
 * (docs/rules.md §14); after that the author is told what to do instead.
 */
export const resubmissionOpen = (edition: { phases: { reviewEnd: string } }, now = new Date()) =>
  now < new Date(edition.phases.reviewEnd);
