import { useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { useQueryClient } from '@tanstack/react-query';
import { ballotSerialSchema, LIMITS, type Category, type Edition, type Project } from '@bu/shared';
import { api, ApiError } from '../api';
import { queryKeys, useAdmittedProjects } from '../api/queries';
import { LabelText, TextField } from '../components/Field';
import { LoadError, Loading } from '../components/States';
import { checkTaxId } from '../voting/taxId';
import { TaxIdField } from '../voting/TaxIdField';
import { AllowanceStatus, BallotOutcome, type Outcome } from './BallotStatus';
import { CategoryPicker, limitOf, type CategoryAllowance } from './CategoryPicker';
import { useAllowance } from './useAllowance';

type PersonField = 'taxId' | 'fullName' | 'serial';

/** Where a refusal belongs: beside the field it is about, in the reader's language when we can. */
function fieldErrorsOf(error: unknown, t: TFunction): Partial<Record<PersonField, string>> {
  if (!(error instanceof ApiError)) return {};
  if (error.code === 'DUPLICATE_BALLOT_SERIAL') return { serial: t('cnap.code.DUPLICATE_BALLOT_SERIAL') };
  // The server's own words (which name the age) are in the alert below the projects.
  if (error.code === 'NOT_ELIGIBLE') return { taxId: t('cnap.code.NOT_ELIGIBLE') };
  const out: Partial<Record<PersonField, string>> = {};
  for (const [field, message] of Object.entries(error.fieldErrors())) {
    const name = field.replace(/^body\./, '');
    if (name === 'taxId' || name === 'fullName' || name === 'serial') out[name] = message;
  }
  return out;
}

/**
 * The paper ballot form (docs/rules.md §13), built for a queue at the counter: keyboard only, in the
 * order of the paper. Once the taxpayer number is valid, the person's remaining votes are asked for
 * and what is used up is closed before the ballot is typed. Enter enters the ballot; after success
 * the form clears (the location and the edition stay) and focus returns to the taxpayer number for
 * the next person. A refusal keeps everything typed and says why at the field it is about.
 */
export function BallotEntry({ edition, locationId }: { edition: Edition; locationId: number }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const projects = useAdmittedProjects(edition.id);
  const [taxId, setTaxId] = useState('');
  const [fullName, setFullName] = useState('');
  const [serial, setSerial] = useState('');
  const [chosen, setChosen] = useState<number[]>([]);
  const [searches, setSearches] = useState<Record<number, string>>({});
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [refusedAt, setRefusedAt] = useState<Partial<Record<PersonField, string>>>({});
  const taxIdRef = useRef<HTMLInputElement>(null);
  const formRef = useRef<HTMLFormElement>(null);

  const taxCheck = checkTaxId(taxId, t, i18n.language);
  const allowance = useAllowance(edition.id, locationId, taxCheck.state === 'ok' ? taxId : null);
  const categories = [...edition.categories].sort((a, b) => a.position - b.position || a.id - b.id);
  const byCategory = useMemo(() => {
    // Admitted projects always have a category; a draft's may still be null (never on a ballot).
    const m = new Map<number | null, Project[]>();
    for (const p of projects.data ?? []) m.set(p.categoryId, [...(m.get(p.categoryId) ?? []), p]);
    return m;
  }, [projects.data]);

  if (projects.isPending) return <Loading />;
  if (projects.isError) return <LoadError error={projects.error} retry={() => void projects.refetch()} />;

  // Only an answer about the number now in the field (the query is keyed by it).
  const known = taxCheck.state === 'ok' ? allowance.data : undefined;
  const allowanceOf = (c: Category): CategoryAllowance | null => {
    const a = known?.categories.find((x) => x.categoryId === c.id);
    return known && a ? { used: a.used, maxVotes: a.maxVotes, blocked: !known.oldEnough } : null;
  };
  const inCategory = (c: Category, ids: number[]) =>
    ids.filter((x) => byCategory.get(c.id)?.some((p) => p.id === x)).length;

  const serialCheck = serial.trim() === '' ? null : ballotSerialSchema.safeParse(serial).success;
  const nameError =
    refusedAt.fullName ??
    (tried && fullName.trim().length < 2 ? t('validation.minLength', { count: 2 }) : undefined);
  const serialError =
    refusedAt.serial ??
    (serialCheck === false
      ? t('cnap.serialHint')
      : tried && serialCheck === null
        ? t('validation.required')
        : undefined);

  const edit = (field: PersonField, set: (v: string) => void) => (value: string) => {
    set(value);
    setOutcome(null);
    setRefusedAt(({ [field]: _, ...rest }) => rest);
  };

  const toggle = (c: Category, id: number) => {
    setOutcome(null);
    setChosen((prev) => {
      if (prev.includes(id)) return prev.filter((x) => x !== id);
      // Never more than the paper allows or the person has left; the server still decides.
      return inCategory(c, prev) >= limitOf(c, allowanceOf(c)) ? prev : [...prev, id];
    });
  };

  /** Focus on what needs attention; a refused value is selected, so that typing replaces it. */
  function focusField(field: PersonField | 'projects', select = false) {
    const el = formRef.current?.querySelector<HTMLInputElement>(
      field === 'projects'
        ? '.ballot-search:not(:disabled), .pick-list input:not(:disabled)'
        : `[name="${field}"]`,
    );
    el?.focus();
    if (select) el?.select();
  }

  async function submit(e?: FormEvent) {
    e?.preventDefault();
    setTried(true);
    setOutcome(null);
    // The first field that needs attention gets the focus; the others keep their messages.
    const problem =
      taxCheck.state !== 'ok'
        ? 'taxId'
        : fullName.trim().length < 2
          ? 'fullName'
          : !serialCheck
            ? 'serial'
            : chosen.length === 0
              ? 'projects'
              : null;
    if (problem) return focusField(problem);
    setBusy(true);
    try {
      const { ballot } = await api.paperBallot(edition.id, {
        taxId,
        fullName: fullName.trim(),
        serial: serial.trim(),
        cnapLocationId: locationId,
        projectIds: chosen,
      });
      setOutcome({ kind: 'accepted', ballot });
      setTaxId('');
      setFullName('');
      setSerial('');
      setChosen([]);
      setSearches({});
      setTried(false);
      setRefusedAt({});
      taxIdRef.current?.focus();
      void queryClient.invalidateQueries({ queryKey: queryKeys.cnapSummary });
    } catch (err) {
      setOutcome({ kind: 'refused', error: err });
      const at = fieldErrorsOf(err, t);
      setRefusedAt(at);
      const field = (['taxId', 'fullName', 'serial'] as const).find((f) => at[f]);
      if (field) requestAnimationFrame(() => focusField(field, true));
      // What the person has left may have changed since it was asked (a vote online meanwhile).
      if (err instanceof ApiError && err.status === 409) void allowance.refetch();
    } finally {
      setBusy(false);
    }
  }

  return (
    <form ref={formRef} className="paper-ballot" noValidate onSubmit={(e) => void submit(e)}>
      <p className="field-hint">{t('cnap.requiredNote')}</p>
      <div className="ballot-person">
        <TaxIdField
          label={t('cnap.taxId')}
          name="taxId"
          value={taxId}
          onChange={edit('taxId', setTaxId)}
          strict={tried}
          error={refusedAt.taxId}
          inputRef={taxIdRef}
          autoFocus
          required
        />
        <TextField
          label={t('cnap.fullName')}
          name="fullName"
          value={fullName}
          onChange={(e) => edit('fullName', setFullName)(e.target.value)}
          error={nameError}
          maxLength={LIMITS.nameMax}
          autoComplete="off"
          required
        />
        <TextField
          label={t('cnap.serial')}
          name="serial"
          value={serial}
          onChange={(e) => edit('serial', setSerial)(e.target.value)}
          error={serialError}
          hint={serialCheck ? t('cnap.serialOk') : t('cnap.serialHint')}
          maxLength={40}
          autoComplete="off"
          spellCheck={false}
          required
        />
      </div>
      <AllowanceStatus query={allowance} categories={categories} minVoterAge={edition.minVoterAge} />

      <fieldset className="ballot-picks">
        <legend>
          <LabelText label={t('cnap.projects')} required />
        </legend>
        <p className="field-hint">{t('cnap.projectsHint')}</p>
        {categories.map((c) => (
          <CategoryPicker
            key={c.id}
            category={c}
            projects={byCategory.get(c.id) ?? []}
            chosen={chosen}
            allowance={allowanceOf(c)}
            search={searches[c.id] ?? ''}
            onSearch={(q) => setSearches((s) => ({ ...s, [c.id]: q }))}
            onToggle={(id) => toggle(c, id)}
            onSubmit={() => formRef.current?.requestSubmit()}
          />
        ))}
        {tried && chosen.length === 0 && <p className="field-error">{t('cnap.pickOne')}</p>}
      </fieldset>

      <BallotOutcome outcome={outcome} />
      <button type="submit" className="button" disabled={busy}>
        {busy ? t('cnap.sending') : t('cnap.submit')}
      </button>
    </form>
  );
}
