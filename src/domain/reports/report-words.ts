/**
 * Word lists for reading status reports, on folded text (lower case, no diacritics, "đ" → "d").
 * Kept apart from the parser so that a new way of typing is a one-line change.
 */

/** Shorthand people type in chat (teencode), rewritten before matching. */
export const SHORTHANDS: ReadonlyArray<[RegExp, string]> = [
  [/(?<![a-z])dd(?=[a-z])/g, "d"], // Telex without an input method: "ddang" → "dang"
  [/\b(?:dg|dag|dangg)\b/g, "dang"],
  [/\b(?:lm|lamf)\b/g, "lam"],
  [/\b(?:xg|xog|sog|xonh|xongg)\b/g, "xong"],
  [/\b(?:htanh|hthanh|hoanthanh)\b/g, "hoan thanh"],
  [/\b(?:thuchien|th hien)\b/g, "thuc hien"],
  [/\b(?:chx|chuaa)\b/g, "chua"],
  [/\b(?:ko|k|kg|hok|hong|hem)\b/g, "khong"],
  [/\bdc\b/g, "duoc"],
  [/\b(?:gh|giahan|gia hang)\b/g, "gia han"],
  [/\b(?:vuongmac|vg mac|vuong mat)\b/g, "vuong mac"],
  [/\b(?:khokhan|kk)\b/g, "kho khan"],
  [/\bphan tram\b|\bpt\b|\bpercent\b/g, "%"],
];

/** Asking for more time. */
export const EXTENSION =
  /\b(?:(?:de nghi|xin|can|muon|xin phep|kien nghi)\s+)*(?:(?:cho\s+)?gia han|lui han|doi han|dieu chinh thoi han|keo dai thoi han|them thoi gian|extend|extension)\b/;

/** Blocked: needs a reason. */
export const BLOCKED =
  /\b(?:(?:dang|bi|gap|co)\s+)*(?:vuong mac|vuong|kho khan|tro ngai|bi tac|un tac|blocked|block|stuck)\b|\b(?:gap|co|phat sinh)\s+van de\b|\b(?:khong|chua)\s+the\s+(?:thuc hien|trien khai|lam|xong|hoan thanh)\b|\bkhong\s+(?:xong|hoan thanh|lam)\s+duoc\b/;

/** A "khong …" / "chua …" just before a blocked word negates it: "không có vướng mắc gì". */
export const NEGATION_BEFORE = /\b(?:khong|chua)(?:\s+(?:co|gap|bi|con|thay|phat sinh))*\s*$/;

/** Not finished yet, though something is going on. Checked before DONE ("chưa xong"). */
export const NOT_DONE_YET =
  /\b(?:chua|khong)\s+(?:[a-z]+\s+){0,2}?(?:xong|hoan thanh|hoan tat)\b|\b(?:se|du kien|sap|gan|chuan bi|dang|co gang)\s+(?:xong|hoan thanh|hoan tat)\b/;

export const IN_PROGRESS =
  /\b(?:van\s+)?dang\s+(?:lam|thuc hien|trien khai|xu ly|tien hanh|hoan thien|soan|xay dung|tong hop|to chuc|chuan bi|lam viec|cho)\b|\btiep tuc\s+(?:lam|thuc hien|trien khai)\b|\bdang\b(?=\s*(?:$|[,.:;!-]|\d))|\b(?:in progress|doing|wip|tien do)\b|\bdang lam\b/;

export const DONE =
  /\b(?:(?:da|vua|moi)\s+)?(?:xong|hoan thanh|hoan tat|ht|done|finish(?:ed)?|complete(?:d)?)\b|\bda\s+(?:thuc hien|trien khai|to chuc|gui bao cao|nop bao cao)\b/;

export const NOT_STARTED =
  /\b(?:chua|khong)\s+(?:duoc\s+)?(?:lam|thuc hien|trien khai|bat dau|tien hanh|co gi)\b|\bnot started\b|\btodo\b/;

/** "chưa" on its own ("chưa ạ"): not started, only when nothing else says more. */
export const BARE_NOT_YET = /\bchua\b/;

/**
 * A percentage, possibly negative, over 100 or not a number at all ("1.000.000%", twenty nines):
 * all rejected later with the right form; "70 %" and "70 phần trăm" too.
 */
export const PERCENT =
  /(?:\b(?:tien do|dat|duoc|lam duoc|khoang|tam)\s*[:,]?\s*)?(?<![\d.,])(-\s?)?(\d+(?:[.,]\d+)*)\s*%/;

/** A bare number after a progress word: "tiến độ 70", "đạt 70", "đang làm, 70". */
export const PROGRESS_NUMBER =
  /\b(?:tien do|dat|duoc|lam duoc|khoang|dang lam|dang thuc hien|dang trien khai)\s*[:,]?\s*(-\s?)?(\d+(?:[.,]\d+)?)(?![\d/.,-]*\d)(?!\s*(?:ngay|thang|nam|tuan|nguoi|trieu|van ban|bao cao|lan|cuoc|buoi|%))/;

/** Words that carry nothing when left over ("ok xong rồi ạ" → no note). */
export const FILLERS: ReadonlySet<string> = new Set(
  "ok oke okie okay vang da a ah roi r nhe nha nhen ne em anh chi toi minh sep bao cao bc xin de nghi voi cho nhiem vu nv viec cong nay thi la va ben don vi phong so ban ca het hoan toan luon oi nua thanks cam on tks thank you hi chao xong gi co khong dau day ha hen".split(
    " ",
  ),
);

/** Leading words of a reason that add nothing: "vướng mắc do thiếu người" → "thiếu người". */
export const REASON_LEAD =
  /^(?:(?:la|vi|do|boi|ly do|li do|nguyen nhan|la do|vi ly do|o cho|ve)\b[\s:,-]*)+/;
