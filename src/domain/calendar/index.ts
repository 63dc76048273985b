export * from "./holiday-file.js";
export * from "./local-date.js";
export * from "./work-calendar.js";
export * from "./format.js";
