import type { MessageParam } from "../../src/core/message-key.js";
import { PlanFileInvalid, formatPlanFileError } from "../../src/domain/plan/types.js";
import { render } from "../../src/i18n.js";

/** A plan reader's message as the Vietnamese user reads it ("" when there is none). */
export function said(value: MessageParam | undefined): string {
  return value === undefined ? "" : render(value, "vi");
}

/** Every problem of a refused file as shown to the user: "plan.csv:4: …", one a line. */
export function shown(error: PlanFileInvalid): string {
  return error.errors.map((e) => render(formatPlanFileError(e), "vi")).join("\n");
}

/** What the user is told when `run` refuses the file; fails the test when it does not. */
export function refusal(run: () => unknown): string {
  try {
    run();
  } catch (e) {
    if (e instanceof PlanFileInvalid) return shown(e);
    throw e;
  }
  throw new Error("expected PlanFileInvalid");
}
