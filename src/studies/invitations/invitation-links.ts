import type { Kysely } from 'kysely';
import { DAY } from '../../clock';
import type { Database, InvitationRow } from '../../db/schema';
import { findUsableLink, insertLink } from '../../links/links.queries';
import { hashToken, looksLikeToken, newToken } from '../../links/tokens';
import { findStudy } from '../studies.queries';
import { findInvitation } from './invitations.queries';

/**
 * A registration link (`/r/<token>`) opens one invitation. It is not single-use: the same link
 * registers, then cancels or switches. It works while the study recruits or runs ("until the
 * study closes"); the stored expiry only bounds a link whose study is never closed.
 */
export const INVITATION_LINK_TTL = 400 * DAY;
const OPEN_STATUSES = new Set(['recruiting', 'running']);

/**
 * A new link to an invitation, stored inside the caller's transaction; returns its path. `t`:
 * a token made earlier, when the email carrying the link was composed before the transaction.
 */
export async function addInvitationLink(
  trx: Kysely<Database>,
  invitation: Pick<InvitationRow, 'id' | 'participant_id'>,
  now: Date,
  t: { token: string; hash: string } = newToken(),
): Promise<string> {
  await insertLink(trx, {
    tokenHash: t.hash,
    purpose: 'study-invitation',
    staffUserId: null,
    participantId: invitation.participant_id,
    payload: String(invitation.id),
    now,
    ttlMs: INVITATION_LINK_TTL,
  });
  return `/r/${t.token}`;
}

/** The invitation a link opens, or undefined (unknown, expired, or the study no longer open). */
export async function invitationForToken(
  db: Kysely<Database>,
  token: string,
  now: Date,
): Promise<InvitationRow | undefined> {
  if (!looksLikeToken(token)) return undefined;
  const link = await findUsableLink(db, hashToken(token), ['study-invitation'], now);
  const id = Number(link?.payload);
  if (!link || !Number.isSafeInteger(id)) return undefined;
  const invitation = await findInvitation(db, id);
  if (!invitation || invitation.participant_id !== link.participant_id) return undefined;
  const study = await findStudy(db, invitation.study_id);
  return study && OPEN_STATUSES.has(study.status) ? invitation : undefined;
}
