import { lineTotal, parseUah, type Category, type CreateProjectBody, type Project } from '@bu/shared';
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
  return {
    categoryId: String(p.categoryId),
    title: p.title,
    summary: p.summary,
    description: p.description,
    address: p.location.address,
    lat: p.location.lat === null ? '' : decimal(p.location.lat),
    lng: p.location.lng === null ? '' : decimal(p.location.lng),
    costItems: p.costItems.map((i) => ({
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
  const body: Partial<Record<keyof CreateProjectBody, unknown>> = {
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
