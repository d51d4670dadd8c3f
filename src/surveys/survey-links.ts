import type { Kysely } from 'kysely';
import { DAY } from '../clock';
import type { Database, SurveyRecipientRow } from '../db/schema';
import { findUsableLink, insertLink } from '../links/links.queries';
import { hashToken, looksLikeToken, newToken } from '../links/tokens';
import { findRecipient } from './surveys.queries';

/**
 * A personal survey link (`/s/<token>`) opens one recipient's response to one survey. It is not
 * single-use: the same link resumes where the person stopped, and after submitting shows the
 * thank-you page. Whether the survey still takes answers is the respondent page's business
 * (a closed survey says so politely); the expiry only bounds a survey that is never closed.
 */
export const SURVEY_LINK_TTL = 180 * DAY;

/** A new link for a recipient, stored inside the caller's transaction; returns its path. */
export async function addSurveyLink(
  trx: Kysely<Database>,
  recipient: Pick<SurveyRecipientRow, 'id' | 'participant_id'>,
  now: Date,
  t: { token: string; hash: string } = newToken(),
): Promise<string> {
  await insertLink(trx, {
    tokenHash: t.hash,
    purpose: 'survey',
    staffUserId: null,
    participantId: recipient.participant_id,
    payload: String(recipient.id),
    now,
    ttlMs: SURVEY_LINK_TTL,
  });
  return `/s/${t.token}`;
}

/** The recipient a link opens, or undefined (unknown or expired, or not theirs). */
export async function recipientForToken(
  db: Kysely<Database>,
  token: string,
  now: Date,
): Promise<SurveyRecipientRow | undefined> {
  if (!looksLikeToken(token)) return undefined;
  const link = await findUsableLink(db, hashToken(token), ['survey'], now);
  const id = Number(link?.payload);
  if (!link || !Number.isSafeInteger(id)) return undefined;
  const recipient = await findRecipient(db, id);
  return recipient && recipient.participant_id === link.participant_id ? recipient : undefined;
}
