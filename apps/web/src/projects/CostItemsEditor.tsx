import { useTranslation } from 'react-i18next';
import type { Category } from '@bu/shared';
import { TextField } from '../components/Field';
import { useMoney } from '../components/CategoryList';
import type { FieldErrors } from '../lib/validation';
import {
  costRange,
  liveTotal,
  MISSING_TARGET,
  newCostItem,
  rowTotal,
  type CostItemValues,
} from './projectForm';

interface Props {
  rows: CostItemValues[];
  onChange: (rows: CostItemValues[]) => void;
  category: Category | undefined;
  errors: FieldErrors;
}

/**
 * The itemised estimate: rows of name × quantity × unit cost with the line totals and the total
 * computed as the server will (`lineTotal`), and a warning while the total is outside the category.
 */
export function CostItemsEditor({ rows, onChange, category, errors }: Props) {
  const { t } = useTranslation();
  const money = useMoney();
  const total = liveTotal(rows);
  const range = costRange(total, category);
  const set = (key: number, field: 'name' | 'quantity' | 'unitCost', value: string) =>
    onChange(rows.map((r) => (r.key === key ? { ...r, [field]: value } : r)));

  return (
    <fieldset className="costs">
      <legend>{t('projectForm.costs')}</legend>
      <p className="field-hint">{t('projectForm.costsHint')}</p>
      <ol className="cost-rows">
        {rows.map((row, i) => {
          const line = rowTotal(row);
          return (
            <li key={row.key}>
              <fieldset className="cost-row">
                <legend className="cost-row-legend">{t('projectForm.itemN', { n: i + 1 })}</legend>
                <div className="cost-name">
                  <TextField
                    label={t('projectForm.itemName')}
                    id={i === 0 ? MISSING_TARGET.costItems : undefined}
                    name={`costItems.${i}.name`}
                    required
                    value={row.name}
                    onChange={(e) => set(row.key, 'name', e.target.value)}
                    error={errors[`costItems.${i}.name`]}
                  />
                </div>
                <TextField
                  label={t('projectForm.quantity')}
                  name={`costItems.${i}.quantity`}
                  inputMode="decimal"
                  required
                  value={row.quantity}
                  onChange={(e) => set(row.key, 'quantity', e.target.value)}
                  error={errors[`costItems.${i}.quantity`]}
                />
                <TextField
                  label={t('projectForm.unitCost')}
                  name={`costItems.${i}.unitCost`}
                  inputMode="decimal"
                  required
                  value={row.unitCost}
                  onChange={(e) => set(row.key, 'unitCost', e.target.value)}
                  error={errors[`costItems.${i}.unitCost`]}
                />
                <p className="cost-line">
                  <span className="cost-line-label">{t('projectForm.lineTotal')}</span>{' '}
                  <span className="money">{line === null ? t('review.emptyValue') : money(line)}</span>
                </p>
                {rows.length > 1 && (
                  <button
                    type="button"
                    className="button button-secondary button-small cost-remove"
                    onClick={() => onChange(rows.filter((r) => r.key !== row.key))}
                  >
                    {t('projectForm.removeItem', { n: i + 1 })}
                  </button>
                )}
              </fieldset>
            </li>
          );
        })}
      </ol>
      <div>
        <button
          type="button"
          className="button button-secondary"
          onClick={() => onChange([...rows, newCostItem()])}
        >
          + {t('projectForm.addItem')}
        </button>
      </div>
      <div
        className={
          'cost-total' + (range === 'below' || range === 'above' || errors.costItems ? ' is-out' : '')
        }
      >
        <p className="cost-total-line">
          <span>{t('projectForm.total')}</span>{' '}
          <output className="money big" name="total" aria-live="polite">
            {money(total)}
          </output>
        </p>
        {category && (
          <p className="field-hint">
            {t('projectForm.rangeHint', { min: money(category.minCost), max: money(category.maxCost) })}
          </p>
        )}
        <div aria-live="polite">
          {range === 'below' && category && (
            <p className="field-error">{t('projectForm.belowMin', { min: money(category.minCost) })}</p>
          )}
          {range === 'above' && category && (
            <p className="field-error">{t('projectForm.aboveMax', { max: money(category.maxCost) })}</p>
          )}
        </div>
        {/* The server's word (or "add an item") when the live warning above does not already say it. */}
        {errors.costItems && (range === 'ok' || range === 'unknown') && (
          <p className="field-error">{errors.costItems}</p>
        )}
      </div>
    </fieldset>
  );
}
