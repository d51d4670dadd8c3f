/**
 * The screener's option codes that name a panel fact, so that a screener answer can be compared
 * with the person's profile: how often (the profile's `myla311_use` codes as they are), channels
 * (the profile's channel codes), request types, languages and council districts (reference codes,
 * written as option codes: lower case, digits and underscores).
 */
const slug = (v: string) =>
  v
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');

/** "Bulky Items" → `bulky_items`, "Metal/Household Appliances" → `metal_household_appliances`. */
export const requestTypeCode = (name: string): string => slug(name).slice(0, 40) || 'type';
/** `zh-Hant` → `zh_hant`. */
export const languageCode = (code: string): string => slug(code);
/** District 4 → `district_4`. */
export const districtCode = (district: number): string => `district_${district}`;
/** The district an option code names, or null (`dont_know`, anything else). */
export function districtOf(code: string): number | null {
  const m = /^district_(\d{1,3})$/.exec(code);
  return m ? Number(m[1]) : null;
}
