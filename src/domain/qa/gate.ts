import { z } from "zod";
import { fold } from "../text/fold.js";
import { parseReportText } from "../reports/index.js";
import { normaliseText, syllables } from "./normalise.js";

/**
 * What a chat message is before anyone looks for a rule. Only `question` goes on to the rules;
 * a status report, a date, a command word, a greeting or thanks is never a rules question.
 */
export type MessageKind =
  "question" | "empty" | "report" | "date" | "command" | "greeting" | "thanks";

const phrase = z.string().trim().min(1);
const phrases = z.array(phrase);

/** What may follow a status ("xong" + at most three words, "vướng" + its reason…). */
const followSchema = z.strictObject({
  /** Any words, up to this many. */
  upTo: z.number().int().min(0).default(0),
  /** Any words when one of them is a number ("đang làm 50%", "gia hạn 30/12"). */
  number: z.boolean().default(false),
  /** Any words when they open with one of these ("chưa làm được vì …"). */
  openers: phrases.default([]),
});

const reportFormSchema = z.strictObject({
  /** The status the form reports, for the reader of the file (the report parser decides). */
  status: z.enum(["done", "in_progress", "not_started", "blocked", "extension_requested"]),
  /** Words that may come before the status word ("đã", "xin"). */
  before: phrases.default([]),
  /** The form needs one of `before` ("mai" + "xong"). */
  beforeRequired: z.boolean().default(false),
  /** The status words; "#" stands for a number. */
  starts: phrases.min(1),
  /** When given, the status word is followed by one or more of these, or by nothing. */
  objects: phrases.default([]),
  then: followSchema.default({ upTo: 0, number: false, openers: [] }),
  /** Asking for it ("xin gia hạn có được không") is still about reports. */
  askable: z.boolean().default(false),
});

/** data/rules/gate.yaml: the words of the gate (see that file). */
export const gateFileSchema = z.strictObject({
  version: z.literal(1),
  shorthands: z.record(z.string(), phrase).default({}),
  polite: phrases,
  thanks: z.strictObject({
    leads: phrases,
    words: phrases.min(1),
    after: phrases.default([]),
    acknowledgements: phrases,
  }),
  greetings: z.strictObject({
    leads: phrases,
    words: phrases.min(1),
    calls: phrases,
    wishes: phrases.default([]),
    presence: phrases.default([]),
  }),
  commands: z.strictObject({ names: phrases, phrases }),
  dates: z.strictObject({ words: phrases, connectors: phrases }),
  reports: z.strictObject({
    openers: phrases,
    connectors: phrases,
    subjects: phrases.default([]),
    subjectLinks: phrases.default([]),
    forms: z.array(reportFormSchema).min(1),
  }),
  questions: z.strictObject({ anywhere: phrases, atEnd: phrases, permission: phrases.default([]) }),
});
export type GateWords = Omit<z.infer<typeof gateFileSchema>, "version">;

/** No words at all: only slash commands, numeric dates and what the report parser reads. */
export const NO_GATE_WORDS: GateWords = gateFileSchema.parse({
  version: 1,
  polite: [],
  thanks: { leads: [], words: ["-"], acknowledgements: [] },
  greetings: { leads: [], words: ["-"], calls: [] },
  commands: { names: [], phrases: [] },
  dates: { words: [], connectors: [] },
  reports: { openers: [], connectors: [], forms: [{ status: "done", starts: ["-"] }] },
  questions: { anywhere: [], atEnd: [], permission: [] },
});

/** Any valid day: the report parser needs one to read "30/12"; the gate only asks "is it a report?". */
const SOME_DAY = "2000-01-01";
/** A report is a short message: a long one that contains "xong" is a sentence about something else. */
const MAX_REPORT_WORDS = 12;
const MAX_SHORT_WORDS = 8;
const MAX_PARSED_WORDS = 3;
/** "đã xong, em gửi kèm báo cáo": a status may be followed by one more status. */
const MAX_STATUSES = 3;

/** Numeric dates keep their separators: "30/12", "15.11.2025", "2025-12-30", "15h30", "8:30". */
const NUMERIC_DATE =
  /^(?:(?:ngay|den|den ngay|han|toi|truoc)\s)?\d{1,2}\s?[/.-]\s?\d{1,2}(?:\s?[/.-]\s?\d{2,4})?$|^\d{4}-\d{1,2}-\d{1,2}$/;
const DATE_TOKEN = /^(?:\d{1,4}(?:[/.:h-]\d{1,4}){0,2}(?:h|g|gio)?|t[2-7]|cn)$/;
const NUMBER = /^\d{1,3}$/;
const CODE = /^[a-z0-9]+$/;
/** A task code in front of a status: "STP-3A" (read as "stp 3a"), "NV12". */
const CODE_HEAD = /^[a-z]{1,6}$/;
const CODE_TAIL = /^[a-z]{0,6}\d{1,4}[a-z]{0,3}$/;
/** Words of a subject's name before its status: "việc rà soát đã xong". */
const MAX_SUBJECT_WORDS = 3;

type Words = readonly string[];
/** A phrase as folded words; "#" matches a number. */
type Phrase = readonly string[];

const toPhrase = (text: string): Phrase =>
  text
    .trim()
    .split(/\s+/)
    .flatMap((word) => (word === "#" ? ["#"] : syllables(fold(normaliseText(word)))));
const toPhrases = (list: readonly string[]): Phrase[] =>
  list
    .map(toPhrase)
    .filter((p) => p.length > 0)
    .sort((a, b) => b.length - a.length);

const wordMatches = (pattern: string, word: string | undefined): boolean =>
  word !== undefined && (pattern === "#" ? NUMBER.test(word) : pattern === word);

/** Where each phrase of `list` found at `at` ends (longest first). */
function endsOf(words: Words, at: number, list: readonly Phrase[]): number[] {
  const ends: number[] = [];
  for (const p of list) {
    if (p.every((w, k) => wordMatches(w, words[at + k]))) ends.push(at + p.length);
  }
  return ends;
}

/** One part of a whole-message pattern: `min`…`max` phrases of one list. */
interface Part {
  list: readonly Phrase[];
  min: number;
  max: number;
}
const part = (list: readonly Phrase[], min = 0, max = 4): Part => ({ list, min, max });

/** The words, from `at` to the end, are the parts in order. */
function fits(words: Words, at: number, parts: readonly Part[]): boolean {
  const [first, ...rest] = parts;
  if (first === undefined) return at === words.length;
  const go = (i: number, count: number): boolean => {
    if (count >= first.min && fits(words, i, rest)) return true;
    if (count >= first.max) return false;
    return endsOf(words, i, first.list).some((end) => go(end, count + 1));
  };
  return go(at, 0);
}

interface Form {
  before: Phrase[];
  beforeRequired: boolean;
  starts: Phrase[];
  objects: Phrase[];
  upTo: number;
  number: boolean;
  openers: Phrase[];
  askable: boolean;
}

export interface Gate {
  classify(text: string): MessageKind;
}

/** The gate over its words (data/rules/gate.yaml, read and validated with the rule base). */
export function createGate(words: GateWords): Gate {
  // Looked up before folding: "e" is "em", "ê" is no shorthand.
  const shorthands = new Map(
    Object.entries(words.shorthands).map(([from, to]) => [normaliseText(from), toPhrase(to)]),
  );
  const polite = toPhrases(words.polite);
  const questionAnywhere = toPhrases(words.questions.anywhere);
  const questionAtEnd = new Set(words.questions.atEnd.map((w) => toPhrase(w).join(" ")));
  const permission = toPhrases(words.questions.permission);

  const thanks = toPhrases(words.thanks.words);
  const thanksPatterns: Part[][] = [
    [
      part(toPhrases(words.thanks.leads)),
      part(thanks, 1, 1),
      part(polite),
      part(toPhrases(words.thanks.after), 0, 1),
      part(polite),
    ],
    [
      part(toPhrases(words.thanks.leads)),
      part(toPhrases(words.thanks.acknowledgements), 1, 3),
      part(thanks, 0, 1),
      part(polite),
    ],
  ];

  const calls = toPhrases(words.greetings.calls);
  const greetingLeads = part(toPhrases(words.greetings.leads));
  const oi = [toPhrase("ơi")];
  const greetingPatterns: Part[][] = [
    [
      greetingLeads,
      part(toPhrases(words.greetings.words), 1, 3),
      part(polite),
      part(toPhrases(words.greetings.wishes), 0, 1),
      part(polite),
    ],
    [greetingLeads, part(calls, 1, 1), part(oi, 1, 3), part(polite)],
    [
      greetingLeads,
      part(calls, 0, 1),
      part(oi, 0, 2),
      part(toPhrases(words.greetings.presence), 1, 1),
      part(polite),
    ],
  ];

  const commandNames = new Set(words.commands.names.map((w) => toPhrase(w).join(" ")));
  const commandPhrases = toPhrases(words.commands.phrases);

  const dateWords = new Set(words.dates.words.flatMap(toPhrase));
  const dateConnectors = new Set(words.dates.connectors.flatMap(toPhrase));
  const politeWords = new Set(words.polite.flatMap(toPhrase));

  const openers = toPhrases(words.reports.openers);
  const connectors = toPhrases(words.reports.connectors);
  const subjects = toPhrases(words.reports.subjects);
  const subjectLinks = toPhrases(words.reports.subjectLinks);
  const forms: Form[] = words.reports.forms.map((form) => ({
    before: toPhrases(form.before),
    beforeRequired: form.beforeRequired,
    starts: toPhrases(form.starts),
    objects: toPhrases(form.objects),
    upTo: form.then.upTo,
    number: form.then.number,
    openers: toPhrases(form.then.openers),
    askable: form.askable,
  }));

  /** Folded words with shorthand spelled out and stretched words cut back ("hiii", "xongg"). */
  function wordsOf(text: string): string[] {
    return syllables(normaliseText(text)).flatMap((word) => {
      const squeezed = word.length > 2 ? word.replace(/(\p{L})\1+$/u, "$1") : word;
      const short = shorthands.get(word) ?? shorthands.get(squeezed);
      return short ? [...short] : [fold(squeezed)];
    });
  }

  /** The words without the polite words that close them ("xong rồi nhé ạ" → "xong"). */
  const withoutTail = (w: Words): Words => withoutEnding(w, polite);

  /** The words without the phrases of `list` that close them. */
  function withoutEnding(w: Words, list: readonly Phrase[]): Words {
    let end = w.length;
    for (let changed = true; changed && end > 0;) {
      changed = false;
      for (const p of list) {
        const at = end - p.length;
        if (at >= 0 && p.every((x, k) => x === w[at + k])) {
          end = at;
          changed = true;
          break;
        }
      }
    }
    return w.slice(0, end);
  }

  function asks(w: Words): boolean {
    if (w.length === 0) return false;
    const last = w[w.length - 1] ?? "";
    if (questionAtEnd.has(last)) return true;
    return w.some((_, i) => endsOf(w, i, questionAnywhere).length > 0);
  }

  function isCommand(w: Words): boolean {
    const bare = withoutTail(w);
    const [first, ...args] = bare;
    // "baocao STP-3A": a code holds a digit ("huy hieu" is no command).
    if (first !== undefined && commandNames.has(first) && args.length <= 4) {
      if (args.length === 0 || (args.every((a) => CODE.test(a)) && args.some(hasDigit)))
        return true;
    }
    return endsOf(bare, 0, commandPhrases).some(
      (end) => end === bare.length || (bare.length - end <= 2 && bare.slice(end).some(hasDigit)),
    );
  }

  /** Only date and time words and numbers: "mai", "thứ 6 tuần sau", "9h sáng mai", "hạn 30/12". */
  function isDate(raw: string): boolean {
    const dateText = fold(raw.toLowerCase())
      .replace(/[.!,;]+$/, "")
      .trim();
    if (NUMERIC_DATE.test(dateText)) return true;
    const tokens = dateText
      .split(/[\s,;!?()]+/)
      .map((t) => t.replace(/^[.]+|[.]+$/g, ""))
      .filter((t) => t !== "");
    while (tokens.length > 1 && politeWords.has(tokens[tokens.length - 1] ?? "")) tokens.pop();
    let anchored = false;
    for (const token of tokens) {
      if (DATE_TOKEN.test(token) || dateWords.has(token)) anchored = true;
      else if (!dateConnectors.has(token)) return false;
    }
    return anchored;
  }

  /** A status, possibly followed by more ("đã xong, em gửi kèm báo cáo"). */
  function isStatus(w: Words, depth: number): { askable: boolean } | undefined {
    // Who speaks, labels and the task's code first: "dạ nhiệm vụ STP-3A em", "nhiệm vụ này".
    const starts = [0];
    for (let i = 0; i < starts.length; i++) {
      const at = starts[i] ?? 0;
      for (const end of [...endsOf(w, at, openers), ...codeEnds(w, at), ...subjectEnds(w, at)]) {
        if (!starts.includes(end)) starts.push(end);
      }
    }
    for (const at of starts) {
      for (const form of forms) {
        // Up to two of `before`: "chắc" + "thứ 6" + "xong".
        const once = endsOf(w, at, form.before);
        const twice = once.flatMap((end) => endsOf(w, end, form.before));
        const afterBefore = [...(form.beforeRequired ? [] : [at]), ...once, ...twice];
        for (const from of afterBefore) {
          for (const startEnd of endsOf(w, from, form.starts)) {
            const ends = form.objects.length === 0 ? [startEnd] : objectEnds(w, startEnd, form);
            for (const end of ends) {
              const rest = withoutTail(w.slice(end));
              if (asks(form.askable ? withoutEnding(rest, permission) : rest)) continue;
              if (follows(rest, form, depth)) return { askable: form.askable };
            }
          }
        }
      }
    }
    return undefined;
  }

  function codeEnds(w: Words, at: number): number[] {
    const [first, second] = [w[at] ?? "", w[at + 1] ?? ""];
    if (CODE_TAIL.test(first) && /\d/.test(first)) return [at + 1];
    return CODE_HEAD.test(first) && CODE_TAIL.test(second) && /\d/.test(second) ? [at + 2] : [];
  }

  /** "việc rà soát" before "đã xong": the subject and its name, where a link word follows. */
  function subjectEnds(w: Words, at: number): number[] {
    return endsOf(w, at, subjects).flatMap((end) => {
      const found: number[] = [];
      for (let k = 1; k <= MAX_SUBJECT_WORDS && end + k < w.length; k++) {
        if (endsOf(w, end + k, subjectLinks).length > 0) found.push(end + k);
      }
      return found;
    });
  }

  /** After a verb like "gửi": what was handed in, one or more, or nothing at all. */
  function objectEnds(w: Words, at: number, form: Form): number[] {
    if (at === w.length) return [at];
    const ends: number[] = [];
    const walk = (i: number) => {
      for (const end of endsOf(w, i, form.objects)) {
        if (!ends.includes(end)) {
          ends.push(end);
          walk(end);
        }
      }
    };
    walk(at);
    return ends.sort((a, b) => b - a);
  }

  function follows(rest: Words, form: Form, depth: number): boolean {
    if (rest.length <= form.upTo) return true;
    if (form.number && rest.some(hasDigit)) return true;
    if (endsOf(rest, 0, form.openers).length > 0) return true;
    if (depth + 1 >= MAX_STATUSES) return false;
    // Another status after this one, maybe after "và", "em": "đang làm, tuần sau xong".
    const joined = [0, ...endsOf(rest, 0, connectors)];
    return joined.some((at) => isStatus(rest.slice(at), depth + 1) !== undefined);
  }

  function classify(text: string): MessageKind {
    const raw = text.trim();
    if (raw.startsWith("/")) return "command";
    const w = wordsOf(raw);
    if (w.length === 0) return raw.includes("?") ? "question" : "empty";
    if (w.length <= MAX_SHORT_WORDS) {
      if (thanksPatterns.some((parts) => fits(w, 0, parts))) return "thanks";
      if (greetingPatterns.some((parts) => fits(w, 0, parts))) return "greeting";
    }
    if (isCommand(w)) return "command";
    if (w.length <= MAX_SHORT_WORDS && !raw.includes("?") && isDate(raw)) return "date";
    if (w.length <= MAX_REPORT_WORDS) {
      const status = isStatus(w, 0);
      if (status && (status.askable || !raw.includes("?"))) return "report";
      // Very short ones the report parser reads in full ("ok xong", "xong rồi ạ").
      if (
        w.length <= MAX_PARSED_WORDS &&
        !raw.includes("?") &&
        !asks(w) &&
        parseReportText(raw, SOME_DAY).ok
      ) {
        return "report";
      }
    }
    return "question";
  }

  return { classify };
}

const hasDigit = (word: string): boolean => /\d/.test(word);
