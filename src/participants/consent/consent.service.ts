import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Clock } from '../../clock';
import type { CityNames } from '../../config';
import type { DB } from '../../db/database';
import type { Database, ParticipantSource } from '../../db/schema';
import { recordAudit } from '../../audit/audit.queries';
import { LOCALES, translator } from '../../i18n/i18n';
import { ValidationError } from '../../errors';
import * as q from './consent.queries';

export interface ConsentVersion {
  id: number;
  version: number;
  texts: Record<string, { text: string; hash: string }>;
}

export function hashText(text: string): string {
  return crypto.createHash('sha256').update(text.normalize('NFC'), 'utf8').digest('hex');
}

/** Consent texts are versioned; each version has a text per resident language. */
export class ConsentService {
  constructor(
    private readonly db: DB,
    private readonly clock: Clock,
  ) {}

  /** Version 1 from the catalogues' default text, the first time the app starts. */
  async ensureInitialVersion(cityNames: CityNames): Promise<void> {
    if (await q.latestVersion(this.db)) return;
    await this.db.transaction().execute((trx) =>
      q.insertVersion(trx, {
        version: 1,
        publishedAt: this.clock.now().toISOString(),
        publishedBy: null,
        texts: LOCALES.map((language) => {
          const text = translator(language, cityNames)('consent.defaultText');
          return { language, text, text_hash: hashText(text) };
        }),
      }),
    );
  }

  /** `db` may be an open transaction (SQLite has one connection: reading outside it would wait forever). */
  async current(db: Kysely<Database> = this.db): Promise<ConsentVersion> {
    const v = await q.latestVersion(db);
    if (!v) throw new Error('No consent version: prepareDatabase creates version 1');
    const texts = await q.textsOf(db, v.id);
    return {
      id: v.id,
      version: v.version,
      texts: Object.fromEntries(
        texts.map((t) => [t.language, { text: t.text, hash: t.text_hash }]),
      ),
    };
  }

  /** The text in a language, or English when a version lacks it (never the case when published here). */
  textIn(v: ConsentVersion, language: string): { text: string; hash: string; language: string } {
    const hit = v.texts[language];
    return hit ? { ...hit, language } : { ...v.texts.en, language: 'en' };
  }

  /** The current text in a language, with its version number, as the forms show it. */
  async shownIn(language: string) {
    const current = await this.current();
    return { ...this.textIn(current, language), version: current.version };
  }

  async list() {
    return q.listVersions(this.db);
  }

  /** Publishes a new version; every resident language must have its text. */
  async publish(staffId: number, texts: Record<string, string>): Promise<number> {
    const missing = LOCALES.filter((l) => !texts[l]?.trim());
    if (missing.length)
      throw new ValidationError(
        Object.fromEntries(
          missing.map((l) => [`text_${l}`, 'Enter the consent text in this language']),
        ),
      );
    const latest = await q.latestVersion(this.db);
    const now = this.clock.now();
    return this.db.transaction().execute(async (trx) => {
      const version = (latest?.version ?? 0) + 1;
      const id = await q.insertVersion(trx, {
        version,
        publishedAt: now.toISOString(),
        publishedBy: staffId,
        texts: LOCALES.map((language) => {
          const text = texts[language].trim();
          return { language, text, text_hash: hashText(text) };
        }),
      });
      await recordAudit(trx, {
        actorStaffId: staffId,
        action: 'consent.publish',
        subjectType: 'consent',
        subjectId: version,
        at: now,
      });
      return id;
    });
  }

  /** Records that a person gave (or withdrew) consent to a version, in a language, by a channel. */
  async record(
    db: Kysely<Database>,
    e: {
      participantId: number;
      version: ConsentVersion;
      language: string;
      channel: ParticipantSource;
      staffId?: number | null;
      action?: 'given' | 'withdrawn';
    },
  ): Promise<void> {
    const text = this.textIn(e.version, e.language);
    await q.insertConsentEvent(db, {
      participantId: e.participantId,
      versionId: e.version.id,
      action: e.action ?? 'given',
      language: text.language,
      channel: e.channel,
      textHash: text.hash,
      staffId: e.staffId ?? null,
      at: this.clock.now().toISOString(),
    });
  }

  async history(participantId: number) {
    return q.consentHistory(this.db, participantId);
  }
}
