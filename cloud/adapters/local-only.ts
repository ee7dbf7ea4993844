// Pages that exist for one machine only (the sandbox provider's approval page, the local mailbox): they show payments
// and emails to whoever asks, so they must never be mounted where strangers reach them. Each refuses to be built
// unless its caller says it is the local server, and never inside a Lambda, whatever it is told.
export interface LocalOnly {
  /** Set by the local server (`startLocalCloud`) alone. */
  localMode: true;
}

export function assertLocalMode(what: string, options: LocalOnly | undefined): void {
  if (options?.localMode !== true) {
    throw new Error(`${what} is for the local server only; it is not mounted without local mode`);
  }
  if (process.env.AWS_LAMBDA_FUNCTION_NAME) {
    throw new Error(`${what} is for the local server only; it never runs in a Lambda`);
  }
}

/** The local pages' CSP: no script, nothing from elsewhere, never framed; forms post to `formAction` only. */
export const localPageCsp = (formAction: readonly string[] = ["'self'"]): string =>
  [
    "default-src 'none'",
    'img-src data:',
    "style-src 'unsafe-inline'",
    `form-action ${formAction.join(' ')}`,
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
