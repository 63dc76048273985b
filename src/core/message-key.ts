import type vi from "../../locales/vi.json";

/** The languages replies are written in; each caller passes the one of its user or chat. */
export type Locale = "vi" | "en";

type Leaves<T, Prefix extends string = ""> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : Leaves<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

/** Every key of locales/vi.json, as "section.key"; a typo is a compile error. */
export type TranslationKey = Leaves<typeof vi>;
export type TranslationParams = Record<string, string | number>;

/** The keys of one section, without its prefix: KeysUnder<"planfile.error"> is "syntax" | …. */
export type KeysUnder<Section extends string> = TranslationKey extends infer K
  ? K extends `${Section}.${infer Rest}`
    ? Rest
    : never
  : never;

/**
 * A sentence not yet put into words: a key of locales/*.json and its parameters. The domain
 * returns these; the edge (services, commands, CLI) renders them in the caller's locale.
 * A parameter is user data or a number (inserted as is), or itself a message or a list.
 */
export interface Message {
  readonly key: TranslationKey;
  readonly params?: Readonly<Record<string, MessageParam>>;
}

/** Several parts read as one, with a separator between them ("30/06 và 15/11"). */
export interface MessageList {
  readonly items: readonly MessageParam[];
  /** A message (" và ") or punctuation (" "). */
  readonly separator: MessageParam;
}

export type MessageParam = string | number | Message | MessageList;

export function message(key: TranslationKey, params?: Record<string, MessageParam>): Message {
  return params === undefined ? { key } : { key, params };
}

export function messageList(items: readonly MessageParam[], separator: MessageParam): MessageList {
  return { items, separator };
}
