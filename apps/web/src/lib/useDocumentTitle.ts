import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** Each page names itself in the tab and for screen readers announcing the new page. */
export function useDocumentTitle(title: string | undefined) {
  const { t } = useTranslation();
  useEffect(() => {
    const app = t('app.name');
    document.title = title && title !== app ? `${title} — ${app}` : app;
  }, [title, t]);
}
