// Own small i18n: German is the default, English the alternative. The choice is remembered in
// localStorage; <html lang> follows it. t() reads reactive state, so templates update at once.
import { de } from './messages/de';
import { en } from './messages/en';

export type Lang = 'de' | 'en';
export type MessageKey = keyof typeof de;

export const languages: readonly Lang[] = ['de', 'en'];
const catalogs: Record<Lang, Record<MessageKey, string>> = { de, en };
const STORAGE_KEY = 'helferkarte.lang';

function isLang(value: unknown): value is Lang {
  return value === 'de' || value === 'en';
}

function storedLang(): Lang {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    if (isLang(value)) return value;
  } catch {
    // Storage can be disabled; German is then used.
  }
  return 'de';
}

export const locale = $state<{ lang: Lang }>({ lang: storedLang() });

/** Translates a key into the current language; {name} placeholders are filled from params. */
export function t(key: MessageKey, params?: Record<string, string | number>): string {
  const text = catalogs[locale.lang][key];
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (match, name: string) =>
    name in params ? String(params[name]) : match,
  );
}

export function setLang(lang: Lang): void {
  locale.lang = lang;
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Not remembered, but still switched for this visit.
  }
  document.documentElement.lang = lang;
}

/** The language used for Accept-Language on API requests. */
export function currentLang(): Lang {
  return locale.lang;
}
