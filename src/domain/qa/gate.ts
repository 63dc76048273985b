import { fold } from "../text/fold.js";
import { parseReportText } from "../reports/index.js";
import { normaliseText, syllables } from "./normalise.js";

/**
 * What a chat message is before anyone looks for a rule. Only `question` goes on to the rules;
 * a status report, a date, a command word, a greeting or thanks is never a rules question.
 */
export type MessageKind =
  "question" | "empty" | "report" | "date" | "command" | "greeting" | "thanks";

/** Any valid day: the report parser needs one to read "30/12"; the gate only asks "is it a report?". */
const SOME_DAY = "2000-01-01";
/** A report is a short message: a long one that contains "xong" is a sentence about something else. */
const MAX_REPORT_WORDS = 12;
const MAX_SHORT_WORDS = 6;
const MAX_PARSED_WORDS = 3;

// All patterns run on folded text: lower case, no diacritics, single spaces, no punctuation.
const POLITE =
  "(?: (?:a|ah|oi|nhe|nha|nhe a|nhieu|lam|nhieu nhe|nhieu a|ban|bot|ad|admin|em|anh|chi|moi nguoi|ca nha|nhe bot|bot nhe|bot nha|ban nhe|hay qua|tuyet qua|tot qua|qua))*";
/** Someone calling the bot ("bot ơi", "ad ơi"): a greeting with no question in it. */
const CALL = "(?:bot|ad|admin|ban|em|anh|chi)(?: oi)+";
const THANKS = new RegExp(
  `^(?:(?:(?:da|vang|ok|oke|okie|okay|u|uh) )*(?:xin |em |toi |minh )?(?:cam on|cam ong|cmon|camon|tks|thanks|thank you|thank|thx|ty)(?: so much| very much)?${POLITE}|(?:ok|oke|okie|okay|ok bot|vang|da|u|uh|um|duoc roi|hay qua|tot qua|da nhan|nhan roi|da ro|ro roi)(?: (?:vang|da|nhan roi|ro roi))?(?: (?:cam on|thanks|thank you|tks))?${POLITE})$`,
);
const GREETING = new RegExp(
  `^(?:(?:(?:xin )?chao|hello|hi|hey|alo|a lo|helo|chao buoi (?:sang|trua|chieu|toi)|good (?:morning|afternoon|evening))(?: (?:alo|hello|chao))*|${CALL})${POLITE}$`,
);
/** Command names typed without the slash ("nhiemvu", "baocao"), alone or with a code. */
const COMMAND =
  /^(?:nhiemvu|baocao|giahan|trogiup|tro giup|help|start|batdau|menu|kehoach|lienket|quydinh|tonghop|xuatexcel|huy)(?: [a-z0-9]+){0,4}$/;
const DATE =
  /^(?:(?:ngay|den|den ngay|han|toi)\s)?\d{1,2}\s?[/.-]\s?\d{1,2}(?:\s?[/.-]\s?\d{2,4})?$|^(?:ngay\s)?\d{1,2} thang \d{1,2}(?: nam \d{4})?$/;
/**
 * Status words that open a report, each with how much may follow: "đã xong" and "đang làm 50%"
 * are reports, "đang làm việc riêng trong giờ" is not; a reason may follow "vướng" or a date
 * "gia hạn".
 */
const REPORT_FORMS: { start: RegExp; rest: (rest: string[]) => boolean; askable?: true }[] = [
  {
    start: /^(?:da |dang |chua |van )?(?:xong|hoan thanh|ht|done|lam xong)(?= |$)/,
    rest: (rest) => rest.length <= 3 || rest.some((w) => /\d/.test(w)),
  },
  {
    start: /^dang (?:lam|thuc hien|trien khai|xu ly|tien hanh|tong hop|soan|chuan bi)(?= |$)/,
    // "đang làm, tuần sau xong": a status with when it will be done.
    rest: (rest) =>
      rest.length <= 2 ||
      rest.some((w) => /\d/.test(w)) ||
      (rest.length <= 4 && rest.at(-1) === "xong"),
  },
  {
    start: /^chua (?:lam xong|lam|thuc hien|trien khai|bat dau|xong)(?= |$)/,
    // "chưa xong, đang chờ sở duyệt": a status with its reason.
    rest: (rest) => rest.length <= 2 || /^(?:dang|vi|do|con|cho|doi|vuong) /.test(rest.join(" ")),
  },
  // "chưa, mai em làm": not yet, and when.
  {
    start: /^chua(?= )/,
    rest: (rest) =>
      rest.length <= 4 &&
      /^(?:mai|ngay mai|sang mai|chieu nay|toi nay|tuan sau)(?= |$)/.test(rest.join(" ")),
  },
  // "đã nộp", "nộp rồi nhé", "đã gửi báo cáo lên sở": the work handed in.
  {
    // What was handed in, or nothing: "gửi xe ở đâu" is about parking.
    start:
      /^(?:(?:hom qua|hom nay|sang nay|chieu nay|vua) )?(?:da )?(?:nop|gui)(?:(?: (?:roi|xong|bao cao|file|van ban|ho so|len|ban|nhe|a))+(?= |$)|$)/,
    rest: (rest) => rest.length <= 4,
  },
  { start: /^(?:gap |co |dang |bi )?vuong(?: mac)?(?= |$)/, rest: () => true },
  {
    start: /^(?:de nghi |xin |can |muon |gui )?(?:gia han|lui han|doi han|dan han)(?= |$)/,
    rest: () => true,
    askable: true,
  },
  {
    start: /^(?:tien do |da lam |lam duoc |duoc |dat )?\d{1,3}(?: phan tram)?(?= |$)/,
    rest: (rest) => rest.length <= 2,
  },
];

/** Who and a label in front of a status ("báo cáo: đã xong", "em xin báo cáo hoàn thành", "em làm xong"). */
const REPORT_LABEL =
  /^(?:em |toi |minh |ben em |phong em |don vi em )?(?:(?:xin )?(?:bao cao|bc) )?/;

/** Words that make a message a question, even when it starts like a report. */
const QUESTION_WORDS =
  /(?:^| )(?:co duoc|duoc khong|khong|ko|k|sao|gi|the nao|nhu the nao|ntn|nao|bao nhieu|bao lau|la gi|vay|hay|quy dinh|cho hoi|hoi|o dau|cho ai)(?: |$)/;

export function classifyMessage(text: string): MessageKind {
  const raw = text.trim();
  if (raw.startsWith("/")) return "command";
  const folded = fold(normaliseText(raw));
  const words = syllables(folded);
  if (words.length === 0) return raw.includes("?") ? "question" : "empty";
  if (words.length <= MAX_SHORT_WORDS + 2 && THANKS.test(folded)) return "thanks";
  if (words.length <= MAX_SHORT_WORDS + 2 && GREETING.test(folded)) return "greeting";
  if (COMMAND.test(folded)) return "command";
  // Dates keep their separators: read them from the text before punctuation is dropped.
  const dateText = fold(raw);
  if (DATE.test(dateText.replace(/[.!]+$/, ""))) return "date";
  if (words.length <= MAX_REPORT_WORDS && !raw.includes("?")) {
    const asks = QUESTION_WORDS.test(folded);
    // "báo cáo: hoàn thành": the label before a status is no part of it.
    const status = folded.replace(REPORT_LABEL, "");
    const form = REPORT_FORMS.find(({ start, rest }) => {
      const match = start.exec(status);
      return match !== null && rest(syllables(status.slice(match[0].length).trim()));
    });
    // Asking about an extension is about the report flow too, never about the rules.
    if (form && (!asks || form.askable)) return "report";
    // Very short ones the report parser reads in full ("ok xong", "xong rồi ạ").
    if (words.length <= MAX_PARSED_WORDS && !asks && parseReportText(raw, SOME_DAY).ok) {
      return "report";
    }
  }
  return "question";
}
