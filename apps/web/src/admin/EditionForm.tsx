import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PHASE_ORDER } from '@bu/shared';
import { CheckboxField, FormStatus, SelectField, TextArea, TextField } from '../components/Field';
import type { FieldErrors } from '../lib/validation';
import type { EditionFormValues } from './editionForm';

interface Props {
  initial: EditionFormValues;
  submitLabel: string;
  busy: boolean;
  fieldErrors: FieldErrors;
  formError: string | null;
  success?: string | null;
  onSubmit: (values: EditionFormValues) => void;
}

/** The fields of an edition, the same for creating and editing. */
export function EditionForm({
  initial,
  submitLabel,
  busy,
  fieldErrors: fe,
  formError,
  success,
  onSubmit,
}: Props) {
  const { t } = useTranslation();
  const [v, setV] = useState(initial);
  const set = <K extends keyof EditionFormValues>(k: K, value: EditionFormValues[K]) =>
    setV((old) => ({ ...old, [k]: value }));

  function submit(e: FormEvent) {
    e.preventDefault();
    onSubmit(v);
  }

  return (
    <form className="card form" noValidate onSubmit={submit}>
      <FormStatus error={formError} success={success} />
      <fieldset>
        <legend>{t('admin.general')}</legend>
        <TextField
          label={t('admin.title')}
          name="title"
          required
          value={v.title}
          onChange={(e) => set('title', e.target.value)}
          error={fe.title}
        />
        <TextArea
          label={t('admin.description')}
          name="description"
          rows={3}
          value={v.description}
          onChange={(e) => set('description', e.target.value)}
          error={fe.description}
        />
        <TextField
          label={t('admin.totalFund')}
          name="totalFund"
          inputMode="decimal"
          required
          value={v.totalFund}
          onChange={(e) => set('totalFund', e.target.value)}
          hint={t('admin.moneyHint')}
          error={fe.totalFund}
        />
      </fieldset>

      <fieldset>
        <legend>{t('admin.phases')}</legend>
        <p className="field-hint">{t('admin.phasesHint')}</p>
        <div className="grid-2">
          {PHASE_ORDER.map((k) => (
            <TextField
              key={k}
              label={t(`admin.${k}`)}
              name={k}
              type="datetime-local"
              required
              value={v.phases[k]}
              onChange={(e) => set('phases', { ...v.phases, [k]: e.target.value })}
              error={fe[`phases.${k}`] ?? (k === 'submissionStart' ? fe.phases : undefined)}
            />
          ))}
        </div>
      </fieldset>

      <fieldset>
        <legend>{t('admin.rules')}</legend>
        <div className="grid-2">
          <TextField
            label={t('admin.minVoterAge')}
            name="minVoterAge"
            type="number"
            inputMode="numeric"
            min={14}
            max={120}
            required
            value={v.minVoterAge}
            onChange={(e) => set('minVoterAge', e.target.value)}
            error={fe.minVoterAge}
          />
          <TextField
            label={t('admin.minVotes')}
            name="minVotes"
            type="number"
            inputMode="numeric"
            min={0}
            value={v.minVotes}
            onChange={(e) => set('minVotes', e.target.value)}
            error={fe.minVotes}
          />
        </div>
        <SelectField
          label={t('admin.eligibility')}
          name="eligibility"
          value={v.eligibility}
          onChange={(e) => set('eligibility', e.target.value as EditionFormValues['eligibility'])}
          error={fe.eligibility}
        >
          <option value="residents">{t('eligibility.residents')}</option>
          <option value="residents_students_workers">{t('eligibility.residents_students_workers')}</option>
        </SelectField>
        <SelectField
          label={t('admin.tallyRule')}
          name="tallyRule"
          value={v.tallyRule}
          onChange={(e) => set('tallyRule', e.target.value as EditionFormValues['tallyRule'])}
          error={fe.tallyRule}
        >
          <option value="greedy">{t('tallyRule.greedy')}</option>
          <option value="mes">{t('tallyRule.mes')}</option>
        </SelectField>
        <SelectField
          label={t('admin.tieBreak')}
          name="tieBreak"
          value={v.tieBreak}
          onChange={(e) => set('tieBreak', e.target.value as EditionFormValues['tieBreak'])}
          error={fe.tieBreak}
        >
          <option value="earlier_submission">{t('tieBreak.earlier_submission')}</option>
          <option value="lottery">{t('tieBreak.lottery')}</option>
        </SelectField>
        <CheckboxField
          label={t('admin.resultsVisible')}
          name="resultsVisibleDuringVoting"
          checked={v.resultsVisibleDuringVoting}
          onChange={(e) => set('resultsVisibleDuringVoting', e.target.checked)}
          error={fe.resultsVisibleDuringVoting}
        />
      </fieldset>

      <button type="submit" className="button" disabled={busy}>
        {busy ? t('form.sending') : submitLabel}
      </button>
    </form>
  );
}
