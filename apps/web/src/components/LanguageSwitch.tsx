import { useTranslation } from 'react-i18next';
import { LANGUAGES, setLanguage } from '../i18n';

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <div className="lang-switch" role="group" aria-label={t('nav.language')}>
      {LANGUAGES.map((lng) => (
        <button
          key={lng}
          type="button"
          lang={lng}
          aria-pressed={i18n.language === lng}
          // Offline, English cannot be fetched: the interface simply stays as it is.
          onClick={() => void setLanguage(lng).catch(() => undefined)}
        >
          {/* The name begins with what is seen («УКР»), so that a voice command naming it works (WCAG 2.5.3). */}
          {t(lng === 'uk' ? 'lang.uk' : 'lang.en')}
          <span className="visually-hidden"> {t(lng === 'uk' ? 'lang.ukName' : 'lang.enName')}</span>
        </button>
      ))}
    </div>
  );
}
