import { MINUTE } from '../../clock';
import type { Job } from '../../jobs/runner';
import { participantServices } from '../../participants/participants.feature';
import type { ParticipantJobDeps } from '../../participants/maintenance';
import { SurveySender } from './send.service';

/**
 * The surveys feature's job: post-session surveys, every minute, to those checked in as
 * attended once the survey's wait after the session's end has passed. Work is found in rows
 * (an attended registration without a recipient row), so a restart loses and doubles nothing.
 */
export function surveyJobs(d: ParticipantJobDeps): Job[] {
  const sender = new SurveySender({ ...d, manageLinks: participantServices(d).participants });
  return [{ name: 'post-session-surveys', everyMs: MINUTE, run: () => sender.sendPostSession() }];
}
