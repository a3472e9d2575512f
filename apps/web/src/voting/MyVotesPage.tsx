import '../voting/voting.css';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Edition } from '@bu/shared';
import { useMyVotes } from '../api/queries';
import { RequireSignIn } from '../auth/RequireSignIn';
import { LoadError, Loading } from '../components/States';
import { formatDateTime } from '../lib/datetime';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import { Breadcrumb, WithEdition } from '../results/ResultsPages';
import { TableScroll } from '../components/TableScroll';

export default function MyVotesPage() {
  return (
    <RequireSignIn>
      <WithEdition>{(edition) => <MyVotes edition={edition} />}</WithEdition>
    </RequireSignIn>
  );
}

function MyVotes({ edition }: { edition: Edition }) {
  const { t, i18n } = useTranslation();
  const mine = useMyVotes(edition.id);
  useDocumentTitle(t('myVotes.titleOf', { title: edition.title }));

  let body: ReactNode;
  if (mine.isPending) body = <Loading />;
  else if (mine.isError) body = <LoadError error={mine.error} retry={() => void mine.refetch()} />;
  else {
    const { votes, allowance } = mine.data;
    body = (
      <>
        <section aria-labelledby="allowance-h">
          <h2 id="allowance-h">{t('myVotes.allowance')}</h2>
          <TableScroll labelledBy="allowance-h">
            <table className="table table-stack">
              <thead>
                <tr>
                  <th scope="col">{t('myVotes.colCategory')}</th>
                  <th scope="col" className="num">
                    {t('myVotes.colUsed')}
                  </th>
                  <th scope="col" className="num">
                    {t('myVotes.colRemaining')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {allowance.map((a) => (
                  <tr key={a.categoryId}>
                    <th scope="row">{a.categoryName}</th>
                    <td className="num" data-label={t('myVotes.colUsed')}>
                      {a.used} / {a.maxVotes}
                    </td>
                    <td className="num" data-label={t('myVotes.colRemaining')}>
                      {a.remaining}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </section>
        <section aria-labelledby="votes-h">
          <h2 id="votes-h">{t('myVotes.list')}</h2>
          {votes.length === 0 ? (
            <p>{t('myVotes.none')}</p>
          ) : (
            <>
              <TableScroll labelledBy="votes-h">
                <table className="table table-stack">
                  <thead>
                    <tr>
                      <th scope="col">{t('myVotes.colProject')}</th>
                      <th scope="col">{t('myVotes.colCategory')}</th>
                      <th scope="col">{t('myVotes.colChannel')}</th>
                      <th scope="col">{t('myVotes.colWhen')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {votes.map((v, i) => (
                      // One project may appear twice: a vote annulled as an entry error, and its re-entry.
                      <tr key={`${v.projectId}-${i}`} className={v.annulled ? 'is-annulled' : undefined}>
                        <th scope="row">
                          <Link to={`/projects/${v.projectId}`}>{v.title}</Link>
                        </th>
                        <td data-label={t('myVotes.colCategory')}>{v.categoryName}</td>
                        <td data-label={t('myVotes.colChannel')}>
                          {v.channel === 'online' ? t('myVotes.online') : t('myVotes.cnap')}
                          {v.ballotSerial && <> ({t('myVotes.ballot', { serial: v.ballotSerial })})</>}
                          {v.annulled && (
                            <strong>
                              {' — '}
                              {t('annulled.mine', { kind: t(`annulmentKind.${v.annulled}`) })}
                            </strong>
                          )}
                        </td>
                        <td data-label={t('myVotes.colWhen')}>
                          {formatDateTime(v.createdAt, i18n.language)}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableScroll>
              <p className="muted">{t('myVotes.final')}</p>
            </>
          )}
        </section>
        {edition.phase === 'voting' && allowance.some((a) => a.remaining > 0) && (
          <p>
            <Link className="button" to={`/editions/${edition.id}/vote`}>
              {t('myVotes.toBallot')}
            </Link>
          </p>
        )}
      </>
    );
  }

  return (
    <article>
      <Breadcrumb edition={edition} />
      <h1>{t('myVotes.titleOf', { title: edition.title })}</h1>
      {body}
    </article>
  );
}
