import { ForbiddenError, NotFoundError } from '../../errors';
import type { StaffRole } from '../../db/schema';
import { resolveFilter } from '../filters';
import { BUNDLE, openBundle, type BundleStream } from './bundle';
import { parseExportParams, type ExportParams, type ParamErrors } from './export-params';
import type {
  ExportActor,
  ExportDeps,
  ExportRequest,
  ExportTable,
  ExportType,
} from './export-type';
import { exportChoices } from './exports.queries';
import type { FormResult } from '../../web/forms';

/** What a listed export is: a registered type, or the bundle. */
export type ExportKind = Pick<ExportType, 'type' | 'title' | 'scope' | 'roles' | 'personal'>;

declare const readByRunner: unique symbol;
/**
 * An export's parameters as `ExportRunner.read` checked them for one type (`type`): the only way
 * to get one, so the rules on the parameters (survey or study for the scope, a reason for
 * personal data) are applied in one place and a table is never opened without them.
 */
export type ExportChoice = ExportParams & { readonly type: string; readonly [readByRunner]: true };

/**
 * The rules every export runs by, wherever it is asked for (the download routes, the exports
 * page, `npm run export`): the type exists, the actor's role may run it (admins always may),
 * personal data needs a stated reason and goes through its own form, the parameters suit the
 * type's scope; then the type opens its table (or the bundle its ZIP). Routes and the command
 * line only translate.
 */
export class ExportRunner {
  constructor(
    readonly deps: ExportDeps,
    readonly types: Map<string, ExportType>,
  ) {}

  /** Every export, in the registry's order, the bundle last. */
  kinds(): ExportKind[] {
    return [...this.types.values(), BUNDLE];
  }

  /** Those this role may run (for the exports page). */
  kindsFor(role: StaffRole): ExportKind[] {
    return this.kinds().filter((k) => allows(k, role));
  }

  /** The type by name, if it exists (NotFoundError) and the role may run it (ForbiddenError). */
  kind(name: string, actor: ExportActor): ExportKind {
    const kind = name === BUNDLE.type ? BUNDLE : this.types.get(name);
    if (!kind) throw new NotFoundError();
    if (!allows(kind, actor.role)) throw new ForbiddenError();
    return kind;
  }

  /**
   * Checks the parameters for the type (after `kind`): the choice to open it with, or why not.
   * The rules are the registered type's, whatever the kind passed in says of its scope.
   */
  read(kind: ExportKind, query: Record<string, unknown>): FormResult<ExportChoice> {
    const registered: ExportKind | undefined =
      kind.type === BUNDLE.type ? BUNDLE : this.types.get(kind.type);
    if (!registered) throw new NotFoundError();
    const read = parseExportParams(query, registered.scope, registered.personal === true);
    if (!read.ok) return read;
    return { ok: true, data: { ...read.data, type: registered.type } as ExportChoice };
  }

  /**
   * Checks the parameters for a link to the type's download (the exports page's redirect): the
   * same rules but the reason, which a personal type asks on its own form. Opens nothing.
   */
  readForLink(kind: ExportKind, query: Record<string, unknown>): FormResult<ExportParams> {
    return parseExportParams(query, kind.scope, false);
  }

  /** Opens a registered CSV type's table (the role checked again: the actor may differ). */
  async table(choice: ExportChoice, actor: ExportActor): Promise<ExportTable> {
    const kind = this.kind(choice.type, actor);
    const type = this.types.get(kind.type);
    if (!type) throw new NotFoundError(); // the bundle is not a table
    return type.open(this.request(choice, actor));
  }

  /** Opens the bundle's ZIP stream. */
  async bundle(choice: ExportChoice, actor: ExportActor, onRow?: (rows: number) => void) {
    if (this.kind(choice.type, actor) !== BUNDLE) throw new NotFoundError();
    return openBundle(this.deps, this.request(choice, actor), onRow) as Promise<BundleStream>;
  }

  /** The surveys and studies to choose from (the exports page, `npm run export -- list`). */
  choices() {
    return exportChoices(this.deps.db);
  }

  /** The type's request from a choice `read` checked (so no rule is checked again here). */
  private request(choice: ExportChoice, actor: ExportActor): ExportRequest {
    return {
      ...(choice.survey !== undefined ? { survey: choice.survey } : {}),
      ...(choice.study !== undefined ? { study: choice.study } : {}),
      filter: choice.filter,
      resolved: resolveFilter(choice.filter, this.deps.cityTimeZone),
      ...(choice.breakdown ? { breakdown: choice.breakdown } : {}),
      labels: choice.labels,
      profile: choice.profile,
      ...(choice.reason ? { reason: choice.reason } : {}),
      actor,
    };
  }
}

const allows = (k: ExportKind, role: StaffRole) =>
  role === 'admin' || (!(k.personal && role === 'analyst') && k.roles.includes(role));

export type { ExportParams, ParamErrors };
