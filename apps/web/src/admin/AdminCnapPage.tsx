import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { createCnapLocationBodySchema } from '@bu/shared';
import { api, ApiError } from '../api';
import { queryKeys, useCnapLocations } from '../api/queries';
import { FormStatus, SubmitButton, TextField } from '../components/Field';
import { LoadError, Loading } from '../components/States';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import { useForm } from '../lib/useForm';
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
  const { values: v, set, reset, errors, busy, success, setSuccess, submit } = useForm(empty);

  const onSubmit = submit(
    createCnapLocationBodySchema,
    async (body) => {
      const { location } = await api.createCnapLocation(body);
      reset();
      setSuccess(t('cnapAdmin.added', { name: location.name }));
      await queryClient.invalidateQueries({ queryKey: queryKeys.cnapLocations });
    },
    // 409: the name is taken (API: details on body.name); said in the person's language beside the field.
    (err) => {
      if (!(err instanceof ApiError && err.code === 'CONFLICT')) return false;
      errors.summarise({ name: t('cnapAdmin.nameTaken') });
      return true;
    },
  );

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
      <SubmitButton busy={busy}>{t('cnapAdmin.add')}</SubmitButton>
    </form>
  );
}
