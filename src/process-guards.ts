import type { Logger } from "./logger.js";

/** The part of `process` the guards listen on (an EventEmitter in tests). */
export interface ProcessEvents {
  on(event: "unhandledRejection", listener: (reason: unknown) => void): unknown;
  on(event: "uncaughtException", listener: (error: Error) => void): unknown;
}

export const EXIT_UNCAUGHT = 1;

/**
 * The decision (README, "Reliability"): every tick, worker and sender catches its own errors, so
 * a rejection nobody handled is a stray one (a library's late callback, a dropped connection's
 * promise): it is logged and the bot keeps serving. An exception thrown outside any promise
 * leaves the process in an unknown state: it is logged and the bot shuts down cleanly with exit
 * code 1, for the supervisor (Docker `restart: unless-stopped`, systemd `Restart=on-failure`) to
 * start it again.
 */
export function installProcessGuards(
  events: ProcessEvents,
  logger: Logger,
  shutdown: (reason: string, code: number) => unknown,
): void {
  events.on("unhandledRejection", (reason) => {
    logger.error({ err: reason }, "unhandled rejection; still serving");
  });
  events.on("uncaughtException", (error) => {
    logger.fatal({ err: error }, "uncaught exception; shutting down for the supervisor to restart");
    void shutdown("uncaught exception", EXIT_UNCAUGHT);
  });
}
