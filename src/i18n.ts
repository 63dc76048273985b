import i18next from "i18next";
import vi from "../locales/vi.json" with { type: "json" };
import en from "../locales/en.json" with { type: "json" };

export type Locale = "vi" | "en";

type Messages = typeof vi;
type Leaves<T, Prefix extends string = ""> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : Leaves<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

/** Every key of locales/vi.json, as "section.key"; a typo is a compile error. */
export type TranslationKey = Leaves<Messages>;
export type TranslationParams = Record<string, string | number>;

const instance = i18next.createInstance();
void instance.init({
  initAsync: false,
  showSupportNotice: false,
  lng: "vi",
  fallbackLng: "vi",
  supportedLngs: ["vi", "en"],
  resources: { vi: { translation: vi }, en: { translation: en } },
  // Replies are plain text; each channel escapes for its own markup.
  interpolation: { escapeValue: false },
});

let defaultLocale: Locale = "vi";

export function setDefaultLocale(locale: Locale): void {
  defaultLocale = locale;
}

export function getDefaultLocale(): Locale {
  return defaultLocale;
}

/** Translate a key; every user-facing sentence goes through here. */
export function t(
  key: TranslationKey,
  params: TranslationParams = {},
  locale: Locale = defaultLocale,
): string {
  return instance.t(key as string, { ...params, lng: locale }) as string;
}
