export * from "./policy.js";
export * from "./plan.js";
export * from "./due.js";
