import { useMemo, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ballotSerialSchema, LIMITS, type Category, type Edition, type Project } from '@bu/shared';
import { api } from '../api';
import { useAdmittedProjects, useEditions } from '../api/queries';
import { useMoney } from '../components/CategoryList';
import { SelectField, TextField } from '../components/Field';
import { LoadError, Loading } from '../components/States';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import { Refusal } from '../voting/voteErrors';
import { checkTaxId } from '../voting/taxId';
import { TaxIdField } from '../voting/TaxIdField';
import { CnapTabs } from './CnapApp';
import { LocationPicker, useOperatorLocation } from './useOperatorLocation';

/**
 * The operator's paper ballot (docs/rules.md §13), built for a queue at the counter: keyboard only, in
 * the order of the paper; Enter enters the ballot; after success the form clears (the location and
 * the edition stay) and focus returns to the taxpayer number for the next person.
 */
export function PaperBallotPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('cnap.ballotTitle'));
  const editions = useEditions();
  const location = useOperatorLocation();
  const [editionId, setEditionId] = useState<number | null>(null);

  const open = (editions.data ?? []).filter((e) => e.phase === 'voting');
  const edition = open.find((e) => e.id === editionId) ?? open[0];

  let body;
  if (editions.isPending || location.query.isPending) body = <Loading />;
  else if (editions.isError)
    body = <LoadError error={editions.error} retry={() => void editions.refetch()} />;
  else if (location.query.isError)
    body = <LoadError error={location.query.error} retry={() => void location.query.refetch()} />;
  else if (!edition) body = <p className="alert">{t('cnap.noVoting')}</p>;
  else {
    body = (
      <>
        <div className="cnap-setup">
          <LocationPicker state={location} />
          {open.length > 1 ? (
            <SelectField
              label={t('cnap.edition')}
              value={String(edition.id)}
              onChange={(e) => setEditionId(Number(e.target.value))}
            >
              {open.map((e) => (
                <option key={e.id} value={e.id}>
                  {e.title}
                </option>
              ))}
            </SelectField>
          ) : (
            <p>
              {t('cnap.edition')}: <strong>{edition.title}</strong>
            </p>
          )}
        </div>
        {location.current && (
          <BallotEntry key={edition.id} edition={edition} locationId={location.current.id} />
        )}
      </>
    );
  }

  return (
    <div className="cnap-page">
      <CnapTabs />
      <h1>{t('cnap.ballotTitle')}</h1>
      {body}
    </div>
  );
}

type Outcome =
  { kind: 'accepted'; serial: string; count: number } | { kind: 'refused'; error: unknown } | null;

function BallotEntry({ edition, locationId }: { edition: Edition; locationId: number }) {
  const { t, i18n } = useTranslation();
  const projects = useAdmittedProjects(edition.id);
  const [taxId, setTaxId] = useState('');
  const [fullName, setFullName] = useState('');
  const [serial, setSerial] = useState('');
  const [chosen, setChosen] = useState<number[]>([]);
  const [searches, setSearches] = useState<Record<number, string>>({});
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const taxIdRef = useRef<HTMLInputElement>(null);
  const formRef = useRef<HTMLFormElement>(null);

  const categories = [...edition.categories].sort((a, b) => a.position - b.position || a.id - b.id);
  const byCategory = useMemo(() => {
    const m = new Map<number, Project[]>();
    for (const p of projects.data ?? []) m.set(p.categoryId, [...(m.get(p.categoryId) ?? []), p]);
    return m;
  }, [projects.data]);

  if (projects.isPending) return <Loading />;
  if (projects.isError) return <LoadError error={projects.error} retry={() => void projects.refetch()} />;

  const taxCheck = checkTaxId(taxId, t, i18n.language);
  const serialCheck = serial.trim() === '' ? null : ballotSerialSchema.safeParse(serial).success;
  const nameError = tried && fullName.trim().length < 2 ? t('validation.minLength', { count: 2 }) : undefined;
  const serialError =
    serialCheck === false
      ? t('cnap.serialHint')
      : tried && serialCheck === null
        ? t('validation.required')
        : undefined;

  const toggle = (c: Category, id: number) => {
    setOutcome(null);
    setChosen((prev) => {
      if (prev.includes(id)) return prev.filter((x) => x !== id);
      // The paper allows at most the category's limit; the server still decides with what was used online.
      const inCategory = prev.filter((x) => byCategory.get(c.id)?.some((p) => p.id === x)).length;
      return inCategory >= c.maxVotes ? prev : [...prev, id];
    });
  };

  async function submit(e?: FormEvent) {
    e?.preventDefault();
    setTried(true);
    setOutcome(null);
    if (taxCheck.state !== 'ok' || !serialCheck || fullName.trim().length < 2 || chosen.length === 0) {
      // The first field that needs attention gets the focus; the others keep their messages.
      if (taxCheck.state !== 'ok') taxIdRef.current?.focus();
      else formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"], .ballot-search')?.focus();
      return;
    }
    setBusy(true);
    try {
      const { ballot } = await api.paperBallot(edition.id, {
        taxId,
        fullName: fullName.trim(),
        serial: serial.trim(),
        cnapLocationId: locationId,
        projectIds: chosen,
      });
      setOutcome({ kind: 'accepted', serial: ballot.serial, count: ballot.votes.length });
      setTaxId('');
      setFullName('');
      setSerial('');
      setChosen([]);
      setSearches({});
      setTried(false);
      taxIdRef.current?.focus();
    } catch (err) {
      setOutcome({ kind: 'refused', error: err });
      // On a phone the reason may be below the fold: bring it into view (it is announced anyway).
      requestAnimationFrame(() =>
        formRef.current?.querySelector('.ballot-outcome')?.scrollIntoView({ block: 'nearest' }),
      );
    } finally {
      setBusy(false);
    }
  }

  return (
    <form ref={formRef} className="paper-ballot" noValidate onSubmit={(e) => void submit(e)}>
      <div className="ballot-person">
        <TaxIdField
          label={t('cnap.taxId')}
          value={taxId}
          onChange={(v) => {
            setTaxId(v);
            setOutcome(null);
          }}
          strict={tried}
          inputRef={taxIdRef}
          autoFocus
          required
        />
        <TextField
          label={t('cnap.fullName')}
          value={fullName}
          onChange={(e) => setFullName(e.target.value)}
          error={nameError}
          maxLength={LIMITS.nameMax}
          autoComplete="off"
          required
        />
        <TextField
          label={t('cnap.serial')}
          value={serial}
          onChange={(e) => setSerial(e.target.value)}
          error={serialError}
          hint={serialCheck ? t('cnap.serialOk') : t('cnap.serialHint')}
          maxLength={40}
          autoComplete="off"
          spellCheck={false}
          required
        />
      </div>

      <fieldset className="ballot-picks">
        <legend>{t('cnap.projects')}</legend>
        <p className="field-hint">{t('cnap.projectsHint')}</p>
        {categories.map((c) => (
          <CategoryPicker
            key={c.id}
            category={c}
            projects={byCategory.get(c.id) ?? []}
            chosen={chosen}
            search={searches[c.id] ?? ''}
            onSearch={(q) => setSearches((s) => ({ ...s, [c.id]: q }))}
            onToggle={(id) => toggle(c, id)}
            onSubmit={() => formRef.current?.requestSubmit()}
          />
        ))}
        {tried && chosen.length === 0 && <p className="field-error">{t('cnap.pickOne')}</p>}
      </fieldset>

      <div className="ballot-outcome" aria-live="assertive" aria-atomic="true">
        {outcome?.kind === 'accepted' && (
          <p className="alert alert-success" role="status">
            <span aria-hidden="true">✓ </span>
            {t('cnap.accepted', { serial: outcome.serial, count: outcome.count })}
          </p>
        )}
        {outcome?.kind === 'refused' && (
          <div className="alert alert-error" role="alert">
            <p>
              <strong>{t('cnap.refused')}</strong>
            </p>
            <Refusal error={outcome.error} prefix="cnap" t={t} />
          </div>
        )}
      </div>

      <button type="submit" className="button" disabled={busy}>
        {busy ? t('cnap.sending') : t('cnap.submit')}
      </button>
    </form>
  );
}

function CategoryPicker({
  category,
  projects,
  chosen,
  search,
  onSearch,
  onToggle,
  onSubmit,
}: {
  category: Category;
  projects: Project[];
  chosen: number[];
  search: string;
  onSearch: (q: string) => void;
  onToggle: (id: number) => void;
  onSubmit: () => void;
}) {
  const { t } = useTranslation();
  const money = useMoney();
  const q = search.trim().toLocaleLowerCase('uk');
  const matches = q
    ? projects.filter(
        (p) =>
          String(p.id) === q || String(p.id).startsWith(q) || p.title.toLocaleLowerCase('uk').includes(q),
      )
    : projects;
  const count = chosen.filter((id) => projects.some((p) => p.id === id)).length;
  const listId = `picks-${category.id}`;

  // Enter in the search marks the project with that exact number, or the only match; Enter in an
  // empty search enters the ballot, as everywhere else in the form.
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key !== 'Enter' || q === '') return;
    e.preventDefault();
    const exact = projects.find((p) => String(p.id) === q);
    const target = exact ?? (matches.length === 1 ? matches[0] : undefined);
    if (target) {
      onToggle(target.id);
      onSearch('');
    }
  };

  return (
    <div className="pick-category">
      {/* h2: the page's h1 is the only heading above (the fieldset's legend is not one). */}
      <h2 id={`${listId}-h`}>
        {category.name} <span className="muted">({t('cnap.chosen', { count, max: category.maxVotes })})</span>
      </h2>
      <input
        type="search"
        className="ballot-search"
        aria-label={t('cnap.search', { name: category.name })}
        aria-controls={listId}
        value={search}
        onChange={(e) => onSearch(e.target.value)}
        onKeyDown={onKeyDown}
        autoComplete="off"
      />
      <ul id={listId} className="pick-list" aria-labelledby={`${listId}-h`}>
        {matches.length === 0 && <li className="muted">{t('cnap.noMatch')}</li>}
        {matches.map((p) => {
          const on = chosen.includes(p.id);
          return (
            <li key={p.id} className={on ? 'is-checked' : undefined}>
              <input
                type="checkbox"
                id={`pick-${p.id}`}
                checked={on}
                onChange={() => onToggle(p.id)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter') {
                    e.preventDefault();
                    onSubmit();
                  }
                }}
              />
              <label htmlFor={`pick-${p.id}`}>
                <span className="project-number">{t('vote.number', { id: p.id })}</span> {p.title}{' '}
                <span className="muted money">{money(p.totalCost)}</span>
              </label>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
