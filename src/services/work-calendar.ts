import {
  createWorkCalendar,
  parseHolidayFile,
  type WorkCalendar,
} from "../domain/calendar/index.js";
import { listDataFiles, readDataFile } from "../readers/data-files.js";

let cached: Promise<WorkCalendar> | undefined;

/** The working calendar from data/holidays/vn-*.json (editable without code; read once). */
export function loadWorkCalendar(): Promise<WorkCalendar> {
  cached ??= (async () => {
    const names = await listDataFiles("holidays", /^vn-\d{4}\.json$/);
    const files = await Promise.all(
      names.map(async (name) =>
        parseHolidayFile(JSON.parse(await readDataFile("holidays", name)) as unknown, name),
      ),
    );
    return createWorkCalendar(files);
  })();
  return cached;
}
