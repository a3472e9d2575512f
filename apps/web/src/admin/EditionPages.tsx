import { useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { createEditionBodySchema, updateEditionBodySchema, type Edition } from '@bu/shared';
import { api, ApiError } from '../api';
import { queryKeys, useEdition } from '../api/queries';
import { useMoney } from '../components/CategoryList';
import { LoadError, Loading } from '../components/States';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import { useFormErrors } from '../lib/useFormErrors';
import { NotFoundPage } from '../pages/NotFoundPage';
import { AdminCategories } from './AdminCategories';
import { CategoryForm } from './CategoryForm';
import { EditionForm } from './EditionForm';
import { TallyPanel } from './TallyPanel';
import {
  changedFields,
  editionToForm,
  emptyEditionForm,
  formToBody,
  type EditionFormValues,
} from './editionForm';

export function CreateEditionPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const errors = useFormErrors();
  const [busy, setBusy] = useState(false);
  useDocumentTitle(t('admin.newEdition'));

  async function submit(values: EditionFormValues) {
    const { body, moneyErrors } = formToBody(values);
    const money = Object.fromEntries(moneyErrors.map((k) => [k, t('validation.money')]));
    const parsed = createEditionBodySchema.safeParse(body, { reportInput: true });
    if (!parsed.success) return errors.fromZod(parsed.error, money);
    errors.clear();
    setBusy(true);
    try {
      const { edition } = await api.createEdition(parsed.data);
      queryClient.setQueryData(queryKeys.edition(edition.id), edition);
      await queryClient.invalidateQueries({ queryKey: queryKeys.editions, exact: true });
      void navigate(`/admin/editions/${edition.id}`, { state: { created: true } });
    } catch (err) {
      errors.fromApi(err);
      setBusy(false);
    }
  }

  return (
    <>
      <BackToList />
      <h1>{t('admin.newEdition')}</h1>
      <EditionForm
        initial={emptyEditionForm}
        submitLabel={t('admin.create')}
        busy={busy}
        fieldErrors={errors.fields}
        formError={errors.formError}
        onSubmit={(v) => void submit(v)}
      />
    </>
  );
}

export function EditEditionPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const edition = useEdition(id);
  useDocumentTitle(
    edition.data ? t('admin.editNamed', { title: edition.data.title }) : t('admin.editEdition'),
  );

  if (edition.isPending) return <Loading />;
  if (edition.isError) {
    if (edition.error instanceof ApiError && edition.error.status === 404)
      return <NotFoundPage message={t('edition.notFound')} />;
    return <LoadError error={edition.error} retry={() => void edition.refetch()} />;
  }
  // Keyed by id: moving to another edition starts a fresh form rather than keeping the old values.
  return <EditEdition key={edition.data.id} edition={edition.data} />;
}

function EditEdition({ edition }: { edition: Edition }) {
  const { t } = useTranslation();
  const money = useMoney();
  const queryClient = useQueryClient();
  const created = (useLocation().state as { created?: boolean } | null)?.created === true;
  const errors = useFormErrors();
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<string | null>(created ? t('admin.created') : null);
  const [initial, setInitial] = useState(() => editionToForm(edition));

  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: queryKeys.editions });
  };

  async function submit(values: EditionFormValues) {
    setSaved(null);
    const { body, moneyErrors } = changedFields(initial, values);
    const money = Object.fromEntries(moneyErrors.map((k) => [k, t('validation.money')]));
    const parsed = updateEditionBodySchema.safeParse(body, { reportInput: true });
    if (!parsed.success) return errors.fromZod(parsed.error, money);
    if (moneyErrors.length > 0) return errors.summarise(money);
    errors.clear();
    setBusy(true);
    try {
      const { edition: next } = await api.updateEdition(edition.id, parsed.data);
      queryClient.setQueryData(queryKeys.edition(next.id), next);
      setInitial(editionToForm(next));
      setSaved(t('form.saved'));
      await refresh();
    } catch (err) {
      errors.fromApi(err);
    } finally {
      setBusy(false);
    }
  }

  const assigned = edition.categories.reduce((s, c) => s + c.fund, 0);
  return (
    <>
      <BackToList />
      <h1>{edition.title}</h1>
      <ul className="inline-links">
        <li>
          <Link to={`/editions/${edition.id}`}>{t('admin.view')}</Link>
        </li>
        <li>
          <Link to={`/admin/editions/${edition.id}/annulments`}>{t('annulAdmin.link')}</Link>
        </li>
        <li>
          <Link to={`/admin/editions/${edition.id}/signals`}>{t('signals.link')}</Link>
        </li>
      </ul>
      <section aria-labelledby="edit-edition">
        <h2 id="edit-edition">{t('admin.editEdition')}</h2>
        <EditionForm
          initial={initial}
          submitLabel={t('admin.save')}
          busy={busy}
          fieldErrors={errors.fields}
          formError={errors.formError}
          success={saved}
          onSubmit={(v) => void submit(v)}
        />
      </section>
      <section aria-labelledby="edition-categories">
        <h2 id="edition-categories">{t('admin.categories')}</h2>
        <p>{t('admin.fundsLeft', { amount: money(edition.totalFund - assigned) })}</p>
        <AdminCategories edition={edition} onChanged={() => void refresh()} />
        <CategoryForm editionId={edition.id} onAdded={() => void refresh()} />
      </section>
      <TallyPanel edition={edition} />
    </>
  );
}

function BackToList() {
  const { t } = useTranslation();
  return (
    <p className="breadcrumb">
      <Link to="/admin/editions">
        <span aria-hidden="true">← </span>
        {t('admin.editionsTitle')}
      </Link>
    </p>
  );
}
