import request from 'supertest';
import type { DB } from '../../src/db/database';
import { addInvitationLink } from '../../src/studies/invitations/invitation-links';
import { insertInvitations, invitationOf } from '../../src/studies/invitations/invitations.queries';
import { postForm } from './app';

type Agent = ReturnType<typeof request.agent>;
type Form = Record<string, string | string[]>;

/** A valid study form with this team (staff ids). */
export function studyForm(
  team: { organizer: number; facilitator?: number; noteTaker?: number },
  over: Form = {},
): Form {
  return {
    title: 'Bulky Item pickup: intake',
    purpose: 'How residents experience asking for a bulky item pickup.',
    requestTypes: ['Bulky Items'],
    stages: ['intake'],
    targetParticipants: '24',
    incentiveAmount: '50',
    incentiveKind: 'gift_card',
    reminderOffsets: '48, 2',
    organizers: [String(team.organizer)],
    facilitators: team.facilitator ? [String(team.facilitator)] : [],
    noteTakers: team.noteTaker ? [String(team.noteTaker)] : [],
    ...over,
  };
}

/** A valid in-person session form (a July evening, PDT). */
export function sessionForm(over: Form = {}): Form {
  return {
    startsAt: '2027-07-15T18:00',
    durationMinutes: '90',
    mode: 'in_person',
    placeName: 'Central Library',
    address: '630 W 5th St, Los Angeles, CA 90071',
    stepFree: 'yes',
    parking: 'Validated parking at 524 S Flower St',
    transit: 'Metro B and D Lines to Pershing Square',
    videoUrl: '',
    language: 'en',
    interpretation: ['es'],
    capacity: '8',
    extraSeats: '2',
    registrationDeadline: '2027-07-13T12:00',
    facilitatorId: '',
    noteTakerId: '',
    incentiveAmount: '50',
    incentiveKind: 'gift_card',
    ...over,
  };
}

/** Creates a study through its form; returns its id. */
export async function createStudy(agent: Agent, form: Form): Promise<number> {
  const res = await postForm(agent, '/staff/studies/new', '/staff/studies/new', form);
  if (res.status !== 303) throw new Error(`study not created: ${res.status}`);
  return Number(/\/staff\/studies\/(\d+)$/.exec(res.headers.location)![1]);
}

/** Adds a session to a study through its form; returns its id. */
export async function addSession(agent: Agent, studyId: number, form: Form): Promise<number> {
  const url = `/staff/studies/${studyId}/sessions/new`;
  const res = await postForm(agent, url, url, form);
  if (res.status !== 303) throw new Error(`session not added: ${res.status}`);
  return Number(/\/sessions\/(\d+)$/.exec(res.headers.location)![1]);
}

/** Moves a study to recruiting through its status button (invitation links work from then on). */
export async function openStudy(agent: Agent, studyId: number): Promise<void> {
  const page = `/staff/studies/${studyId}`;
  const res = await postForm(agent, page, `${page}/status`, { status: 'recruiting' });
  if (res.status !== 303) throw new Error(`study not opened: ${res.status}`);
}

/**
 * Invites one person to a study as the staff side will (an invitation row and its /r/ link);
 * returns the link's path.
 */
export async function invite(
  ctx: { db: DB; clock: { now(): Date } },
  studyId: number,
  participantId: number,
): Promise<string> {
  const at = ctx.clock.now();
  await insertInvitations(ctx.db, [
    {
      study_id: studyId,
      participant_id: participantId,
      draw_id: null,
      channel: 'email',
      invited_at: at.toISOString(),
    },
  ]);
  const invitation = (await invitationOf(ctx.db, studyId, participantId))!;
  return addInvitationLink(ctx.db, invitation, at);
}

/** A resident agent whose session came from an invitation link; returns it and its page. */
export async function followInvitation(app: Parameters<typeof request.agent>[0], link: string) {
  const agent = request.agent(app);
  const res = await agent.get(link);
  if (res.status !== 303) throw new Error(`invitation link refused: ${res.status}`);
  await agent.get(res.headers.location); // as a browser would: sets the person's language
  return { agent, page: res.headers.location as string };
}
