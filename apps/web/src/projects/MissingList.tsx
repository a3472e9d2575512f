import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { SubmissionField } from '@bu/shared';
import { MISSING_TARGET } from './projectForm';

/**
 * What a submission still lacks, each item a link that takes the person to its field. It takes the
 * focus when it appears, so the list is read out and the next Tab reaches the first field to fill.
 */
export function MissingList({ fields }: { fields: SubmissionField[] }) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  const shown = fields.length > 0;
  useEffect(() => {
    if (shown) heading.current?.focus();
  }, [shown]);
  if (!shown) return null;
  return (
    <section className="alert alert-error missing-list" aria-labelledby="missing-title">
      <h2 id="missing-title" ref={heading} tabIndex={-1}>
        {t('projectForm.missingTitle')}
      </h2>
      <ul>
        {fields.map((f) => (
          <li key={f}>
            <a
              href={`#${MISSING_TARGET[f]}`}
              onClick={(e) => {
                e.preventDefault();
                document.getElementById(MISSING_TARGET[f])?.focus();
              }}
            >
              {t(`projectForm.missing.${f}`)}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
