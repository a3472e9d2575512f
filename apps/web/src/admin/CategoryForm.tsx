import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { createCategoryBodySchema, parseUah, type Category } from '@bu/shared';
import { api } from '../api';
import { FormStatus, TextArea, TextField } from '../components/Field';
import { kopToInput } from '../lib/money';
import { useFormErrors } from '../lib/useFormErrors';

const empty = { name: '', description: '', fund: '', minCost: '', maxCost: '', maxVotes: '1' };
type Values = typeof empty;
const MONEY = ['fund', 'minCost', 'maxCost'] as const;

const toValues = (c: Category): Values => ({
  name: c.name,
  description: c.description,
  fund: kopToInput(c.fund),
  minCost: kopToInput(c.minCost),
  maxCost: kopToInput(c.maxCost),
  maxVotes: String(c.maxVotes),
});

interface Props {
  editionId: number;
  /** Given: the form edits this category (same checks as creating it); absent: it adds a new one. */
  category?: Category;
  onAdded: () => void;
  onCancel?: () => void;
}

export function CategoryForm({ editionId, category, onAdded, onCancel }: Props) {
  const { t } = useTranslation();
  const errors = useFormErrors();
  const [v, setV] = useState<Values>(() => (category ? toValues(category) : empty));
  const headingId = category ? `edit-category-${category.id}` : 'add-category';
  const [busy, setBusy] = useState(false);
  const [success, setSuccess] = useState<string | null>(null);
  const set = (k: keyof Values) => (e: { target: { value: string } }) =>
    setV((old) => ({ ...old, [k]: e.target.value }));

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setSuccess(null);
    const money: Record<string, number | undefined> = {};
    const moneyErrors: Record<string, string> = {};
    for (const k of MONEY) {
      const kop = v[k].trim() === '' ? undefined : parseUah(v[k]);
      if (kop === null) moneyErrors[k] = t('validation.money');
      money[k] = kop ?? undefined;
    }
    const parsed = createCategoryBodySchema.safeParse(
      {
        name: v.name,
        ...(v.description.trim() ? { description: v.description } : {}),
        ...money,
        maxVotes: v.maxVotes.trim() === '' ? undefined : Number(v.maxVotes),
      },
      { reportInput: true },
    );
    if (!parsed.success) return errors.fromZod(parsed.error, moneyErrors);
    errors.clear();
    setBusy(true);
    try {
      if (category) {
        // The whole category goes: the API treats a field sent with its current value as no change.
        await api.updateCategory(editionId, category.id, parsed.data);
        onAdded();
        return;
      }
      const { category: added } = await api.createCategory(editionId, parsed.data);
      setV(empty);
      setSuccess(t('admin.categoryAdded', { name: added.name }));
      onAdded();
    } catch (err) {
      errors.fromApi(err, {
        FUND_EXCEEDED: t('admin.fundExceeded'),
        RULES_LOCKED: t('admin.categoryLocked'),
      });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="card form" noValidate onSubmit={(e) => void onSubmit(e)} aria-labelledby={headingId}>
      <h3 id={headingId}>
        {category ? t('admin.editCategory', { name: category.name }) : t('admin.addCategory')}
      </h3>
      <FormStatus error={errors.formError} success={success} />
      <TextField
        label={t('admin.categoryName')}
        name="name"
        required
        value={v.name}
        onChange={set('name')}
        error={errors.fields.name}
      />
      <TextArea
        label={t('admin.categoryDescription')}
        name="description"
        rows={2}
        value={v.description}
        onChange={set('description')}
        error={errors.fields.description}
      />
      <div className="grid-2">
        {MONEY.map((k) => (
          <TextField
            key={k}
            label={t(`admin.${k}`)}
            name={k}
            inputMode="decimal"
            required
            value={v[k]}
            onChange={set(k)}
            error={errors.fields[k]}
          />
        ))}
        <TextField
          label={t('admin.maxVotes')}
          name="maxVotes"
          type="number"
          inputMode="numeric"
          min={1}
          max={100}
          required
          value={v.maxVotes}
          onChange={set('maxVotes')}
          error={errors.fields.maxVotes}
        />
      </div>
      <p className="field-hint">{t('admin.moneyHint')}</p>
      <div className="actions">
        <button type="submit" className="button" disabled={busy}>
          {busy ? t('form.sending') : category ? t('admin.save') : t('admin.addCategory')}
        </button>
        {onCancel && (
          <button type="button" className="button button-secondary" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
