import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { annulBodySchema, type Annulment, type AnnulBody, type Edition } from '@bu/shared';
import { api } from '../api';
import { queryKeys, useAnnulments, useEdition } from '../api/queries';
import {
  CheckboxField,
  FormStatus,
  SelectField,
  SubmitButton,
  TextArea,
  TextField,
} from '../components/Field';
import { LoadError, Loading } from '../components/States';
import { formatDateTime } from '../lib/datetime';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import { useForm } from '../lib/useForm';

type Target = 'userId' | 'taxId' | 'ballotSerial';
const TARGETS: Target[] = ['userId', 'taxId', 'ballotSerial'];
const label = (prefix: 'target' | 'value', k: Target) =>
  `annulAdmin.${prefix}${k[0]!.toUpperCase()}${k.slice(1)}` as const;

/** Annulling a person's or a paper ballot's votes, with the edition's annulments below (docs/rules.md §7). */
export function AnnulmentsPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const edition = useEdition(id);
  useDocumentTitle(t('annulAdmin.title', { title: edition.data?.title ?? '' }));
  if (edition.isPending) return <Loading />;
  if (edition.isError) return <LoadError error={edition.error} retry={() => void edition.refetch()} />;
  const e = edition.data;
  return (
    <>
      <p className="breadcrumb">
        <Link to={`/admin/editions/${e.id}`}>
          <span aria-hidden="true">← </span>
          {e.title}
        </Link>
      </p>
      <h1>{t('annulAdmin.title', { title: e.title })}</h1>
      <p className="lead">{t('annulAdmin.intro')}</p>
      {e.resultsPublishedAt ? (
        <p className="alert alert-warning">{t('annulAdmin.published')}</p>
      ) : (
        <AnnulForm edition={e} />
      )}
      <AnnulmentList editionId={e.id} />
    </>
  );
}

const empty = { kind: 'fraud' as AnnulBody['kind'], target: 'userId' as Target, value: '', reason: '' };

function AnnulForm({ edition }: { edition: Edition }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { values: v, set, reset, errors, busy, success, setSuccess, submit } = useForm(empty);
  const [confirmed, setConfirmed] = useState(false);

  const validate = () => {
    const value = v.value.trim();
    const own: Record<string, string> = {};
    if (!value) own.value = t('annulAdmin.valueRequired');
    else if (v.target === 'userId' && !/^\d{1,10}$/.test(value)) own.value = t('annulAdmin.userIdInvalid');
    if (!confirmed) own.confirm = t('annulAdmin.confirmRequired');
    const body = {
      kind: v.kind,
      reason: v.reason,
      [v.target]: v.target === 'userId' ? Number(value) : value,
    };
    const parsed = annulBodySchema.safeParse(body, { reportInput: true });
    if (!parsed.success || Object.keys(own).length) {
      // The identifier's own field is `value` in this form, whichever identifier was chosen.
      const fromSchema = parsed.success
        ? {}
        : Object.fromEntries(
            parsed.error.issues.map((i) => {
              const f = String(i.path[0] ?? '_form');
              return [TARGETS.includes(f as Target) ? 'value' : f, i.message];
            }),
          );
      errors.summarise({ ...fromSchema, ...own });
      return undefined;
    }
    return parsed.data;
  };
  // A refusal naming body.userId / body.taxId / body.ballotSerial is shown beside the one input.
  const onSubmit = submit(validate, async (body) => {
    const { annulment } = await api.annul(edition.id, body);
    reset();
    setConfirmed(false);
    setSuccess(t('annulAdmin.done', { count: annulment.votes, id: annulment.id }));
    await Promise.all(
      [queryKeys.annulments(edition.id), queryKeys.results(edition.id), queryKeys.stats(edition.id)].map(
        (queryKey) => queryClient.invalidateQueries({ queryKey }),
      ),
    );
  });

  const valueError =
    errors.fields.value ?? errors.fields.userId ?? errors.fields.taxId ?? errors.fields.ballotSerial;
  return (
    <form className="card form" noValidate onSubmit={(e) => void onSubmit(e)} aria-labelledby="annul-form">
      <h2 id="annul-form">{t('annulAdmin.formTitle')}</h2>
      <FormStatus error={errors.formError} success={success} />
      <fieldset>
        <legend>{t('annulAdmin.kind')}</legend>
        {(['fraud', 'entry_error'] as const).map((k) => (
          <div className="field field-checkbox" key={k}>
            <input
              type="radio"
              id={`annul-kind-${k}`}
              name="kind"
              value={k}
              checked={v.kind === k}
              onChange={set('kind')}
              aria-describedby={`annul-kind-${k}-hint`}
            />
            <label htmlFor={`annul-kind-${k}`}>{t(`annulmentKind.${k}`)}</label>
            <p className="field-hint" id={`annul-kind-${k}-hint`}>
              {t(k === 'fraud' ? 'annulAdmin.kindFraudHint' : 'annulAdmin.kindEntryHint')}
            </p>
          </div>
        ))}
      </fieldset>
      <SelectField label={t('annulAdmin.target')} name="target" value={v.target} onChange={set('target')}>
        {TARGETS.map((k) => (
          <option key={k} value={k}>
            {t(label('target', k))}
          </option>
        ))}
      </SelectField>
      <TextField
        label={t(label('value', v.target))}
        name="value"
        required
        inputMode={v.target === 'ballotSerial' ? 'text' : 'numeric'}
        autoComplete="off"
        maxLength={40}
        value={v.value}
        onChange={set('value')}
        error={valueError}
      />
      <TextArea
        label={t('annulAdmin.reason')}
        name="reason"
        required
        rows={3}
        maxLength={1000}
        hint={t('annulAdmin.reasonHint')}
        value={v.reason}
        onChange={set('reason')}
        error={errors.fields.reason}
      />
      <CheckboxField
        label={t('annulAdmin.confirm')}
        name="confirm"
        checked={confirmed}
        onChange={(e) => setConfirmed(e.target.checked)}
        error={errors.fields.confirm}
      />
      <SubmitButton busy={busy}>{t('annulAdmin.submit')}</SubmitButton>
    </form>
  );
}

function AnnulmentList({ editionId }: { editionId: number }) {
  const { t, i18n } = useTranslation();
  const list = useAnnulments(editionId);
  const who = (a: Annulment) =>
    a.target === 'ballot'
      ? t('annulAdmin.whoBallot', { serial: a.ballotSerial ?? '' })
      : a.target === 'user'
        ? t('annulAdmin.whoUser', { id: a.userId })
        : a.userId
          ? t('annulAdmin.whoTaxIdUser', { id: a.userId })
          : t('annulAdmin.whoTaxId');
  return (
    <section aria-labelledby="annul-list">
      <h2 id="annul-list">{t('annulAdmin.listTitle')}</h2>
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <LoadError error={list.error} retry={() => void list.refetch()} />
      ) : list.data.length === 0 ? (
        <p>{t('annulAdmin.empty')}</p>
      ) : (
        <div className="table-wrap" tabIndex={0} role="group" aria-labelledby="annul-list">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('annulAdmin.colWhen')}</th>
                <th scope="col">{t('annulled.colKind')}</th>
                <th scope="col">{t('annulAdmin.colWho')}</th>
                <th scope="col" className="num">
                  {t('annulled.colVotes')}
                </th>
                <th scope="col">{t('annulled.colReason')}</th>
                <th scope="col">{t('annulAdmin.colBy')}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.map((a) => (
                <tr key={a.id}>
                  <td>{formatDateTime(a.createdAt, i18n.language)}</td>
                  <td>{t(`annulmentKind.${a.kind}`)}</td>
                  <td>{who(a)}</td>
                  <td className="num">{a.votes}</td>
                  <td>{a.reason}</td>
                  <td>{a.createdBy.fullName}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
