/** Errors thrown by services (any feature); the one error handler (src/web/error-handler.ts) maps them to HTTP. */
export class AppError extends Error {
  readonly status: number = 500;
  /** The i18n key pair (`errors.<kind>Title`/`Body`) shown on the error page. */
  readonly kind: string = 'server';
}

export class NotFoundError extends AppError {
  override readonly status = 404;
  override readonly kind = 'notFound';
}

export class ForbiddenError extends AppError {
  override readonly status = 403;
  override readonly kind = 'forbidden';
}

export class BadRequestError extends AppError {
  override readonly status = 400;
  override readonly kind = 'badRequest';
}

/** Field errors keyed by field name, messages already in the page's language. */
export type FieldErrors = Record<string, string>;

/** Thrown by a service when input passes the schema but breaks a rule (e.g. email already used). */
export class ValidationError extends AppError {
  override readonly kind = 'badRequest';
  /** 400, or 429 when the rule broken is "too many attempts" (the form still comes back). */
  constructor(
    readonly fields: FieldErrors,
    override readonly status: 400 | 429 = 400,
  ) {
    super('Validation failed');
  }
}
