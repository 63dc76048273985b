import i18next from "i18next";
import { z } from "zod";
import vi from "../locales/vi.json" with { type: "json" };
import en from "../locales/en.json" with { type: "json" };

import type {
  Locale,
  Message,
  MessageList,
  MessageParam,
  TranslationKey,
  TranslationParams,
} from "./core/message-key.js";

export type {
  Locale,
  Message,
  MessageParam,
  TranslationKey,
  TranslationParams,
} from "./core/message-key.js";

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

/**
 * A domain message in words, in the caller's locale: nested messages are rendered first, a
 * list is joined by its separator; strings and numbers are inserted as they are.
 */
export function render(value: MessageParam, locale?: Locale): string {
  if (typeof value === "string") return value;
  if (typeof value === "number") return String(value);
  if ("items" in value) {
    return value.items.map((item) => render(item, locale)).join(render(value.separator, locale));
  }
  const params: TranslationParams = {};
  for (const [name, param] of Object.entries(value.params ?? {})) {
    params[name] = typeof param === "number" ? param : render(param, locale);
  }
  return t(value.key, params, locale);
}

/** True for a key of locales/vi.json (a message read back from storage names a real sentence). */
export function isTranslationKey(key: string): key is TranslationKey {
  return instance.exists(key, { lng: "vi" });
}

/** A message as stored (JSON): checked again when read back, its key must still exist. */
export const messageParamSchema: z.ZodType<MessageParam> = z.lazy(() =>
  z.union([
    z.string(),
    z.number(),
    z.object({
      key: z.string().refine(isTranslationKey, "unknown message key"),
      params: z.record(z.string(), messageParamSchema).optional(),
    }) as z.ZodType<Message>,
    z.object({
      items: z.array(messageParamSchema),
      separator: messageParamSchema,
    }) as z.ZodType<MessageList>,
  ]),
);
