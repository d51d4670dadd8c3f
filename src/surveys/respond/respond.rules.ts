import crypto from 'node:crypto';
import type { SurveyRow } from '../../db/schema';
import type { Values } from '../../web/forms';
import {
  PREFER_NOT,
  completeResponse,
  fieldName,
  seenFrom,
  visibleQuestions,
} from '../model/answers';
import type { AnswerInput } from '../model/answers';
import type { PageDef, QuestionDef, SurveyDefinition } from '../model/definition';
import { textIn } from '../model/texts';

/**
 * The pure rules of answering: which pages a respondent sees and in what order, what a stored
 * answer puts back in a form, what the review page says, whether a survey takes answers, and
 * the keys that make a second start the same response.
 */
type Def = Pick<SurveyDefinition, 'pages'>;
type Stored = readonly AnswerInput[];

/** What conditions of page `position` see: the stored answers of the pages before it. */
export function seenBefore(def: Def, stored: Stored, position: number) {
  const earlier = new Set(
    def.pages.filter((p) => p.position < position).flatMap((p) => p.questions.map((q) => q.id)),
  );
  return seenFrom(
    def,
    stored.filter((r) => earlier.has(r.questionId)),
  );
}

/** The questions page `page` shows, given what is stored. */
export const shownOn = (def: Def, page: PageDef, stored: Stored): QuestionDef[] =>
  visibleQuestions(page, seenBefore(def, stored, page.position));

/** Positions of the pages the respondent sees (a page all of whose questions are hidden is skipped). */
export function shownPages(def: Def, stored: Stored): number[] {
  return def.pages.filter((p) => shownOn(def, p, stored).length > 0).map((p) => p.position);
}

/** The first shown page after `position`, or null for the review. */
export function nextPage(def: Def, stored: Stored, position: number): number | null {
  return shownPages(def, stored).find((p) => p > position) ?? null;
}

/** The last shown page before `position` (or null: the first page has no "Back"). */
export function previousPage(def: Def, stored: Stored, position: number): number | null {
  const before = shownPages(def, stored).filter((p) => p < position);
  return before.length ? before[before.length - 1] : null;
}

/** Where a person resumes: the stored position if shown, else the next shown page, else the review. */
export function resumeAt(def: Def, stored: Stored, position: number): number | null {
  const shown = shownPages(def, stored);
  return shown.find((p) => p >= position) ?? null;
}

/** "Page n of m" among the shown pages (a hidden page is not counted). */
export function progressOf(def: Def, stored: Stored, position: number) {
  const shown = shownPages(def, stored);
  const index = shown.indexOf(position);
  return { page: index < 0 ? shown.length : index + 1, of: Math.max(shown.length, 1) };
}

/** The form values stored answers put back on a page (what the person chose before). */
export function valuesFrom(questions: QuestionDef[], stored: Stored): Values {
  const out: Values = {};
  const ids = new Map(questions.map((q) => [q.id, q]));
  for (const r of stored) {
    const q = ids.get(r.questionId);
    if (!q || r.state === 'not_shown' || r.state === 'skipped' || r.state === 'not_selected')
      continue;
    const f = fieldName(q.code);
    if (r.state === 'prefer_not') {
      if (q.type === 'agreement_grid') out[fieldName(q.code, r.item)] = PREFER_NOT;
      else if (['short_text', 'long_text', 'number', 'date'].includes(q.type))
        out[fieldName(q.code, 'prefer_not')] = '1';
      else if (q.type === 'multi_choice') out[f] = [PREFER_NOT];
      else out[f] = PREFER_NOT;
      continue;
    }
    if (q.type === 'multi_choice') {
      out[f] = [...((out[f] as string[] | undefined) ?? []), r.item];
      if (r.otherText) out[fieldName(q.code, 'other')] = r.otherText;
    } else if (q.type === 'agreement_grid' || q.type === 'ranking') {
      out[fieldName(q.code, r.item)] = r.value ?? '';
    } else {
      out[f] = r.value ?? '';
      if (r.otherText) out[fieldName(q.code, 'other')] = r.otherText;
    }
  }
  return out;
}

type T = (key: string, opts?: Record<string, unknown>) => string;

/** One line of the review page. */
export interface ReviewItem {
  page: number;
  code: string;
  label: string;
  /** The answer as the person reads it, one line per statement or option when there are several. */
  lines: string[];
  state: 'answered' | 'skipped' | 'prefer_not';
}

const label = (t: T, q: QuestionDef, value: string, lang: string): string => {
  switch (q.type) {
    case 'yes_no':
      return t(`survey.${value === 'yes' ? 'yes' : 'no'}`);
    case 'agreement':
    case 'agreement_grid':
      return t(`survey.agreement.${value}`);
    case 'consent':
      return t('respond.consentGiven');
    case 'single_choice':
    case 'dropdown':
    case 'multi_choice':
      return textIn(q.options.find((o) => o.code === value)?.label, lang) || value;
    default:
      return value;
  }
};

/** Every shown question with its answer (or skipped, prefer not to say), in survey order. */
export function reviewItems(def: Def, stored: Stored, lang: string, t: T): ReviewItem[] {
  const { answers } = completeResponse(def, stored);
  const items: ReviewItem[] = [];
  for (const page of def.pages)
    for (const q of page.questions) {
      if (q.type === 'info') continue;
      const rows = answers.filter((a) => a.questionId === q.id);
      if (!rows.length || rows.every((r) => r.state === 'not_shown')) continue;
      const qLabel = textIn(q.texts.label, lang);
      const item = (state: ReviewItem['state'], lines: string[] = []) =>
        items.push({ page: page.position, code: q.code, label: qLabel, lines, state });
      if (rows.every((r) => r.state === 'skipped')) item('skipped');
      else if (q.type !== 'agreement_grid' && rows.some((r) => r.state === 'prefer_not'))
        item('prefer_not');
      else if (q.type === 'multi_choice')
        item(
          'answered',
          rows
            .filter((r) => r.state === 'answered')
            .map((r) => label(t, q, r.item, lang) + (r.otherText ? `: ${r.otherText}` : '')),
        );
      else if (q.type === 'agreement_grid')
        item(
          'answered',
          q.statements.map((s) => {
            const r = rows.find((x) => x.item === s.code);
            const said =
              r?.state === 'answered'
                ? label(t, q, r.value ?? '', lang)
                : t(r?.state === 'prefer_not' ? 'survey.preferNot' : 'respond.skipped');
            return `${textIn(s.label, lang)}: ${said}`;
          }),
        );
      else if (q.type === 'ranking')
        item(
          'answered',
          [...rows]
            .sort((a, b) => (a.number ?? 0) - (b.number ?? 0))
            .map(
              (r) => `${r.value}. ${textIn(q.options.find((o) => o.code === r.item)?.label, lang)}`,
            ),
        );
      else {
        const r = rows[0];
        item('answered', [
          label(t, q, r.value ?? '', lang) + (r.otherText ? `: ${r.otherText}` : ''),
        ]);
      }
    }
  return items;
}

/** Whether a survey takes answers now: `open`, or why not. */
export type Availability = 'open' | 'closed' | 'full' | 'draft';

/**
 * Closed, past its close date, or (for a new response) at its response limit. A response
 * already started may still be submitted once the limit is reached: the person was let in and
 * has given their time, so the limit bounds starts, and the count can pass it by the responses
 * in progress at that moment.
 */
export function availability(
  survey: Pick<SurveyRow, 'status' | 'closes_at' | 'response_limit'>,
  now: string,
  submitted: number,
  starting: boolean,
): Availability {
  if (survey.status === 'draft') return 'draft';
  if (survey.status === 'closed' || (survey.closes_at !== null && survey.closes_at <= now))
    return 'closed';
  if (starting && survey.response_limit !== null && submitted >= survey.response_limit)
    return 'full';
  return 'open';
}

/** The person's language if the survey offers it, else the survey's first. */
export const languageFor = (wanted: string | null | undefined, offered: string[]): string =>
  wanted && offered.includes(wanted) ? wanted : (offered[0] ?? 'en');

const hmac = (secret: string, what: string) =>
  crypto.createHmac('sha256', secret).update(what).digest('base64url');

/**
 * A recipient's respondent key. Identified surveys: `recipient:<id>`. Anonymous surveys: an HMAC
 * of the recipient id with the session secret, so the response row holds no participant id and
 * no recipient id that a reader of the tables (an export, a results page) could join back to a
 * person; only the app, which holds the secret, can find the same response again.
 */
export function recipientKey(recipientId: number, anonymous: boolean, secret: string): string {
  return anonymous
    ? `anon:${hmac(secret, `survey-recipient:${recipientId}`)}`
    : `recipient:${recipientId}`;
}

/** A staff-entered response's key for a participant (one per survey and person), hashed like a recipient's for anonymous surveys. */
export function entryKey(participantId: number, anonymous: boolean, secret: string): string {
  return anonymous
    ? `staff:anon:${hmac(secret, `survey-entry:${participantId}`)}`
    : `staff:${participantId}`;
}

/** A random key (an open link's browser, an anonymous paper form, a submission). */
export const randomKey = (): string => crypto.randomBytes(18).toString('base64url');

/** The open link's browser cookie: a random respondent key, signed so that it cannot be forged. */
export const signKey = (secret: string, surveyId: number, key: string): string =>
  `${key}.${hmac(secret, `open-link:${surveyId}:${key}`)}`;

export function verifyKey(secret: string, surveyId: number, cookie: unknown): string | null {
  if (typeof cookie !== 'string') return null;
  const [key, mac] = cookie.split('.');
  if (!key || !mac || !/^[\w-]{10,64}$/.test(key)) return null;
  const want = Buffer.from(hmac(secret, `open-link:${surveyId}:${key}`));
  const got = Buffer.from(mac);
  return want.length === got.length && crypto.timingSafeEqual(want, got) ? key : null;
}

/** An open link's slug: short, random, hard to guess, easy to type from a poster. */
export const newSlug = (): string =>
  Array.from(crypto.randomBytes(8), (b) => 'abcdefghjkmnpqrstuvwxyz23456789'[b % 31]).join('');

export const SLUG = /^[a-z0-9]{4,40}$/;
