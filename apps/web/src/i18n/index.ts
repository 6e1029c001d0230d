import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import it from './it.json';
import documentsIt from './documents.it.json';
import moderationIt from './moderation.it.json';
import labsIt from './labs.it.json';
import liveIt from './live.it.json';
import tutoringIt from './tutoring.it.json';
import practicesIt from './practices.it.json';
import programmesIt from './programmes.it.json';
import homeIt from './home.it.json';
import twinningsIt from './twinnings.it.json';

export const LANGUAGES = ['it', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'it';

/** The Intl locale behind each interface language. */
export const INTL_LOCALES: Record<Language, string> = { it: 'it-IT', en: 'en-GB' };

/**
 * Each feature keeps its wording in its own file pair (`<feature>.it.json`, `<feature>.en.json`)
 * under one top-level key, so features can grow without touching each other's files.
 */
const italian = {
  ...it,
  documents: documentsIt,
  moderation: moderationIt,
  labs: labsIt,
  live: liveIt,
  tutoring: tutoringIt,
  practices: practicesIt,
  programmes: programmesIt,
  home: homeIt,
  twinnings: twinningsIt,
};

export type TranslationResources = typeof italian;

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: TranslationResources };
  }
}

const STORAGE_KEY = 'convergo.language';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

export function currentLanguage(): Language {
  return isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : DEFAULT_LANGUAGE;
}

/** Italian ships in the main bundle; other languages are fetched when first chosen. */
async function loadBundle(language: Language): Promise<void> {
  if (i18n.hasResourceBundle(language, 'translation')) return;
  if (language === 'en') {
    const [base, documents, moderation, labs, live, tutoring, practices, programmes, home, twinnings] =
      await Promise.all([
        import('./en.json'),
        import('./documents.en.json'),
        import('./moderation.en.json'),
        import('./labs.en.json'),
        import('./live.en.json'),
        import('./tutoring.en.json'),
        import('./practices.en.json'),
        import('./programmes.en.json'),
        import('./home.en.json'),
        import('./twinnings.en.json'),
      ]);
    const bundle: TranslationResources = {
      ...base.default,
      documents: documents.default,
      moderation: moderation.default,
      labs: labs.default,
      live: live.default,
      tutoring: tutoring.default,
      practices: practices.default,
      programmes: programmes.default,
      home: home.default,
      twinnings: twinnings.default,
    };
    i18n.addResourceBundle('en', 'translation', bundle);
  }
}

export async function setLanguage(language: Language): Promise<void> {
  await loadBundle(language);
  await i18n.changeLanguage(language);
  try {
    window.localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // storage unavailable: the choice lasts for this page only
  }
}

const CHOSEN_SIGNED_OUT_KEY = 'convergo.language.chosenSignedOut';

/**
 * A language chosen while signed out (on /accedi, on the invitation page): kept for this tab
 * until the next sign-in, which keeps it and saves it to the profile.
 */
export function rememberSignedOutChoice(language: Language): void {
  try {
    window.sessionStorage.setItem(CHOSEN_SIGNED_OUT_KEY, language);
  } catch {
    // storage unavailable: the profile's language applies at sign-in
  }
}

/** The language chosen while signed out, if any, forgotten once read. */
export function takeSignedOutChoice(): Language | null {
  try {
    const chosen = window.sessionStorage.getItem(CHOSEN_SIGNED_OUT_KEY);
    window.sessionStorage.removeItem(CHOSEN_SIGNED_OUT_KEY);
    return isLanguage(chosen) ? chosen : null;
  } catch {
    return null;
  }
}

function savedLanguage(): Language | null {
  try {
    const saved = window.localStorage.getItem(STORAGE_KEY);
    return isLanguage(saved) ? saved : null;
  } catch {
    return null;
  }
}

export async function initI18n(): Promise<typeof i18n> {
  i18n.on('languageChanged', (language) => {
    document.documentElement.lang = language;
  });
  await i18n.use(initReactI18next).init({
    resources: { it: { translation: italian } },
    lng: DEFAULT_LANGUAGE,
    fallbackLng: DEFAULT_LANGUAGE,
    supportedLngs: [...LANGUAGES],
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  const saved = savedLanguage();
  if (saved && saved !== DEFAULT_LANGUAGE) await setLanguage(saved);
  document.documentElement.lang = i18n.language;
  return i18n;
}

export { i18n };
