import { recordAudit } from '../audit/audit.queries';
import type { Clock } from '../clock';
import type { DB } from '../db/database';
import { NotFoundError, ValidationError } from '../errors';
import { mergePlan, themeKey, themeName } from './theme.rules';
import {
  approveTheme,
  deleteTheme,
  holdThemes,
  insertTheme,
  notesTagged,
  renameTheme,
  tagNotes,
  themeById,
  themeByKey,
  themeChoices,
  themesWithCounts,
} from './themes.queries';

export interface ThemeDeps {
  db: DB;
  clock: Clock;
}

const taken = (name: string) => `A theme named “${name}” already exists`;

/**
 * The themes notes are tagged with: admins add, rename, approve and merge them (audited);
 * anyone writing notes may propose one, usable at once.
 */
export class ThemeService {
  constructor(private readonly d: ThemeDeps) {}

  list() {
    return themesWithCounts(this.d.db);
  }

  choices() {
    return themeChoices(this.d.db);
  }

  /** An admin adds an active theme. */
  async add(typed: string, by: number): Promise<number> {
    const name = themeName(typed);
    const now = this.d.clock.now();
    return this.d.db.transaction().execute(async (trx) => {
      const id = await insertTheme(trx, {
        name,
        key: themeKey(name),
        status: 'active',
        by,
        at: now.toISOString(),
      });
      if (id === null) throw new ValidationError({ name: taken(name) });
      await audit(trx, by, 'theme.add', id, { name }, now);
      return id;
    });
  }

  /**
   * The theme of this name (any case), or a new proposed one: inside the caller's transaction,
   * so a note and the theme it proposes are saved together.
   */
  async findOrPropose(trx: DB, typed: string, by: number, at: Date): Promise<number> {
    const name = themeName(typed);
    const key = themeKey(name);
    const found = await themeByKey(trx, key);
    if (found) return found.id;
    const id = await insertTheme(trx, {
      name,
      key,
      status: 'proposed',
      by,
      at: at.toISOString(),
    });
    if (id !== null) {
      await audit(trx, by, 'theme.propose', id, { name }, at);
      return id;
    }
    // Proposed by someone else at the same moment: theirs is the one.
    return (await themeByKey(trx, key))!.id;
  }

  async rename(id: number, typed: string, by: number): Promise<void> {
    const name = themeName(typed);
    const now = this.d.clock.now();
    await this.d.db.transaction().execute(async (trx) => {
      const theme = await themeById(trx, id);
      if (!theme) throw new NotFoundError();
      if (theme.name === name) return;
      if (!(await renameTheme(trx, id, { name, key: themeKey(name), at: now.toISOString() })))
        throw new ValidationError({ name: taken(name) });
      await audit(trx, by, 'theme.rename', id, { from: theme.name, to: name }, now);
    });
  }

  /** A proposed theme becomes part of the list; false when it already was. */
  async approve(id: number, by: number): Promise<{ changed: boolean; name: string }> {
    const now = this.d.clock.now();
    return this.d.db.transaction().execute(async (trx) => {
      const theme = await themeById(trx, id);
      if (!theme) throw new NotFoundError();
      const changed = await approveTheme(trx, id, now.toISOString());
      if (changed) await audit(trx, by, 'theme.approve', id, { name: theme.name }, now);
      return { changed, name: theme.name };
    });
  }

  /**
   * Merges theme A into B in one transaction: every note tagged A is tagged B (once), then A
   * is removed with its tags.
   */
  async merge(fromId: number, intoId: number, by: number) {
    if (fromId === intoId)
      throw new ValidationError({ into: 'Choose a different theme to merge it into' });
    const now = this.d.clock.now();
    return this.d.db.transaction().execute(async (trx) => {
      // First the row locks, then the reads: no tag of A can slip in between the copy and the delete.
      await holdThemes(trx, [fromId, intoId], now.toISOString());
      const [from, into] = await Promise.all([themeById(trx, fromId), themeById(trx, intoId)]);
      if (!from) throw new ValidationError({ from: 'That theme no longer exists: choose another' });
      if (!into) throw new ValidationError({ into: 'That theme no longer exists: choose another' });
      const plan = mergePlan(await notesTagged(trx, fromId), await notesTagged(trx, intoId));
      await tagNotes(trx, intoId, plan.add);
      await deleteTheme(trx, fromId);
      await audit(
        trx,
        by,
        'theme.merge',
        intoId,
        {
          from: from.name,
          fromId,
          into: into.name,
          moved: plan.add.length,
          alreadyBoth: plan.alreadyBoth,
        },
        now,
      );
      return { from: from.name, into: into.name, moved: plan.add.length + plan.alreadyBoth };
    });
  }
}

function audit(
  db: DB,
  by: number,
  action: string,
  themeId: number,
  details: Record<string, unknown>,
  at: Date,
) {
  return recordAudit(db, {
    actorStaffId: by,
    action,
    subjectType: 'theme',
    subjectId: themeId,
    details,
    at,
  });
}
