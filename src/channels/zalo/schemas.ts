/**
 * Zalo Bot Platform wire shapes (https://bot.zaloplatforms.com/docs), checked with zod.
 * Objects are loose: the platform may add fields without breaking us.
 */
import { z } from "zod";

/** Ids are opaque strings; accept numbers too and keep them as strings. */
const idSchema = z.union([z.string().min(1), z.number()]).transform(String);

export const zaloEnvelopeSchema = z.discriminatedUnion("ok", [
  z.looseObject({ ok: z.literal(true), result: z.unknown().optional() }),
  z.looseObject({
    ok: z.literal(false),
    error_code: z.number(),
    description: z.string().optional().default(""),
  }),
]);

export const zaloBotInfoSchema = z.looseObject({
  id: idSchema,
  account_name: z.string().optional(),
  account_type: z.string().optional(),
  can_join_groups: z.boolean().optional(),
});
export type ZaloBotInfo = z.infer<typeof zaloBotInfoSchema>;

export const zaloWebhookInfoSchema = z.looseObject({
  url: z.string(),
  updated_at: z.number().optional(),
});
export type ZaloWebhookInfo = z.infer<typeof zaloWebhookInfoSchema>;

export const zaloSentMessageSchema = z.looseObject({
  message_id: idSchema,
  date: z.number().optional(),
});
export type ZaloSentMessage = z.infer<typeof zaloSentMessageSchema>;

export const zaloMessageSchema = z.looseObject({
  message_id: idSchema,
  /** Milliseconds since the epoch. */
  date: z.number(),
  text: z.string().optional(),
  from: z.looseObject({
    id: idSchema,
    display_name: z.string().optional(),
    /** Seen instead of display_name in one sample of the official docs. */
    first_name: z.string().optional(),
    is_bot: z.boolean().optional(),
  }),
  chat: z.looseObject({
    id: idSchema,
    chat_type: z.enum(["PRIVATE", "GROUP"]),
  }),
});
export type ZaloMessage = z.infer<typeof zaloMessageSchema>;

/** One update, as getUpdates answers it and as the webhook posts it. */
export const zaloUpdateSchema = z.looseObject({
  /** message.text.received | message.image.received | message.sticker.received | message.unsupported.received */
  event_name: z.string().optional(),
  message: zaloMessageSchema,
});
export type ZaloUpdate = z.infer<typeof zaloUpdateSchema>;
