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

let requested: Language = 'uk';

/**
 * Switches the interface, fetching the language's messages first so no text shows untranslated.
 * The last choice wins: a click on УКР while English is still arriving is not undone by its arrival.
 */
export async function setLanguage(lng: Language): Promise<void> {
  requested = lng;
  if (lng !== 'uk' && !i18n.hasResourceBundle(lng, 'translation')) {
    const messages = await loaders[lng]();
    if (!i18n.hasResourceBundle(lng, 'translation')) i18n.addResourceBundle(lng, 'translation', messages);
    if (requested !== lng) return;
  }
  await i18n.changeLanguage(lng);
}

/** How long the first paint waits for a stored English choice before showing Ukrainian meanwhile. */
const FIRST_PAINT_WAIT_MS = 2_500;

/**
 * Resolves once the stored language is ready to show, or after FIRST_PAINT_WAIT_MS: on a slow line
 * the interface starts in Ukrainian and turns English when the messages arrive; offline it stays
 * Ukrainian (the page is served as lang="uk") rather than not starting at all.
 */
export function languageReady(): Promise<void> {
  const lng = storedLanguage();
  if (lng === 'uk') return Promise.resolve();
  const ready = setLanguage(lng).catch(() => undefined);
  return Promise.race([ready, new Promise<void>((resolve) => setTimeout(resolve, FIRST_PAINT_WAIT_MS))]);
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
