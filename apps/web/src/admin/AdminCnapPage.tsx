import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { createCnapLocationBodySchema } from '@bu/shared';
import { api, ApiError } from '../api';
import { queryKeys, useCnapLocations } from '../api/queries';
import { FormStatus, TextField } from '../components/Field';
import { LoadError, Loading } from '../components/States';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import { useFormErrors } from '../lib/useFormErrors';
import { TableScroll } from '../components/TableScroll';

/** The ЦНАП locations where paper ballots are entered; operators are attached to them on the staff page. */
export function AdminCnapPage() {
  const { t } = useTranslation();
  const locations = useCnapLocations();
  useDocumentTitle(t('cnapAdmin.title'));

  return (
    <>
      <h1>{t('cnapAdmin.title')}</h1>
      <p className="lead">{t('cnapAdmin.intro')}</p>
      {locations.isPending ? (
        <Loading />
      ) : locations.isError ? (
        <LoadError error={locations.error} retry={() => void locations.refetch()} />
      ) : locations.data.length === 0 ? (
        <p>{t('cnapAdmin.empty')}</p>
      ) : (
        <TableScroll label={t('cnapAdmin.title')}>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('cnapAdmin.colName')}</th>
                <th scope="col">{t('cnapAdmin.colAddress')}</th>
              </tr>
            </thead>
            <tbody>
              {locations.data.map((l) => (
                <tr key={l.id}>
                  <th scope="row">{l.name}</th>
                  <td>{l.address}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <AddLocationForm />
    </>
  );
}

const empty = { name: '', address: '' };

function AddLocationForm() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const errors = useFormErrors();
  const [v, setV] = useState(empty);
  const [busy, setBusy] = useState(false);
  const [success, setSuccess] = useState<string | null>(null);
  const set = (k: keyof typeof empty) => (e: { target: { value: string } }) =>
    setV((old) => ({ ...old, [k]: e.target.value }));

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setSuccess(null);
    const parsed = createCnapLocationBodySchema.safeParse(v, { reportInput: true });
    if (!parsed.success) return errors.fromZod(parsed.error);
    errors.clear();
    setBusy(true);
    try {
      const { location } = await api.createCnapLocation(parsed.data);
      setV(empty);
      setSuccess(t('cnapAdmin.added', { name: location.name }));
      await queryClient.invalidateQueries({ queryKey: queryKeys.cnapLocations });
    } catch (err) {
      // 409: the name is taken (API: details on body.name); said in the person's language beside the field.
      if (err instanceof ApiError && err.code === 'CONFLICT')
        errors.summarise({ name: t('cnapAdmin.nameTaken') });
      else errors.fromApi(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="card form" noValidate onSubmit={(e) => void onSubmit(e)} aria-labelledby="add-location">
      <h2 id="add-location">{t('cnapAdmin.add')}</h2>
      <FormStatus error={errors.formError} success={success} />
      <TextField
        label={t('cnapAdmin.name')}
        name="name"
        required
        maxLength={200}
        value={v.name}
        onChange={set('name')}
        error={errors.fields.name}
      />
      <TextField
        label={t('cnapAdmin.address')}
        name="address"
        required
        maxLength={500}
        autoComplete="street-address"
        value={v.address}
        onChange={set('address')}
        error={errors.fields.address}
      />
      <button type="submit" className="button" disabled={busy}>
        {busy ? t('form.sending') : t('cnapAdmin.add')}
      </button>
    </form>
  );
}
