import { useTranslation } from 'react-i18next';
import { LANGUAGES } from '../i18n';

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
          aria-label={t(lng === 'uk' ? 'lang.ukName' : 'lang.enName')}
          onClick={() => void i18n.changeLanguage(lng)}
        >
          {t(lng === 'uk' ? 'lang.uk' : 'lang.en')}
        </button>
      ))}
    </div>
  );
}
