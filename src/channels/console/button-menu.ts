import type { Button } from "../../core/messages.js";
import { fold } from "../../domain/text/fold.js";

/** A label that already starts with its number ("1. Trang phục", a rule to choose). */
const NUMBERED = /^(\d+)\.\s+/;

/**
 * The buttons a console shows, numbered, so that typing a number or a label presses one.
 * The numbers refer to the bot's latest answer: the first message after a typed line starts a
 * new menu (so "2" answering a follow-up question is text again); messages that follow it
 * before the next line (several reminders at once) continue its numbering.
 */
export class ButtonMenu {
  private buttons: Button[] = [];
  private startNew = false;

  /** A message is shown: its buttons join the menu. Returns their lines, or [] without buttons. */
  show(rows: readonly (readonly Button[])[] | undefined): string[] {
    if (this.startNew) {
      this.buttons = [];
      this.startNew = false;
    }
    const lines: string[] = [];
    for (const row of rows ?? []) {
      const cells = row.map((button) => {
        this.buttons.push(button);
        return numbered(this.buttons.length, button.label);
      });
      if (cells.length > 0) lines.push(cells.join("  "));
    }
    return lines;
  }

  /**
   * The button a typed line names: its number, or its label (case and accents aside); then the
   * next message starts a new menu. Undefined when the line is text.
   */
  typed(line: string): Button | undefined {
    const pressed = this.find(line);
    this.startNew = true;
    return pressed;
  }

  private find(line: string): Button | undefined {
    const text = line.trim();
    if (/^\d{1,3}$/.test(text)) return this.buttons[Number(text) - 1];
    const wanted = fold(text);
    if (wanted === "") return undefined;
    return this.buttons.find(
      (button) =>
        fold(button.label) === wanted || fold(button.label.replace(NUMBERED, "")) === wanted,
    );
  }
}

/** "[2] Vướng mắc"; a label that carries its own number keeps it once: "[1] Trang phục". */
function numbered(index: number, label: string): string {
  const own = NUMBERED.exec(label);
  const text = own && Number(own[1]) === index ? label.slice(own[0].length) : label;
  return `[${index}] ${text}`;
}
