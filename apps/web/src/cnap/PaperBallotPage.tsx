import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useEditions } from '../api/queries';
import { SelectField } from '../components/Field';
import { LoadError, Loading } from '../components/States';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import { BallotEntry } from './BallotEntry';
import { CnapTabs } from './CnapTabs';
import { LocationPicker, useOperatorLocation } from './useOperatorLocation';

/**
 * The operator's paper ballot page (docs/rules.md §13): the desk and the edition, chosen once
 * (`?edition=` from the start page), then the ballot form for one person after another.
 */
export function PaperBallotPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('cnap.ballotTitle'));
  const editions = useEditions();
  const location = useOperatorLocation();
  const [params] = useSearchParams();
  const [editionId, setEditionId] = useState<number | null>(() => Number(params.get('edition')) || null);

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
