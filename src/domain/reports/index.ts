export * from "./status.js";
export * from "./parse-report.js";
export * from "./error-message.js";
export * from "./next-state.js";
