import { z } from 'zod';
import { text } from '../studies/fields';
import { THEME_NAME_MAX } from './theme.rules';

/** A theme id from a select. */
const themeId = (message: string) =>
  z
    .unknown()
    .optional()
    .refine((v) => typeof v === 'string' && /^[1-9]\d{0,11}$/.test(v), { error: message })
    .transform(Number);

/** Adding a theme, or renaming one: its name. */
export const themeNameSchema = z.object({
  name: text('The theme’s name', THEME_NAME_MAX, 'Enter the theme’s name').transform((v) => v!),
});

/** Merging theme A (`from`) into B (`into`). */
export const mergeSchema = z.object({
  from: themeId('Choose the theme to merge'),
  into: themeId('Choose the theme to merge it into'),
});

export const THEME_FIELDS = ['name', 'from', 'into'] as const;
