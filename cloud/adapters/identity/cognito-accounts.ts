// Password reset for accounts in the Cognito user pool (AWS): ForgotPassword sends Cognito's code by email,
// ConfirmForgotPassword sets the new password with it. Both are public operations of the user pool's app client
// (no AWS credentials), called over HTTPS as the SDK would (JSON 1.1, X-Amz-Target). Accounts the embedded provider
// holds (staff) reset through it first (services/identity/password-recovery.ts); this serves the rest.
import type { ResetPassword } from '../../contract/index.ts';
import { DomainError } from '../../domain/errors.ts';
import type { PasswordRecovery } from '../../services/identity/password-recovery.ts';

export interface CognitoAccountsOptions {
  region: string;
  /** The app client whose users reset their passwords (the web shop's). */
  clientId: string;
  /** Replaces `https://cognito-idp.<region>.amazonaws.com` (tests: a local server). */
  endpoint?: string;
  fetch?: typeof fetch;
}

export class CognitoPasswordRecovery implements PasswordRecovery {
  constructor(private readonly options: CognitoAccountsOptions) {}

  async request(email: string): Promise<void> {
    try {
      await this.send('ForgotPassword', { ClientId: this.options.clientId, Username: email });
    } catch (error) {
      // The same answer whether or not the email has an account.
      if (
        error instanceof CognitoError &&
        ['UserNotFoundException', 'InvalidParameterException'].includes(error.type)
      ) {
        return;
      }
      throw error;
    }
  }

  async confirm(request: ResetPassword): Promise<void> {
    if (!request.email) {
      throw new DomainError('validation_failed', 'Give the email the code was sent to.', { field: 'email' });
    }
    try {
      await this.send('ConfirmForgotPassword', {
        ClientId: this.options.clientId,
        Username: request.email,
        ConfirmationCode: request.token,
        Password: request.password,
      });
    } catch (error) {
      if (!(error instanceof CognitoError)) throw error;
      if (['CodeMismatchException', 'ExpiredCodeException', 'UserNotFoundException'].includes(error.type)) {
        throw new DomainError('validation_failed', 'This code is wrong or expired; ask for a new one.', {
          field: 'token',
        });
      }
      if (error.type === 'InvalidPasswordException') {
        throw new DomainError('validation_failed', error.message, { field: 'password' });
      }
      if (error.type === 'LimitExceededException' || error.type === 'TooManyRequestsException') {
        throw new DomainError('rate_limited', 'Too many attempts; try again in a while.', { retryAfterSeconds: 60 });
      }
      throw error;
    }
  }

  private async send(operation: string, body: Record<string, string>): Promise<void> {
    const url = this.options.endpoint ?? `https://cognito-idp.${this.options.region}.amazonaws.com/`;
    const response = await (this.options.fetch ?? fetch)(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': `AWSCognitoIdentityProviderService.${operation}`,
      },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
    if (response.ok) return;
    const problem = (await response.json().catch(() => ({}))) as { __type?: string; message?: string };
    throw new CognitoError(
      (problem.__type ?? `HTTP ${response.status}`).split('#').pop()!,
      problem.message ?? `Cognito ${operation} failed`,
    );
  }
}

export class CognitoError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
    this.name = 'CognitoError';
  }
}
