import { foldKeepLength } from "../../text/fold.js";
import { deadlineLabelText } from "../task-deadline.js";

/*
 * Labelled lines that describe one task: "Đơn vị chủ trì (tham mưu):", "Cơ quan thực hiện:",
 * "Đơn vị/Cơ quan phối hợp:", "Thời gian/Thời hạn hoàn thành/thực hiện/ban hành:", "Sản phẩm:",
 * "Nội dung thực hiện:" … with or without "-", "+" or "a)" in front (the caller strips those).
 */

export type FieldName = "content" | "lead" | "cooperating" | "time" | "product" | "other";

export interface Field {
  name: FieldName;
  value: string;
  line: number;
}

const WHO = String.raw`(?:(?:co quan|don vi|cq|dv)(?:\s*[,/]\s*(?:co quan|don vi|to chuc|dia phuong))*\s+)?`;
const PAREN = String.raw`(?:\s*\([^)]{0,40}\))?`;

const LABELS: readonly { name: FieldName; pattern: RegExp }[] = [
  {
    name: "cooperating",
    pattern: new RegExp(
      String.raw`^${WHO}phoi hop(?:\s+(?:thuc hien|chinh|trien khai))?${PAREN}\s*:`,
    ),
  },
  {
    name: "content",
    pattern: new RegExp(
      String.raw`^(?:noi dung(?:\s+(?:thuc hien|cong viec|nhiem vu|chu yeu|hoat dong))?|(?:ten )?nhiem vu(?: cu the)?|cong viec|hoat dong)${PAREN}\s*:`,
    ),
  },
  {
    name: "product",
    pattern: new RegExp(
      String.raw`^(?:san pham(?: dau ra)?|ket qua(?: dau ra| dat duoc)?|hinh thuc(?: van ban)?)${PAREN}\s*:`,
    ),
  },
  {
    name: "other",
    pattern: new RegExp(
      String.raw`^(?:(?:nguon )?kinh phi(?: thuc hien)?|ghi chu|dia diem|to chuc thuc hien|doi tuong(?: thuc hien)?)${PAREN}\s*:`,
    ),
  },
  {
    // "Đơn vị chủ trì (tham mưu):", "Cơ quan thực hiện:", and any short "… thực hiện/phụ trách/chủ trì:"
    // ("Bộ phận thực hiện:", "Công chức phụ trách:").
    name: "lead",
    pattern: new RegExp(
      String.raw`^(?:(?:${WHO}|(?:[a-z]+\s){0,3})(?:chu tri|thuc hien|tham muu|phu trach|chiu trach nhiem|dau moi)(?:[\s,]+(?:chu tri|tham muu|thuc hien|chinh|trien khai))*|trach nhiem(?: thuc hien| chu tri)?|(?:co quan|don vi) (?:duoc giao|dau moi))${PAREN}\s*:`,
    ),
  },
];

/** The field a line states, or null when the line is not a labelled task field. */
export function readField(text: string, line: number): Field | null {
  const nfc = text.normalize("NFC");
  const folded = foldKeepLength(nfc);
  // The time label is the deadline reader's (task-deadline.ts), shared with deadline lines.
  const time = deadlineLabelText(nfc);
  if (time !== null) return { name: "time", value: time, line };
  for (const { name, pattern } of LABELS) {
    const m = pattern.exec(folded);
    if (m) {
      const value = nfc
        .slice(m[0].length)
        .trim()
        .replace(/[\s;,]+$/u, "");
      return { name, value, line };
    }
  }
  return null;
}
