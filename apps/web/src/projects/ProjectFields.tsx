import { useTranslation } from 'react-i18next';
import type { Category } from '@bu/shared';
import { useMoney } from '../components/CategoryList';
import { SelectField, TextArea, TextField } from '../components/Field';
import type { FieldErrors } from '../lib/validation';
import { MISSING_TARGET, type ProjectFormValues } from './projectForm';

type TextKey = 'title' | 'summary' | 'description' | 'address' | 'lat' | 'lng' | 'categoryId';

/**
 * The project's own words and place. Only the title is needed to save a draft; the asterisks mark
 * what a submission needs, and the ids let the list of missing fields lead here.
 */
export function ProjectFields({
  values,
  onText,
  categories,
  errors,
}: {
  values: ProjectFormValues;
  onText: (k: TextKey) => (e: { target: { value: string } }) => void;
  categories: Category[];
  errors: FieldErrors;
}) {
  const { t } = useTranslation();
  const money = useMoney();
  return (
    <>
      <fieldset>
        <legend>{t('projectForm.about')}</legend>
        <TextField
          label={t('projectForm.title')}
          name="title"
          id="project-title-field"
          required
          maxLength={200}
          hint={t('projectForm.titleHint')}
          value={values.title}
          onChange={onText('title')}
          error={errors.title}
        />
        <SelectField
          label={t('projectForm.category')}
          name="categoryId"
          id={MISSING_TARGET.categoryId}
          required
          value={values.categoryId}
          onChange={onText('categoryId')}
          error={errors.categoryId}
        >
          <option value="">{t('projectForm.chooseCategory')}</option>
          {categories.map((c) => (
            <option key={c.id} value={c.id}>
              {t('projectForm.categoryOption', {
                name: c.name,
                min: money(c.minCost),
                max: money(c.maxCost),
              })}
            </option>
          ))}
        </SelectField>
        <TextArea
          label={t('projectForm.summary')}
          name="summary"
          id={MISSING_TARGET.summary}
          required
          rows={3}
          maxLength={1000}
          hint={t('projectForm.summaryHint')}
          value={values.summary}
          onChange={onText('summary')}
          error={errors.summary}
        />
        <TextArea
          label={t('projectForm.description')}
          name="description"
          id={MISSING_TARGET.description}
          required
          rows={8}
          hint={t('projectForm.descriptionHint')}
          value={values.description}
          onChange={onText('description')}
          error={errors.description}
        />
      </fieldset>
      <fieldset>
        <legend>{t('projectForm.location')}</legend>
        <TextField
          label={t('projectForm.address')}
          name="address"
          id={MISSING_TARGET.location}
          required
          autoComplete="off"
          value={values.address}
          onChange={onText('address')}
          error={errors['location.address']}
        />
        <div className="grid-2">
          <TextField
            label={t('projectForm.lat')}
            name="lat"
            inputMode="decimal"
            value={values.lat}
            onChange={onText('lat')}
            error={errors['location.lat']}
          />
          <TextField
            label={t('projectForm.lng')}
            name="lng"
            inputMode="decimal"
            value={values.lng}
            onChange={onText('lng')}
            error={errors['location.lng']}
          />
        </div>
        <p className="field-hint">{t('projectForm.coordsHint')}</p>
      </fieldset>
    </>
  );
}
