import type { Clock } from '../../clock';
import type { DB } from '../../db/database';
import type {
  ResponseChannel,
  SurveyRecipientRow,
  SurveyResponseRow,
  SurveyRow,
} from '../../db/schema';
import { ValidationError } from '../../errors';
import { completeResponse, readPage, type AnswerInput, type AnswerError } from '../model/answers';
import type { PageDef, SurveyDefinition } from '../model/definition';
import { recipientForToken } from '../survey-links';
import { findSurvey, languagesOf, latestVersion, loadDefinition } from '../surveys.queries';
import {
  type Alongside,
  findOrStartResponse,
  findResponse,
  findResponseByKey,
  findResponseWithRevision,
  findSurveyBySlug,
  personByEmail,
  personFacts,
  savePage,
  setOpenSlug,
  setResponseLanguage,
  storedAnswers,
  submitResponse,
  submittedCount,
} from './respond.queries';
import {
  SLUG,
  entryKey,
  availability,
  languageFor,
  newSlug,
  nextPage,
  randomKey,
  recipientKey,
  seenBefore,
  type Availability,
} from './respond.rules';

export interface RespondDeps {
  db: DB;
  clock: Clock;
  sessionSecret: string;
}

/** A response being answered, with what its pages need. */
export interface Answering {
  survey: SurveyRow;
  response: SurveyResponseRow;
  def: SurveyDefinition;
  stored: AnswerInput[];
}

/** The outcome of opening a link: a response to answer, or why there is none. */
export type Opened =
  | {
      ok: true;
      response: SurveyResponseRow;
      recipient: SurveyRecipientRow | null;
      language: string;
    }
  | {
      ok: false;
      why: 'gone' | 'draft' | Exclude<Availability, 'open' | 'draft'>;
      language: string;
    };

export type PageOutcome =
  { ok: true; next: number | null } | { ok: false; errors: Record<string, AnswerError> };

export type SubmitOutcome =
  { done: true } | { done: false; missingOnPage: number } | { done: false; closed: Availability };

/**
 * Answering a survey: personal links, open links, staff-entered responses; one page stored at a
 * time, the review, the submit that records one response whatever happens twice.
 */
export class RespondService {
  constructor(private readonly d: RespondDeps) {}

  private now() {
    return this.d.clock.now().toISOString();
  }

  /** Whether a survey takes answers now (`starting`: a new response, which the limit counts). */
  async availability(survey: SurveyRow, starting: boolean): Promise<Availability> {
    const submitted =
      starting && survey.response_limit !== null ? await submittedCount(this.d.db, survey.id) : 0;
    return availability(survey, this.now(), submitted, starting);
  }

  private async start(
    survey: SurveyRow,
    respondentKey: string,
    o: {
      participantId: number | null;
      channel: ResponseChannel;
      enteredBy: number | null;
      language: string;
      sessionId: number | null;
      facts?: { council_district: number | null; myla311_use: string | null };
    },
  ): Promise<SurveyResponseRow> {
    const version = await latestVersion(this.d.db, survey.id);
    return findOrStartResponse(this.d.db, {
      survey_id: survey.id,
      version_id: version.id,
      respondent_key: respondentKey,
      participant_id: o.participantId,
      channel: o.channel,
      entered_by: o.enteredBy,
      language: o.language,
      submission_key: randomKey(),
      council_district: o.facts?.council_district ?? null,
      myla311_use: o.facts?.myla311_use ?? null,
      study_id: survey.study_id,
      session_id: o.sessionId,
      started_at: this.now(),
    });
  }

  /**
   * A personal link: the recipient's response, found or started. Anonymous surveys store no
   * participant id and a keyed hash of the recipient as the respondent key (see recipientKey).
   */
  async openPersonalLink(token: string): Promise<Opened> {
    const recipient = await recipientForToken(this.d.db, token, this.d.clock.now());
    if (!recipient) return { ok: false, why: 'gone', language: 'en' };
    const survey = await findSurvey(this.d.db, recipient.survey_id);
    const person = await personFacts(this.d.db, recipient.participant_id);
    if (!survey || !person || person.status === 'deleted')
      return { ok: false, why: 'gone', language: 'en' };
    const language = languageFor(person.language, languagesOf(survey));
    if (survey.status === 'draft') return { ok: false, why: 'draft', language: person.language };
    const anonymous = survey.anonymous === 1;
    const key = recipientKey(recipient.id, anonymous, this.d.sessionSecret);
    const existing = await findResponseByKey(this.d.db, survey.id, key);
    if (existing) return { ok: true, response: existing, recipient, language: existing.language };
    const open = await this.availability(survey, true);
    if (open !== 'open' && open !== 'draft') return { ok: false, why: open, language };
    const response = await this.start(survey, key, {
      participantId: anonymous ? null : person.id,
      channel: 'web',
      enteredBy: null,
      language,
      sessionId: recipient.session_id,
      facts: person,
    });
    return { ok: true, response, recipient, language };
  }

  /** The survey of an open link, if it has one and is not a draft. */
  async surveyOfSlug(slug: string): Promise<SurveyRow | undefined> {
    if (!SLUG.test(slug)) return undefined;
    const survey = await findSurveyBySlug(this.d.db, slug);
    return survey && survey.status !== 'draft' ? survey : undefined;
  }

  /** The response of this browser's key, if it has one. */
  async openLinkResponse(survey: SurveyRow, key: string | null) {
    return key ? findResponseByKey(this.d.db, survey.id, key) : undefined;
  }

  /** Starts an open link's response for a browser key (anonymous: no participant, no facts). */
  async startOpenLink(survey: SurveyRow, key: string, language: string): Promise<Opened> {
    const existing = await findResponseByKey(this.d.db, survey.id, key);
    if (existing) return { ok: true, response: existing, recipient: null, language };
    const open = await this.availability(survey, true);
    if (open !== 'open') return { ok: false, why: open === 'draft' ? 'gone' : open, language };
    const response = await this.start(survey, key, {
      participantId: null,
      channel: 'web',
      enteredBy: null,
      language: languageFor(language, languagesOf(survey)),
      sessionId: null,
    });
    return { ok: true, response, recipient: null, language };
  }

  /** A response and what its pages need, or undefined (no such response, or its survey is a draft). */
  async answering(responseId: number): Promise<Answering | undefined> {
    const found = await findResponseWithRevision(this.d.db, responseId);
    if (!found) return undefined;
    const { version_revision: revision, ...response } = found;
    const survey = await findSurvey(this.d.db, response.survey_id);
    if (!survey) return undefined;
    const def = await loadDefinition(this.d.db, response.version_id, { survey, revision });
    return { survey, response, def, stored: await storedAnswers(this.d.db, response.id) };
  }

  /** A staff-entered response of this survey, for the staff member who started it. */
  async entryOf(
    surveyId: number,
    responseId: number,
    staffId: number,
  ): Promise<Answering | undefined> {
    const a = await this.answering(responseId);
    if (!a || a.survey.id !== surveyId || a.response.channel === 'web') return undefined;
    return a.response.entered_by === staffId ? a : undefined;
  }

  /** The response's language, switched when the survey offers `wanted`. */
  async useLanguage(a: Answering, wanted: unknown): Promise<string> {
    const offered = languagesOf(a.survey);
    if (typeof wanted === 'string' && offered.includes(wanted) && wanted !== a.response.language) {
      if (a.response.status === 'in_progress')
        await setResponseLanguage(this.d.db, a.response.id, wanted, this.now());
      a.response.language = wanted;
    }
    return languageFor(a.response.language, offered);
  }

  /** Reads one page's post; stores it when it is all right. */
  async answerPage(
    a: Answering,
    page: PageDef,
    body: unknown,
    language: string,
    alongside?: Alongside,
  ): Promise<PageOutcome> {
    const reading = readPage(page, body, seenBefore(a.def, a.stored, page.position));
    if (Object.keys(reading.errors).length) return { ok: false, errors: reading.errors };
    const ids = new Set(page.questions.map((q) => q.id));
    const stored = [...a.stored.filter((r) => !ids.has(r.questionId)), ...reading.answers];
    const next = nextPage(a.def, stored, page.position);
    const saved = await savePage(
      this.d.db,
      {
        responseId: a.response.id,
        questionIds: [...ids],
        answers: reading.answers,
        pagePosition: next ?? a.def.pages.length,
        language,
        now: this.now(),
      },
      alongside,
    );
    if (!saved) return { ok: true, next: null };
    a.stored = stored;
    return { ok: true, next };
  }

  /**
   * The final submit: the complete answers (hidden questions not shown, unreached ones skipped),
   * or the page a required answer is missing from. Two submits record one response.
   */
  async submit(
    a: Answering,
    submissionKey: string,
    recipientId: number | null,
    alongside?: Alongside,
  ): Promise<SubmitOutcome> {
    if (a.response.status === 'submitted') return { done: true };
    const open = await this.availability(a.survey, false);
    if (open !== 'open') return { done: false, closed: open };
    const { answers, missingOnPage } = completeResponse(a.def, a.stored);
    if (missingOnPage !== null) return { done: false, missingOnPage };
    await submitResponse(
      this.d.db,
      { responseId: a.response.id, submissionKey, answers, recipientId, now: this.now() },
      alongside,
    );
    const after = await findResponse(this.d.db, a.response.id);
    return after?.status === 'submitted' ? { done: true } : { done: false, missingOnPage: -1 };
  }

  async survey(id: number): Promise<SurveyRow | undefined> {
    return findSurvey(this.d.db, id);
  }

  // --- open links (staff) ---

  async createOpenSlug(survey: SurveyRow): Promise<string> {
    if (survey.open_slug) return survey.open_slug;
    const slug = newSlug();
    await setOpenSlug(this.d.db, survey.id, slug, this.now());
    return slug;
  }

  async retireOpenSlug(survey: SurveyRow): Promise<void> {
    await setOpenSlug(this.d.db, survey.id, null, this.now());
  }

  // --- staff-entered responses ---

  /**
   * Starts (or finds) a staff-entered response: for a participant, one per survey and person
   * (`staff:<participant id>`, so a second entry resumes the first); an anonymous paper form
   * gets a random key (each paper form is its own response).
   */
  async startEntry(
    survey: SurveyRow,
    o: {
      who: { id: number } | { email: string } | null;
      channel: 'phone' | 'paper';
      language: string;
      staffId: number;
    },
  ): Promise<SurveyResponseRow> {
    const offered = languagesOf(survey);
    if (!offered.includes(o.language))
      throw new ValidationError({ language: 'Choose one of the survey’s languages' });
    if (survey.status === 'draft')
      throw new ValidationError({
        who: 'This survey is a draft: open it before entering responses',
      });
    let person: Awaited<ReturnType<typeof personFacts>>;
    if (o.who) {
      person =
        'id' in o.who
          ? await personFacts(this.d.db, o.who.id)
          : await personByEmail(this.d.db, o.who.email);
      if (!person || person.status === 'deleted')
        throw new ValidationError({ who: 'No one in the panel has that participant id or email' });
    }
    const key = person
      ? entryKey(person.id, survey.anonymous === 1, this.d.sessionSecret)
      : `paper:${randomKey()}`;
    const existing = await findResponseByKey(this.d.db, survey.id, key);
    if (existing && (existing.channel === 'web' || existing.entered_by !== o.staffId))
      throw new ValidationError({
        who: 'Another staff member is already entering this person’s response',
      });
    if (existing) return existing;
    return this.start(survey, key, {
      participantId: person && survey.anonymous === 0 ? person.id : null,
      channel: o.channel,
      enteredBy: o.staffId,
      language: o.language,
      sessionId: null,
      facts: person ?? undefined,
    });
  }
}
