import { DAY, HOUR, MINUTE, type FakeClock } from '../clock';
import type { CityNames } from '../config';
import type { DB } from '../db/database';
import type { SurveyResponsesTable } from '../db/schema';
import type { SeededRandom } from '../random';
import type { ReferenceData } from '../reference/reference.queries';
import type { AnswerInput } from '../surveys/model/answers';
import type { SurveyDefinition } from '../surveys/model/definition';
import { latestVersion, loadDefinition } from '../surveys/surveys.queries';
import { districtOf } from '../surveys/templates/screener.codes';
import { TEMPLATE_LANGUAGES } from '../surveys/templates/texts';
import type { TemplateInput } from '../surveys/templates/templates.schema';
import { TemplatesService } from '../surveys/templates/templates.service';
import {
  a11Body,
  answersOf,
  postSessionBody,
  screenerBody,
  strangerFacts,
} from './survey-answers.demo';
import { studyIdByTitle } from './studies.queries';
import {
  attendeesOf,
  demoPool,
  insertAnswers,
  insertRecipients,
  insertResponses,
  openDemoSurvey,
  surveyIdByTitle,
  type DemoPerson,
} from './surveys.queries';

/*
 * The three template surveys with their responses: the A-11 survey about Bulky Items (intake) for
 * the study "Bulky Item pickup: intake", the usage screener (open, with an open link) and the
 * post-session survey of "Graffiti removal: hearing back". Each is made through the templates
 * service as staff would, then opened. Every response is built by the pure model (`readPage` on
 * a form body, then `completeResponse`), so its rows are exactly what answering stores; they are
 * written in batches, one transaction per survey. Respondents are the demo pool's residents
 * (their district and 311 use copied to the response), people from the open link, and residents
 * reached by phone or on paper whose answers staff entered.
 */

/** The demo has at least this many responses: the screener's open link tops it up. */
export const DEMO_RESPONSES = 1600;
const OPEN_LINK_MIN = 600;

export interface DemoSurveysDeps {
  db: DB;
  clock: FakeClock;
  rnd: SeededRandom;
  end: Date;
  ref: ReferenceData;
  cityNames: CityNames;
  organizerId: number;
  facilitatorId: number;
}

type Channel = 'web' | 'phone' | 'paper';
interface Recipient {
  participantId: number;
  sessionId: number | null;
  sentAt: string;
}
interface Created {
  id: number;
  version: number;
  studyId: number | null;
  def: SurveyDefinition;
}
interface Planned {
  recipient: Recipient | null;
  participantId: number | null;
  channel: Channel;
  enteredBy: number | null;
  language: string;
  district: number | null;
  use: SurveyResponsesTable['myla311_use'];
  sessionId: number | null;
  startedAt: string;
  finishedAt: string;
  /** Pages answered when stopped; null for a submitted response. */
  stoppedAfter: number | null;
  answers: AnswerInput[];
}

const LANGUAGES: readonly string[] = TEMPLATE_LANGUAGES;
const languageFor = (own: string) => (LANGUAGES.includes(own) ? own : 'en');

export async function seedDemoSurveys(d: DemoSurveysDeps): Promise<string[]> {
  const { db, clock, rnd, end } = d;
  const templates = new TemplatesService({ db, clock, ref: d.ref, names: d.cityNames });
  const ago = (ms: number) => new Date(end.getTime() - ms);
  const iso = (ms: number) => new Date(ms).toISOString();
  /** A moment between two instants (ms), as ISO text. */
  const between = (from: number, to: number) => iso(from + rnd.next() * Math.max(0, to - from));
  const staff = () => rnd.pick([d.organizerId, d.facilitatorId]);
  const pool = await demoPool(db);
  const added: string[] = [];
  let total = 0;

  /** Creates the survey from its template as the organizer did, `daysAgo`, and opens it. */
  const create = async (
    slug: string,
    input: TemplateInput,
    daysAgo: number,
    openSlug: string | null,
  ) => {
    clock.set(ago(daysAgo * DAY));
    const id = await templates.create(slug, input, d.organizerId);
    clock.set(ago(daysAgo * DAY - HOUR));
    await openDemoSurvey(db, id, { now: clock.now().toISOString(), openSlug });
    const version = await latestVersion(db, id);
    const def = await loadDefinition(db, version.id);
    return { id, version: version.id, studyId: input.studyId, def } satisfies Created;
  };

  const a11 = {
    title: 'Bulky Item pickup: customer experience (A-11)',
    study: await studyIdByTitle(db, 'Bulky Item pickup: intake'),
  };
  const post = {
    title: 'Graffiti removal: after the session',
    study: await studyIdByTitle(db, 'Graffiti removal: hearing back'),
  };
  const screenerTitle = `${d.cityNames.service311} usage screener`;

  // The A-11 survey: emailed to residents who used 311, answered by most; phone-only
  // residents interviewed by staff.
  if ((await surveyIdByTitle(db, a11.title)) === null) {
    const s = await create(
      'a11',
      {
        title: a11.title,
        service: 'Bulky Items',
        stage: 'intake',
        studyId: a11.study,
        languages: [...LANGUAGES],
      },
      32,
      null,
    );
    const drivers = s.def.pages[0].questions.filter((q) => q.driver).map((q) => q.code);
    const sentAt = ago(30 * DAY).getTime();
    const plans: Planned[] = [];
    const unanswered: Recipient[] = [];
    for (const p of pool.filter((x) => x.myla311_use !== 'never').slice(0, 1200)) {
      const language = languageFor(p.language);
      const byStaff = !p.email;
      if (byStaff ? !rnd.chance(0.5) : !rnd.chance(0.68)) {
        if (!byStaff)
          unanswered.push({ participantId: p.id, sessionId: null, sentAt: iso(sentAt) });
        continue;
      }
      const stoppedAfter = !byStaff && rnd.chance(0.1) ? 1 : null;
      const start = between(sentAt + HOUR, end.getTime() - 2 * HOUR);
      plans.push({
        ...respondent(p, language, byStaff ? staffChannel() : 'web', byStaff ? staff() : null),
        recipient: byStaff ? null : { participantId: p.id, sessionId: null, sentAt: iso(sentAt) },
        participantId: null, // anonymous: no one's name on the answers, only de-identified facts
        startedAt: start,
        finishedAt: iso(Date.parse(start) + rnd.int(2, 12) * MINUTE),
        stoppedAfter,
        answers: answersOf(s.def, a11Body(rnd, language, drivers), stoppedAfter),
      });
    }
    total += await store(s, plans, unanswered);
    added.push(a11.title);
  }

  // The post-session survey: to everyone who attended the study's past sessions, 2 h after.
  if ((await surveyIdByTitle(db, post.title)) === null && post.study !== null) {
    const s = await create(
      'post-session',
      {
        title: post.title,
        service: null,
        stage: null,
        studyId: post.study,
        languages: [...LANGUAGES],
      },
      26,
      null,
    );
    const plans: Planned[] = [];
    const unanswered: Recipient[] = [];
    for (const a of await attendeesOf(db, post.study)) {
      const sent = Date.parse(a.starts_at) + (a.duration_minutes + 120) * MINUTE;
      const recipient = {
        participantId: a.participant_id,
        sessionId: a.session_id,
        sentAt: iso(sent),
      };
      if (sent > end.getTime() || !rnd.chance(0.75)) {
        unanswered.push(recipient);
        continue;
      }
      const language = languageFor(a.language);
      const stoppedAfter = rnd.chance(0.1) ? 1 : null;
      const start = between(sent + 10 * MINUTE, Math.min(end.getTime(), sent + 2 * DAY));
      plans.push({
        recipient,
        participantId: a.participant_id,
        channel: 'web',
        enteredBy: null,
        language,
        district: a.council_district,
        use: a.myla311_use,
        sessionId: a.session_id,
        startedAt: start,
        finishedAt: iso(Date.parse(start) + rnd.int(2, 8) * MINUTE),
        stoppedAfter,
        answers: answersOf(s.def, postSessionBody(rnd, language), stoppedAfter),
      });
    }
    total += await store(s, plans, unanswered);
    added.push(post.title);
  }

  // The screener: personal links to part of the panel, phone interviews, and the open link
  // (posters, flyers, paper at events) topping the demo up to DEMO_RESPONSES.
  if ((await surveyIdByTitle(db, screenerTitle)) === null) {
    const s = await create(
      'screener',
      {
        title: screenerTitle,
        service: null,
        stage: null,
        studyId: null,
        languages: [...LANGUAGES],
      },
      60,
      'usage-screener',
    );
    const sentAt = ago(55 * DAY).getTime();
    const plans: Planned[] = [];
    const unanswered: Recipient[] = [];
    for (const p of pool) {
      const byStaff = !p.email;
      if (!rnd.chance(byStaff ? 0.3 : 0.45)) continue;
      if (!byStaff && !rnd.chance(0.72)) {
        unanswered.push({ participantId: p.id, sessionId: null, sentAt: iso(sentAt) });
        continue;
      }
      const language = languageFor(p.language);
      const stoppedAfter = !byStaff && rnd.chance(0.08) ? 1 : null;
      const start = between(sentAt + HOUR, end.getTime() - HOUR);
      plans.push({
        ...respondent(p, language, byStaff ? staffChannel() : 'web', byStaff ? staff() : null),
        recipient: byStaff ? null : { participantId: p.id, sessionId: null, sentAt: iso(sentAt) },
        participantId: p.id,
        startedAt: start,
        finishedAt: iso(Date.parse(start) + rnd.int(1, 6) * MINUTE),
        stoppedAfter,
        answers: answersOf(s.def, screenerBody(rnd, { ...p, language }, d.ref), stoppedAfter),
      });
    }
    const open = Math.max(OPEN_LINK_MIN, DEMO_RESPONSES - total - plans.length);
    for (let i = 0; i < open; i++) {
      const facts = strangerFacts(rnd, d.ref);
      const paper = rnd.chance(0.04);
      const stoppedAfter = !paper && rnd.chance(0.12) ? 1 : null;
      const body = screenerBody(rnd, facts, d.ref);
      const start = between(ago(58 * DAY).getTime(), end.getTime() - HOUR);
      const answers = answersOf(s.def, body, stoppedAfter);
      const said = (code: string) => answers.find((a) => a.code === code && a.state === 'answered');
      const district = said('council_district')?.value;
      plans.push({
        recipient: null,
        participantId: null,
        channel: paper ? 'paper' : 'web',
        enteredBy: paper ? d.organizerId : null,
        language: facts.language,
        district: district ? districtOf(district) : null,
        use: (said('use_frequency')?.value ?? null) as Planned['use'],
        sessionId: null,
        startedAt: start,
        finishedAt: iso(Date.parse(start) + rnd.int(1, 6) * MINUTE),
        stoppedAfter,
        answers,
      });
    }
    await store(s, plans, unanswered);
    added.push(screenerTitle);
  }
  clock.set(end);
  return added;

  function staffChannel(): Channel {
    return rnd.chance(0.8) ? 'phone' : 'paper';
  }

  function respondent(p: DemoPerson, language: string, channel: Channel, by: number | null) {
    return {
      channel,
      enteredBy: by,
      language,
      district: p.council_district,
      use: p.myla311_use,
      sessionId: null,
    };
  }

  /**
   * One transaction: the recipients (those who did not answer too), then the responses with the
   * keys a real one has, then their answers. Returns the number of responses.
   */
  async function store(s: Created, plans: Planned[], others: Recipient[]): Promise<number> {
    const key = () =>
      Array.from({ length: 4 }, () => rnd.int(0, 0xffffffff).toString(16).padStart(8, '0')).join(
        '',
      );
    await db.transaction().execute(async (trx) => {
      const recipients = await insertRecipients(trx, [
        ...plans.flatMap((p) =>
          p.recipient
            ? [recipientRow(s, p.recipient, p.stoppedAfter === null ? p.finishedAt : null)]
            : [],
        ),
        ...others.map((r) => recipientRow(s, r, null)),
      ]);
      const recipientOf = new Map(recipients.map((r) => [r.participant_id, r.id]));
      const lastPage = s.def.pages.length - 1;
      const responses = await insertResponses(
        trx,
        plans.map((p) => ({
          survey_id: s.id,
          version_id: s.version,
          respondent_key: p.recipient
            ? `recipient:${recipientOf.get(p.recipient.participantId)}`
            : `${p.enteredBy ? 'staff' : 'open'}:${key()}`,
          participant_id: p.participantId,
          channel: p.channel,
          entered_by: p.enteredBy,
          language: p.language,
          status: p.stoppedAfter === null ? 'submitted' : 'in_progress',
          page_position: p.stoppedAfter ?? lastPage,
          submission_key: key(),
          council_district: p.district,
          myla311_use: p.use,
          study_id: s.studyId,
          session_id: p.sessionId,
          started_at: p.startedAt,
          updated_at: p.finishedAt,
          submitted_at: p.stoppedAfter === null ? p.finishedAt : null,
        })),
      );
      await insertAnswers(
        trx,
        plans.flatMap((p, i) =>
          p.answers.map((a) => ({
            response_id: responses[i].id,
            question_id: a.questionId,
            item: a.item,
            state: a.state,
            value: a.value,
            number: a.number,
            other_text: a.otherText,
          })),
        ),
      );
    });
    return plans.length;
  }

  function recipientRow(s: Created, r: Recipient, respondedAt: string | null) {
    return {
      survey_id: s.id,
      participant_id: r.participantId,
      session_id: r.sessionId,
      sent_at: r.sentAt,
      // The post-session survey goes out by itself; the others were sent by the organizer.
      sent_by: r.sessionId === null ? d.organizerId : null,
      responded_at: respondedAt,
    };
  }
}
