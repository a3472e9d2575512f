import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useEditions } from '../api/queries';
import { useMoney } from '../components/CategoryList';
import { LoadError, Loading } from '../components/States';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import { TableScroll } from '../components/TableScroll';

export function AdminEditionsPage() {
  const { t } = useTranslation();
  const money = useMoney();
  const editions = useEditions();
  useDocumentTitle(t('admin.editionsTitle'));

  return (
    <>
      <div className="page-head">
        <h1>{t('admin.editionsTitle')}</h1>
        <Link to="/admin/editions/new" className="button">
          {t('admin.newEdition')}
        </Link>
      </div>
      {editions.isPending ? (
        <Loading />
      ) : editions.isError ? (
        <LoadError error={editions.error} retry={() => void editions.refetch()} />
      ) : editions.data.length === 0 ? (
        <p>{t('admin.noEditions')}</p>
      ) : (
        <TableScroll label={t('admin.editionsTitle')}>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('admin.colTitle')}</th>
                <th scope="col">{t('admin.colPhase')}</th>
                <th scope="col" className="num">
                  {t('admin.colFund')}
                </th>
                <th scope="col" className="num">
                  {t('admin.colCategories')}
                </th>
                <th scope="col">{t('admin.colActions')}</th>
              </tr>
            </thead>
            <tbody>
              {editions.data.map((e) => (
                <tr key={e.id}>
                  <th scope="row">
                    <Link to={`/editions/${e.id}`}>{e.title}</Link>
                  </th>
                  <td>
                    <span className={`phase-pill phase-${e.phase}`}>{t(`phase.${e.phase}`)}</span>
                  </td>
                  <td className="num money">{money(e.totalFund)}</td>
                  <td className="num">{e.categories.length}</td>
                  <td>
                    <Link
                      to={`/admin/editions/${e.id}`}
                      aria-label={t('admin.editNamed', { title: e.title })}
                    >
                      {t('admin.edit')}
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </>
  );
}
