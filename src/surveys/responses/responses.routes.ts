import { Router, type Request } from 'express';
import type { DB } from '../../db/database';
import { NotFoundError } from '../../errors';
import type { ReferenceData } from '../../reference/reference.queries';
import { formatCityTime } from '../../studies/city-time';
import { hasRole, requireRole } from '../../web/auth';
import { pageOf, pageParam } from '../../web/pagination';
import { idFrom } from '../../web/params';
import { recipientCounts } from '../distribute/distribute.queries';
import { findSurvey, languagesOf, loadDefinition } from '../surveys.queries';
import {
  answersOf,
  countResponses,
  findResponse,
  listResponses,
  recipientsOf,
  respondentName,
  responseCounts,
} from './responses.queries';
import {
  CHANNEL_LABELS,
  STATUS_LABELS,
  countsView,
  respondentNumber,
  responseQuestions,
  responseRows,
} from './responses.view';

export const RESPONSES_PAGE_SIZE = 50;
/** Recipients listed on the responses page (the counts are whole). */
export const RECIPIENTS_LISTED = 200;

/**
 * The staff view of a survey's responses (organizers, analysts): counts, a paged list, one
 * response with every question of its version. Analysts never see a name, an email or a phone:
 * a respondent number stands in; organizers see the person of an identified survey.
 */
export function responsesRoutes(d: { db: DB; ref: ReferenceData; cityTimeZone: string }) {
  const r = Router();
  const readers = requireRole('organizer', 'analyst');
  const surveyOf = async (req: Request) => {
    const survey = await findSurvey(d.db, idFrom(req.params.id));
    if (!survey) throw new NotFoundError();
    // Names only for organizers (and admins), and only of an identified survey.
    return { survey, names: hasRole(req, 'organizer') && survey.anonymous === 0 };
  };

  r.get('/staff/surveys/:id/responses', ...readers, async (req, res) => {
    const { survey, names } = await surveyOf(req);
    const [counts, recipients, total] = await Promise.all([
      responseCounts(d.db, survey.id),
      recipientCounts(d.db, survey.id),
      countResponses(d.db, survey.id),
    ]);
    const base = `/staff/surveys/${survey.id}/responses`;
    const pagination = pageOf(pageParam.parse(req.query.page), RESPONSES_PAGE_SIZE, total, (p) =>
      p > 1 ? `${base}?page=${p}` : base,
    );
    const rows = await listResponses(d.db, survey.id, {
      limit: RESPONSES_PAGE_SIZE,
      offset: (pagination.page - 1) * RESPONSES_PAGE_SIZE,
      names,
    });
    const canSeeRecipients = hasRole(req, 'organizer');
    res.render('surveys/responses/list', {
      survey,
      counts: countsView(counts, recipients.sent, d.ref),
      responded: recipients.responded,
      rows: responseRows(survey.id, rows, { names, zone: d.cityTimeZone, ref: d.ref }),
      pagination,
      recipients: canSeeRecipients
        ? (await recipientsOf(d.db, survey.id, RECIPIENTS_LISTED)).map((p) => ({
            name: [p.first_name, p.last_name].filter(Boolean).join(' ') || '(no name)',
            href: `/staff/participants/${p.participant_id}`,
            sent: formatCityTime(p.sent_at, d.cityTimeZone),
            responded: p.responded_at ? formatCityTime(p.responded_at, d.cityTimeZone) : 'Not yet',
          }))
        : null,
      recipientsListed: RECIPIENTS_LISTED,
    });
  });

  r.get('/staff/surveys/:id/responses/:responseId', ...readers, async (req, res) => {
    const { survey, names } = await surveyOf(req);
    const response = await findResponse(d.db, survey.id, idFrom(req.params.responseId));
    if (!response) throw new NotFoundError();
    const [def, answers, person] = await Promise.all([
      loadDefinition(d.db, response.version_id),
      answersOf(d.db, response.id),
      names && response.participant_id !== null
        ? respondentName(d.db, response.participant_id)
        : undefined,
    ]);
    const languageName = new Map(d.ref.languages.map((l) => [l.code, l.english_name]));
    const lang = languagesOf(survey).includes(response.language)
      ? response.language
      : (languagesOf(survey)[0] ?? 'en');
    res.render('surveys/responses/response', {
      survey,
      response: {
        id: response.id,
        respondent: respondentNumber(response.id),
        person: person && {
          name: [person.first_name, person.last_name].filter(Boolean).join(' ') || '(no name)',
          href: `/staff/participants/${person.id}`,
        },
        status: STATUS_LABELS[response.status],
        lang,
        language: languageName.get(response.language) ?? response.language,
        channel: CHANNEL_LABELS[response.channel],
        enteredBy:
          response.channel === 'web' ? null : (response.entered_by_name ?? 'A former staff member'),
        version: response.version,
        started: formatCityTime(response.started_at, d.cityTimeZone),
        submitted: response.submitted_at
          ? formatCityTime(response.submitted_at, d.cityTimeZone)
          : 'Not yet',
      },
      pages: responseQuestions(def, answers, lang),
    });
  });

  return r;
}
