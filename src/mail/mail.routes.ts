import { Router } from 'express';
import { z } from 'zod';
import type { Clock } from '../clock';
import type { DB } from '../db/database';
import type { OutboxStatus } from '../db/schema';
import { requireRole } from '../web/auth';
import { NotFoundError } from '../errors';
import { idFrom } from '../web/params';
import { flash } from '../web/flash';
import { pageLinks, pageOf, pageParam } from '../web/pagination';
import {
  MAIL_LOG_STATUSES,
  countByStatus,
  findMessage,
  listMessages,
  requeue,
} from './outbox.queries';
import type { Mailer } from './mailer';
import { maskLinks } from './redact';

const PAGE_SIZE = 50;
const filterSchema = z.object({
  status: z
    .enum(MAIL_LOG_STATUSES as [OutboxStatus, ...OutboxStatus[]])
    .optional()
    .catch(undefined),
  page: pageParam,
});

/** The Mail log: every message the app wrote to the outbox, with its delivery state. */
export function mailRoutes(d: { db: DB; mailer: Mailer; clock: Clock }): Router {
  const r = Router();
  const canRead = requireRole('organizer');

  r.get('/staff/mail', ...canRead, async (req, res) => {
    const filter = filterSchema.parse(req.query);
    const { rows, total } = await listMessages(d.db, {
      status: filter.status,
      limit: PAGE_SIZE,
      offset: (filter.page - 1) * PAGE_SIZE,
    });
    res.render('mail/log', {
      messages: rows,
      counts: await countByStatus(d.db),
      statuses: MAIL_LOG_STATUSES,
      status: filter.status ?? '',
      delivers: d.mailer.delivers,
      pagination: pageOf(
        filter.page,
        PAGE_SIZE,
        total,
        pageLinks('/staff/mail', { status: filter.status }),
      ),
    });
  });

  const loadMessage = async (raw: unknown) => {
    const message = await findMessage(d.db, idFrom(raw));
    if (!message) throw new NotFoundError();
    return message;
  };

  r.get('/staff/mail/:id', ...canRead, async (req, res) => {
    const message = await loadMessage(req.params.id);
    // Links in mail are someone's key (a staff password, a resident's data). Only an admin on a
    // laptop without SMTP, where kept mail is the only way to follow them, sees them whole.
    const showLinks = message.status === 'kept' && req.user!.role === 'admin';
    const body = showLinks ? message.text_body : maskLinks(message.text_body);
    res.render('mail/message', {
      message: { ...message, text_body: body },
      attachments: JSON.parse(message.attachments),
    });
  });

  r.post('/staff/mail/:id/retry', ...canRead, async (req, res) => {
    const message = await loadMessage(req.params.id);
    if (await requeue(d.db, message.id, d.clock.now()))
      flash(req, 'success', 'The message will be sent again.');
    else flash(req, 'warning', 'Only failed messages can be sent again.');
    res.redirect(303, `/staff/mail/${message.id}`);
  });

  return r;
}
