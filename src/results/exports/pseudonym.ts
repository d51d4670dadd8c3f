import crypto from 'node:crypto';

/**
 * Respondent pseudonyms for one export: `R` + 10 hex characters of an HMAC of the response id
 * with a salt drawn for this export alone. The same response has the same pseudonym throughout
 * one export (the wide and long files of a bundle, every row of the long file) and another one
 * in the next export, so two exports cannot be joined on it and it reveals no response id.
 */
export type Pseudonymizer = (responseId: number) => string;

export function newPseudonymizer(salt: Buffer = crypto.randomBytes(32)): Pseudonymizer {
  return (responseId) =>
    'R' + crypto.createHmac('sha256', salt).update(String(responseId)).digest('hex').slice(0, 10);
}
