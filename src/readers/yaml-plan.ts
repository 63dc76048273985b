import { z } from "zod";
import { assembleTasks, type TaskDraft } from "../domain/plan/assemble.js";
import { deadlineSchema, type DeadlineParseResult } from "../domain/deadline/types.js";
import { NO_DEADLINE_WRITTEN, undatedTaskWarnings } from "../domain/plan/task-deadline.js";
import { planFileError } from "../domain/plan/errors.js";
import { planCodeFromTitle } from "../domain/plan/plan-info.js";
import { PlanFileInvalid, type ParsedPlan, type PlanFileError } from "../domain/plan/types.js";
import { splitList } from "./table.js";
import { reminderPolicyOverrideSchema } from "../domain/reminders/policy.js";
import { formatPath, loadLocatedDocument, schemaErrors } from "./yaml-doc.js";

/*
 * A plan as YAML or JSON:
 *
 *   plan:
 *     code: vhcv-thai-nguyen-2024-2025     # optional: made from the title
 *     title: KẾ HOẠCH Triển khai thực hiện Đề án Văn hóa công vụ tỉnh Thái Nguyên giai đoạn 2024 - 2025
 *     issuer: UBND tỉnh Thái Nguyên        # optional
 *     period: 2024 - 2025                  # optional
 *   tasks:
 *     - ref: IV.1.a
 *       unit: Sở Nội vụ
 *       cooperating: [Sở Tài chính]        # optional; a list, or one text with ";"
 *       title: Hướng dẫn, theo dõi, kiểm tra, đôn đốc …
 *       body: …                            # optional
 *       deadline: Thường xuyên             # the phrase as written in the plan
 *
 * The output of `vhcv plan parse --json` is accepted too: there `deadline` is the normalised
 * object (or null) and the phrase is in `deadlineText` (the phrase wins: it is parsed again).
 * `deadline` may also be the normalised object alone ({kind: monthly, day: 15}), and a task
 * with no deadline (missing, empty or null) is imported undated, with a warning.
 */

const text = z.union([z.string(), z.number()]).transform((v) => String(v).trim());

const taskSchema = z.object({
  ref: text,
  unit: z.string(),
  cooperating: z.union([z.string(), z.array(z.string())]).optional(),
  title: z.string(),
  body: z.string().optional(),
  deadline: z.union([text, deadlineSchema]).nullable().optional(),
  deadlineText: text.optional(),
  reminderPolicy: reminderPolicyOverrideSchema.optional(),
});

export const planFileSchema = z.object({
  plan: z.object({
    code: text.optional(),
    title: z.string(),
    issuer: z.string().optional(),
    period: text.nullable().optional(),
    reminderPolicy: reminderPolicyOverrideSchema.optional(),
  }),
  tasks: z.array(taskSchema),
});

export type PlanFileInput = z.input<typeof planFileSchema>;

/** Reads a YAML/JSON plan; throws PlanFileInvalid listing every problem with its line. */
export function readPlanYaml(
  content: Buffer | string,
  file: string,
  format: "YAML" | "JSON" = "YAML",
): ParsedPlan {
  const doc = loadLocatedDocument(content, file, format);
  const parsed = planFileSchema.safeParse(doc.data);
  if (!parsed.success) {
    throw new PlanFileInvalid(
      schemaErrors(parsed.error.issues, doc, file, "plan: {…}, tasks: […]"),
    );
  }

  const errors: PlanFileError[] = [];
  const { plan, tasks } = parsed.data;
  const required = (value: string, path: (string | number)[]): boolean => {
    if (value.trim() !== "") return true;
    const where = { line: doc.lineOf(path) };
    errors.push(planFileError(file, "required_field", { field: formatPath(path) }, where));
    return false;
  };
  required(plan.title, ["plan", "title"]);

  const drafts: TaskDraft[] = [];
  tasks.forEach((task, i) => {
    const at = (key: string): { line?: number } => ({ line: doc.lineOf(["tasks", i, key]) });
    const deadlineText =
      task.deadlineText ?? (typeof task.deadline === "string" ? task.deadline : "");
    const ok = [
      required(task.ref, ["tasks", i, "ref"]),
      required(task.unit, ["tasks", i, "unit"]),
      required(task.title, ["tasks", i, "title"]),
    ].every(Boolean);
    if (!ok && task.ref === "") return;
    // No phrase: the normalised object when given, else no calendar date (a warning, not an error).
    let parsedDeadline: DeadlineParseResult | undefined;
    if (deadlineText === "") {
      parsedDeadline =
        task.deadline && typeof task.deadline === "object"
          ? { ok: true, deadline: task.deadline }
          : NO_DEADLINE_WRITTEN;
    }
    const cooperating =
      typeof task.cooperating === "string" ? splitList(task.cooperating) : (task.cooperating ?? []);
    const draft: TaskDraft = {
      ref: task.ref,
      unit: task.unit.trim(),
      cooperating: cooperating.map((c) => c.trim()).filter((c) => c !== ""),
      title: task.title.trim(),
      body: (task.body ?? "").trim(),
      deadlineText,
      refAt: at("ref"),
      deadlineAt: at(task.deadlineText !== undefined ? "deadlineText" : "deadline"),
      ...(parsedDeadline ? { parsedDeadline } : {}),
    };
    const line = doc.lineOf(["tasks", i]);
    if (line !== undefined) draft.line = line;
    drafts.push(draft);
  });
  const parsedTasks = assembleTasks(drafts, file, errors);
  if (tasks.length === 0)
    errors.push(planFileError(file, "no_tasks", {}, { line: doc.lineOf(["tasks"]) }));
  if (errors.length > 0) throw new PlanFileInvalid(errors);

  const period = plan.period ? plan.period : null;
  const title = plan.title.trim();
  return {
    plan: {
      code: plan.code || planCodeFromTitle(title, period),
      title,
      issuer: (plan.issuer ?? "").trim(),
      period,
      ...(plan.reminderPolicy ? { reminderPolicy: plan.reminderPolicy } : {}),
    },
    tasks: parsedTasks.map((task) => {
      const policy = tasks.find((t) => t.ref === task.ref)?.reminderPolicy;
      return policy ? { ...task, reminderPolicy: policy } : task;
    }),
    warnings: undatedTaskWarnings(parsedTasks, file),
  };
}
