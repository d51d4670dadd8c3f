import { ForbiddenError, NotFoundError, ValidationError } from '../../errors';
import type { StaffRole } from '../../db/schema';
import { resolveFilter } from '../filters';
import { BUNDLE, openBundle, type BundleStream } from './bundle';
import { parseExportParams, type ExportChoice, type ParamErrors } from './export-params';
import type {
  ExportActor,
  ExportDeps,
  ExportRequest,
  ExportTable,
  ExportType,
} from './export-type';
import { exportChoices } from './exports.queries';

/** What a listed export is: a registered type, or the bundle. */
export type ExportKind = Pick<ExportType, 'type' | 'title' | 'scope' | 'roles' | 'personal'>;

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

  /** Checks the parameters for the type (after `kind`). */
  read(kind: Pick<ExportKind, 'scope' | 'personal'>, query: Record<string, unknown>) {
    return parseExportParams(query, kind.scope, kind.personal === true);
  }

  /** Opens a registered CSV type's table: the rules above, then the type's own checks. */
  async table(name: string, choice: ExportChoice, actor: ExportActor): Promise<ExportTable> {
    const kind = this.kind(name, actor);
    const type = this.types.get(kind.type);
    if (!type) throw new NotFoundError(); // the bundle is not a table
    return type.open(this.request(kind, choice, actor));
  }

  /** Opens the bundle's ZIP stream. */
  async bundle(choice: ExportChoice, actor: ExportActor, onRow?: (rows: number) => void) {
    const kind = this.kind(BUNDLE.type, actor);
    return openBundle(this.deps, this.request(kind, choice, actor), onRow) as Promise<BundleStream>;
  }

  /** The surveys and studies to choose from (the exports page, `npm run export -- list`). */
  choices() {
    return exportChoices(this.deps.db);
  }

  private request(kind: ExportKind, choice: ExportChoice, actor: ExportActor): ExportRequest {
    if (kind.personal && !choice.reason)
      throw new ValidationError({ reason: 'Say why you need personal data' });
    if (kind.scope === 'survey' && choice.survey === undefined)
      throw new ValidationError({ survey: 'Choose a survey' });
    if (kind.scope === 'study' && choice.study === undefined)
      throw new ValidationError({ study: 'Choose a study' });
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

export type { ExportChoice, ParamErrors };
