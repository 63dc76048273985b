export { ZaloChannel, ZALO_SECRET_HEADER, ZALO_TEXT_LIMIT } from "./channel.js";
export type { ZaloChannelOptions, WebhookHeaders } from "./channel.js";
export { ZaloClient, ZALO_API_ROOT } from "./client.js";
export type { GetUpdatesParams, ZaloClientOptions } from "./client.js";
export { ZaloAbortedError, ZaloApiError, ZaloNetworkError, ZaloProtocolError } from "./errors.js";
export { toIncomingMessage } from "./incoming.js";
export { zaloUpdateSchema } from "./schemas.js";
export type { ZaloBotInfo, ZaloSentMessage, ZaloUpdate, ZaloWebhookInfo } from "./schemas.js";
export type { Sleep } from "./backoff.js";
