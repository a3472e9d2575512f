import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { TextField } from '../components/Field';
import { Loading, LoadError } from '../components/States';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import { Refusal } from '../voting/voteErrors';
import { checkTaxId } from '../voting/taxId';
import { TaxIdField } from '../voting/TaxIdField';
import { CnapTabs } from './CnapTabs';
import { LocationPicker, useOperatorLocation } from './useOperatorLocation';

type Outcome = { kind: 'ok'; userId: number } | { kind: 'refused'; error: unknown } | null;

/** In-person verification (docs/rules.md §9, §16): the operator has seen the documents and vouches for the account. */
export function VerifyPage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle(t('cnap.verifyTitle'));
  const location = useOperatorLocation();
  const [userId, setUserId] = useState('');
  const [taxId, setTaxId] = useState('');
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const formRef = useRef<HTMLFormElement>(null);

  const id = Number(userId);
  const idOk = /^\d+$/.test(userId) && id > 0 && id <= 2_147_483_647;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setTried(true);
    setOutcome(null);
    if (!location.current || !idOk || checkTaxId(taxId, t, i18n.language).state !== 'ok') return;
    setBusy(true);
    try {
      const res = await api.verifyAtCnap({ userId: id, taxId, cnapLocationId: location.current.id });
      setOutcome({ kind: 'ok', userId: res.userId });
      setUserId('');
      setTaxId('');
      setTried(false);
      formRef.current?.querySelector('input')?.focus();
    } catch (err) {
      setOutcome({ kind: 'refused', error: err });
    } finally {
      setBusy(false);
    }
  }

  let body;
  if (location.query.isPending) body = <Loading />;
  else if (location.query.isError)
    body = <LoadError error={location.query.error} retry={() => void location.query.refetch()} />;
  else {
    body = (
      <>
        <LocationPicker state={location} />
        {location.current && (
          <form ref={formRef} className="narrow" noValidate onSubmit={(e) => void submit(e)}>
            <p>{t('cnap.verifyIntro')}</p>
            <TextField
              label={t('cnap.userId')}
              hint={t('cnap.userIdHint')}
              inputMode="numeric"
              autoComplete="off"
              autoFocus
              value={userId}
              onChange={(e) => {
                setUserId(e.target.value.replace(/[^\d]/g, ''));
                setOutcome(null);
              }}
              error={tried && !idOk ? t('cnap.userIdInvalid') : undefined}
              required
            />
            <TaxIdField label={t('cnap.taxId')} value={taxId} onChange={setTaxId} strict={tried} required />
            <div aria-live="assertive" aria-atomic="true">
              {outcome?.kind === 'ok' && (
                <p className="alert alert-success" role="status">
                  <span aria-hidden="true">✓ </span>
                  {t('cnap.verified', { id: outcome.userId })}
                </p>
              )}
              {outcome?.kind === 'refused' && (
                <div className="alert alert-error" role="alert">
                  <Refusal error={outcome.error} prefix="cnap" t={t} />
                </div>
              )}
            </div>
            <button type="submit" className="button" disabled={busy}>
              {busy ? t('form.sending') : t('cnap.verifySubmit')}
            </button>
          </form>
        )}
      </>
    );
  }

  return (
    <div className="cnap-page">
      <CnapTabs />
      <h1>{t('cnap.verifyTitle')}</h1>
      {body}
    </div>
  );
}
