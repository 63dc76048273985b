import { reportCommand } from "./baocao.js";
import { extendCommand } from "./giahan.js";
import { createHelpCommand } from "./help.js";
import { askCommand } from "./hoi.js";
import { plansCommand } from "./kehoach.js";
import { tonghopCommand } from "./tonghop.js";
import { xuatexcelCommand } from "./xuatexcel.js";
import { tasksCommand } from "./nhiemvu.js";
import { rulesCommand } from "./quydinh.js";
import { undoCommand } from "./huy.js";
import { linkCommand } from "./lienket.js";
import { startCommand } from "./start.js";
import { whoAmICommand } from "./toi.js";
import { confirmCommand } from "./xacnhan.js";
import { setDeadlineCommand } from "./dathan.js";
import type { CommandDefinition } from "./types.js";

// Each command keeps its own Args type; the registry only needs them as a list.
const commands: CommandDefinition[] = [];
const register = <A>(command: CommandDefinition<A>) => commands.push(command as CommandDefinition);

register(startCommand);
register(createHelpCommand(() => commands));
register(linkCommand);
register(whoAmICommand);
register(askCommand);
register(rulesCommand);
register(tasksCommand);
register(plansCommand);
register(tonghopCommand);
register(xuatexcelCommand);
register(reportCommand);
register(undoCommand);
register(extendCommand);
register(confirmCommand);
register(setDeadlineCommand);

export const allCommands: readonly CommandDefinition[] = commands;

export function findCommand(name: string): CommandDefinition | undefined {
  const wanted = name.toLowerCase();
  return commands.find((command) => command.names.includes(wanted));
}
