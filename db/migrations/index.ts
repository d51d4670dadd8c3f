import type { Migration } from 'kysely';
import * as foundation from './2026_11_26_0900_foundation';
import * as participants from './2026_11_26_1000_participants';
import * as poolIndexes from './2026_11_26_1100_pool_indexes';
import * as importDrafts from './2026_11_26_1200_import_drafts';
import * as emailChange from './2026_11_26_1300_email_change';
import * as staffSessions from './2026_12_03_0900_staff_sessions';
import * as rateLimits from './2026_12_03_0910_rate_limits';
import * as referenceLabels from './2026_12_03_0920_reference_labels';
import * as retention from './2026_12_03_0930_retention';
import * as linkRequests from './2026_12_03_0940_link_requests';
import * as sessionsValidAfter from './2026_12_03_0950_staff_sessions_valid_after';
import * as studies from './2026_12_03_1000_studies';
import * as registrations from './2026_12_03_1100_registrations';
import * as invitations from './2026_12_03_1200_invitations';
import * as reminders from './2026_12_03_1210_reminders';
import * as attendance from './2026_12_03_1220_attendance';
import * as invitationExtras from './2026_12_03_1230_invitation_extras';
import * as surveys from './2026_12_04_0900_surveys';
import * as feedback from './2026_12_04_0910_feedback';
import * as cityShares from './2026_12_04_1000_city_shares';
import * as reportBacks from './2026_12_04_1010_report_backs';
import * as answerFigures from './2026_12_04_1100_answer_figures_index';
import * as versionRevision from './2026_12_04_1110_version_revision';

/** Every migration, by name, in order. One in-code list so tsc, tsx and Jest run them alike. */
export const migrations: Record<string, Migration> = {
  '2026_11_26_0900_foundation': foundation,
  '2026_11_26_1000_participants': participants,
  '2026_11_26_1100_pool_indexes': poolIndexes,
  '2026_11_26_1200_import_drafts': importDrafts,
  '2026_11_26_1300_email_change': emailChange,
  '2026_12_03_0900_staff_sessions': staffSessions,
  '2026_12_03_0910_rate_limits': rateLimits,
  '2026_12_03_0920_reference_labels': referenceLabels,
  '2026_12_03_0930_retention': retention,
  '2026_12_03_0940_link_requests': linkRequests,
  '2026_12_03_0950_staff_sessions_valid_after': sessionsValidAfter,
  '2026_12_03_1000_studies': studies,
  '2026_12_03_1100_registrations': registrations,
  '2026_12_03_1200_invitations': invitations,
  '2026_12_03_1210_reminders': reminders,
  '2026_12_03_1220_attendance': attendance,
  '2026_12_03_1230_invitation_extras': invitationExtras,
  '2026_12_04_0900_surveys': surveys,
  '2026_12_04_0910_feedback': feedback,
  '2026_12_04_1000_city_shares': cityShares,
  '2026_12_04_1010_report_backs': reportBacks,
  '2026_12_04_1100_answer_figures_index': answerFigures,
  '2026_12_04_1110_version_revision': versionRevision,
};
