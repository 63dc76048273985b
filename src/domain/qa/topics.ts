/**
 * The four contents of Decision 1847/QĐ-TTg, plus `workplace` for the layout of the office
 * (bài trí công sở: name plates, altars, cooking, parking, advertising), which no content of
 * Decision 1847 covers. See data/rules/README.md.
 */
export const TOPICS = ["attitude", "communication", "ethics", "dress", "workplace"] as const;
export type Topic = (typeof TOPICS)[number];
/** Topics every rule base must cover (the four contents). */
export const CORE_TOPICS: readonly Topic[] = ["attitude", "communication", "ethics", "dress"];
