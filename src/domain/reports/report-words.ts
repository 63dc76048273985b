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
  [/\be\b/g, "em"], // "e gửi r ạ", "cho e thêm 1 tuần"
  [/\br\b/g, "roi"],
  [/\b(?:gh|giahan|gia hang)\b/g, "gia han"],
  [/\b(?:vuongmac|vg mac|vuong mat(?! bang))\b/g, "vuong mac"],
  [/\b(?:khokhan|kk)\b/g, "kho khan"],
  [/\bphan tram\b|\bpt\b|\bpercent\b/g, "%"],
];

/**
 * Asking for more time: "gia hạn", "xin khất", "lùi thời hạn"; and, only after asking ("xin",
 * "cho em" …), "thêm 1 tuần", "lùi sang …", "nộp muộn 2 hôm" ("thêm" and "lùi" alone say nothing).
 */
export const EXTENSION =
  /\b(?:(?:de nghi|xin|can|muon|xin phep|kien nghi)\s+)*(?:(?:cho\s+)?gia han|lui han|doi han|gian han|dan han|hoan han|lui thoi han|dieu chinh thoi han|keo dai thoi han|them thoi gian|lui deadline|gian tien do|khat|extend|extension)\b|\b(?:xin|cho|de nghi|nho)\s+(?:(?:em|toi|minh|phep|duoc|xin)\s+){0,3}(?:lui(?:\s+(?:thoi han|han|deadline))?|hoan(?:\s+han)?|nop muon|nop cham|nop tre|gui muon|gui cham|bao cao muon|them(?=\s+(?:\d|mot|hai|ba|bon|nam|vai|it|may|chut|ngay|hom|tuan|thang|buoi|dam)(?![a-z])))\b/;

/** Blocked: needs a reason. */
export const BLOCKED =
  /\b(?:(?:dang|bi|gap|co)\s+)*(?:vuong mac|vuong|kho khan|tro ngai|bi tac|bi ket|dang ket|un tac|blocked|block|stuck)\b|\bchua\s+(?:lam|thuc hien|trien khai|xong|hoan thanh|tien hanh)\s+duoc\b|\b(?:gap|co|phat sinh)\s+van de\b|\b(?:khong|chua)\s+the\s+(?:thuc hien|trien khai|lam|xong|hoan thanh)\b|\bkhong\s+(?:xong|hoan thanh|lam)\s+duoc\b/;

/** What a task lacks or waits for, when that is why it stands still. */
const LACKING =
  "kinh phi|nguoi|nhan luc|nhan su|can bo|so lieu|huong dan|tai lieu|thong tin|thoi gian|van ban|chi dao|mat bang|thiet bi|may moc|phuong tien|phe duyet";
/** "chờ ý kiến chỉ đạo", "đợi phản hồi"; "chờ" folds to "cho", so not after "xin", "đề nghị". */
const WAITED_ON = "y kien|chi dao|huong dan|kinh phi|phan hoi|phe duyet|cap kinh phi";
const WAITED_FOR = "so|ubnd|bo|tinh|huyen|cap tren|lanh dao";

/**
 * A reason that is itself the report, with no "vướng" before it: "thiếu kinh phí", "chưa có
 * hướng dẫn", "chờ ý kiến chỉ đạo", "chờ sở phản hồi". Read as blocked only when no other status
 * word is there ("chưa xong, còn thiếu số liệu" stays in progress).
 */
export const BLOCKED_BY = new RegExp(
  String.raw`\b(?:thieu|chua\s+(?:co|duoc cap|duoc))\s+(?:${LACKING})\b|(?<!\b(?:xin|de nghi|vui long|hay|nho)\s+)\b(?:cho|doi)\s+(?:(?:${WAITED_FOR})\s+(?:[a-z]+\s+)?(?:phan hoi|tra loi|duyet|${WAITED_ON})|${WAITED_ON})\b`,
);

/** A "khong …" / "chua …" just before a blocked word negates it: "không có vướng mắc gì". */
export const NEGATION_BEFORE = /\b(?:khong|chua)(?:\s+(?:co|gap|bi|con|thay|phat sinh))*\s*$/;

/** Not finished yet, though something is going on. Checked before DONE ("chưa xong"). */
export const NOT_DONE_YET =
  /\b(?:chua|khong)\s+(?:[a-z]+\s+){0,2}?(?:xong|hoan thanh|hoan tat)\b|\b(?:se|du kien|sap|gan|chuan bi|dang|co gang)\s+(?:xong|hoan thanh|hoan tat|gui|nop)\b|\bcon\s+(?:it|chut|mot chut|mot it)\s+nua\b/;

/** When it will be done or handed in: "mai em gửi", "chắc thứ 6 xong", "tuần sau nộp". */
export const FUTURE = new RegExp(
  String.raw`(?:\b(?:(?:sang|chieu|toi|trua)\s+)?(?:ngay\s+)?mai|\b(?:chieu|toi|trua|sang|hom|ngay)\s+nay|\btrong\s+(?:hom nay|ngay|tuan(?:\s+nay)?)|\b(?:(?:dau|cuoi)\s+)?tuan\s+(?:sau|toi|nay)|\bcuoi\s+(?:tuan|thang)|\bthu\s+(?:[2-7]|hai|ba|tu|nam|sau|bay)|\bchu nhat|\btruoc\s+ngay\s+\d+|\bchac)\b` +
    String.raw`(?:\s+(?:em|toi|minh|se|la|thi|chac|ben em|phong em))*\s+(?:lam\s+)?(?:xong|hoan thanh|hoan tat|gui|nop|bao cao)\b`,
);

export const IN_PROGRESS = new RegExp(
  String.raw`\b(?:van\s+)?dang\s+(?:lam|thuc hien|trien khai|xu ly|tien hanh|hoan thien|soan|soan thao|du thao|xay dung|tong hop|to chuc|chuan bi|lam viec|ra soat|thu thap|lay y kien|trinh|khan truong|gap rut|cho(?!\s+(?:${WAITED_ON}|${WAITED_FOR})\b))\b|\btiep tuc\s+(?:lam|thuc hien|trien khai)\b|\bdang\b(?=\s*(?:$|[,.:;!-]|\d))|\b(?:in progress|doing|wip|tien do)\b|\bdang lam\b|\b(?:lam duoc|duoc|dat)(?=\s+(?:mot nua|1 nua|phan nua|nua|qua nua|hon nua|gan het)\b)`,
);

export const DONE =
  /\b(?:(?:da|vua|moi)\s+)?(?:(?:lam|xu ly|giai quyet|hoan thien|tong hop|soan)\s+xong|xong xuoi|xong het|xong|hoan thanh|hoan tat|ht|done|finish(?:ed)?|complete(?:d)?)\b|\bda\s+(?:thuc hien|trien khai|to chuc|gui bao cao|nop bao cao)\b/;

/** What is handed in: a verb and "đã" before it, "rồi" after it, or what was handed in. */
const HAND_IN =
  "nop|gui kem|gui lai|gui|dinh kem|upload|tai len|day len|trinh ky|trinh|cap nhat|chuyen";
const HANDED = "bao cao|file|van ban|ho so|ket qua|so lieu|bieu mau|tai lieu|mail|email";
export const HANDED_IN = new RegExp(
  String.raw`\b(?:da|vua|moi|vua moi)\s+(?:${HAND_IN})\b|\bda\s+bao cao(?=\s*(?:roi\b|$))|(?<!\b(?:chua|khong|se|sap)\s+)\b(?:${HAND_IN})\s+(?:(?:${HANDED}|len|qua|lai|kem)\s+){0,3}roi\b|(?<!\b(?:chua|khong|se|sap)\s+)\b(?:gui|nop|dinh kem)\s+(?:kem\s+)?(?:${HANDED})\b`,
);

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
  "ok oke okie okay vang da a ah roi r e nhe moi duoc xuoi nha nhen ne em anh chi toi minh sep bao cao bc xin de nghi voi cho nhiem vu nv viec cong nay thi la va ben don vi phong so ban ca het hoan toan luon oi nua thanks cam on tks thank you hi chao xong gi co khong dau day ha hen".split(
    " ",
  ),
);

/** Leading words of a reason that add nothing: "vướng mắc do thiếu người" → "thiếu người". */
export const REASON_LEAD =
  /^(?:(?:la|vi|do|boi|ly do|li do|nguyen nhan|la do|vi ly do|o cho|ve)\b[\s:,-]*)+/;
