import { z } from 'zod';
import { CONTROL_CHARS } from '../../web/forms';

/*
 * The report-back forms (English messages: staff pages). The compose form has one text box per
 * language, `message_<code>`; the send form a required tick.
 */

export const MESSAGE_MAX = 5000;

const message = z
  .string({ error: 'Enter the message as text' })
  .max(MESSAGE_MAX, { error: `Keep the message under ${MESSAGE_MAX} characters` })
  .refine((s) => !CONTROL_CHARS.test(s), {
    error: 'Remove the control characters from the message',
  })
  .optional();

/** Field name of a language's text box. */
export const messageField = (code: string) => `message_${code}`;

/** Any `message_<code>` field (other fields are ignored); each must be text within bounds. */
export const composeSchema = z.record(z.string(), z.unknown()).transform((body, ctx) => {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(body)) {
    const m = /^message_([A-Za-z-]{2,10})$/.exec(key);
    if (!m) continue;
    const parsed = message.safeParse(value);
    if (!parsed.success) {
      ctx.addIssue({ code: 'custom', path: [key], message: parsed.error.issues[0].message });
      continue;
    }
    out[m[1]] = parsed.data ?? '';
  }
  return out;
});

export const sendSchema = z.object({
  confirm: z.literal('yes', {
    error: 'Tick the box to confirm: the report-back goes once, to everyone listed',
  }),
});
