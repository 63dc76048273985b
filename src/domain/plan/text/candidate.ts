/** A task as found in the text, before its deadline is read and its ref made unique. */
export interface TaskCandidate {
  ref: string;
  line: number;
  /** Who leads, as written; "" when the text does not say. */
  unit: string;
  cooperating: string[];
  /** The task's own paragraphs (without labels and bullets). */
  paragraphs: string[];
  /** The time field's value, when the task has one ("Thường xuyên", "Quý IV/2025"). */
  deadlineText: string | null;
  deadlineLine?: number;
  from: "body" | "table";
}
