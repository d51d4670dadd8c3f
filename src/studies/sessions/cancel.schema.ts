import { z } from 'zod';
import { text } from '../fields';

/** "Cancel this session": an optional note for the people registered, and the confirmation. */
export const cancelSessionSchema = z.object({
  note: text('The note', 1000),
  // Not .optional(): an optional field skips its refinement when missing.
  confirm: z.unknown().refine((v) => v === 'yes', {
    error: 'Tick the box to confirm that this session is cancelled and everyone registered is told',
  }),
});

export const CANCEL_FIELDS = ['note', 'confirm'] as const;
