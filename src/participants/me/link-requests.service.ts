import { HOUR } from '../../clock';
import * as q from '../participants.queries';
import type { ParticipantService } from '../participants.service';
import * as lq from './link-requests.queries';

/** Requests not answered within this time are dropped: the address is not kept longer. */
export const LINK_REQUEST_TTL = HOUR;
const BATCH = 100;

/**
 * "Get my link". The request only writes the address down, the same work whether or not it
 * belongs to someone in the panel, so the answer's timing reveals nothing; a job looks it up and
 * sends the manage link (one per person every few minutes) and removes the row.
 */
export class LinkRequestService {
  constructor(private readonly people: ParticipantService) {}

  request(email: string): Promise<void> {
    const now = this.people.now().toISOString();
    return lq.insertLinkRequest(this.people.d.db, email.trim().toLowerCase(), now);
  }

  /** Answers the waiting requests; how many were processed. */
  async processWaiting(): Promise<number> {
    const { db } = this.people.d;
    const cutoff = new Date(this.people.now().getTime() - LINK_REQUEST_TTL).toISOString();
    await lq.deleteLinkRequestsBefore(db, cutoff);
    let done = 0;
    for (const id of await lq.waitingLinkRequests(db, BATCH)) {
      const email = await lq.takeLinkRequest(db, id);
      if (email === undefined) continue; // another worker took it
      done++;
      const p = await q.findByEmail(db, email);
      if (p && p.status !== 'deleted')
        await this.people.sendManageMail(p, 'participant-manage-link');
    }
    return done;
  }
}
