import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { uk } from './uk';
import { en } from './en';

export const LANGUAGES = ['uk', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
const STORAGE_KEY = 'bu.lang';

function storedLanguage(): Language {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    return v === 'en' ? 'en' : 'uk';
  } catch {
    return 'uk';
  }
}

// Both languages are small and bundled: no flash of untranslated text, no extra request.
void i18n.use(initReactI18next).init({
  resources: { uk: { translation: uk }, en: { translation: en } },
  lng: storedLanguage(),
  fallbackLng: 'uk',
  supportedLngs: LANGUAGES,
  interpolation: { escapeValue: false }, // React escapes already
  returnNull: false,
});

function applyLanguage(lng: string) {
  document.documentElement.lang = lng;
  try {
    localStorage.setItem(STORAGE_KEY, lng);
  } catch {
    // Without storage the choice lasts for this page only.
  }
}
applyLanguage(i18n.language);
i18n.on('languageChanged', applyLanguage);

export default i18n;
