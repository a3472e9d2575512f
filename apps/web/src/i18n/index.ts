import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { uk, type Messages } from './uk';

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

// Ukrainian, the language nearly everyone reads, is in the first download; English is a chunk of its
// own, fetched when chosen (docs/benchmarks.md, "First screen").
const loaders: Record<Exclude<Language, 'uk'>, () => Promise<Messages>> = {
  en: () => import('./en').then((m) => m.en),
};

void i18n.use(initReactI18next).init({
  resources: { uk: { translation: uk } },
  lng: 'uk',
  fallbackLng: 'uk',
  supportedLngs: LANGUAGES,
  interpolation: { escapeValue: false }, // React escapes already
  returnNull: false,
});

/** Switches the interface, fetching the language's messages first so no text shows untranslated. */
export async function setLanguage(lng: Language): Promise<void> {
  if (lng !== 'uk' && !i18n.hasResourceBundle(lng, 'translation'))
    i18n.addResourceBundle(lng, 'translation', await loaders[lng]());
  await i18n.changeLanguage(lng);
}

/**
 * Resolves once the stored language is ready to show. Offline with English chosen, the messages
 * cannot be fetched and the interface starts in Ukrainian rather than not at all.
 */
export function languageReady(): Promise<void> {
  const lng = storedLanguage();
  // The page is served as lang="uk" (index.html), which is what it shows until English is ready.
  return lng === 'uk' ? Promise.resolve() : setLanguage(lng).catch(() => undefined);
}

function applyLanguage(lng: string) {
  document.documentElement.lang = lng;
  try {
    localStorage.setItem(STORAGE_KEY, lng);
  } catch {
    // Without storage the choice lasts for this page only.
  }
}
i18n.on('languageChanged', applyLanguage);

export default i18n;
