// Cognito's password reset behind the PasswordRecovery port: the calls it makes (operation, client, user, code),
// the same silence for an unknown email, and Cognito's refusals told on the field they concern.
import { describe, expect, it } from 'vitest';
import { CognitoPasswordRecovery } from '../../../cloud/adapters/identity/cognito-accounts.ts';
import { principalOfCognitoGroups } from '../../../cloud/adapters/identity/cognito.ts';
import type { DomainError } from '../../../cloud/domain/errors.ts';

function fakeCognito(answer: (target: string, body: Record<string, string>) => { status: number; body: object }) {
  const calls: { target: string; body: Record<string, string> }[] = [];
  const fetch = (async (_url: string, init: RequestInit) => {
    const target = (init.headers as Record<string, string>)['x-amz-target']!.split('.').pop()!;
    const body = JSON.parse(init.body as string) as Record<string, string>;
    calls.push({ target, body });
    const { status, body: json } = answer(target, body);
    return new Response(JSON.stringify(json), { status });
  }) as unknown as typeof globalThis.fetch;
  return { calls, recovery: new CognitoPasswordRecovery({ region: 'eu-west-1', clientId: 'web-client', fetch }) };
}

describe('Cognito password recovery', () => {
  it('asks Cognito to send its code, and says nothing when the user is unknown', async () => {
    const { calls, recovery } = fakeCognito((_target, body) =>
      body.Username === 'known@example.com'
        ? { status: 200, body: {} }
        : { status: 400, body: { __type: 'UserNotFoundException', message: 'User does not exist.' } },
    );
    await recovery.request('known@example.com');
    await expect(recovery.request('nobody@example.com')).resolves.toBeUndefined();
    expect(calls[0]).toEqual({
      target: 'ForgotPassword',
      body: { ClientId: 'web-client', Username: 'known@example.com' },
    });
  });

  it('sets the password with the code, and tells a wrong code on the token field and a weak password on its own', async () => {
    const { calls, recovery } = fakeCognito((_target, body) =>
      body.ConfirmationCode === '123456'
        ? body.Password === 'weak password here'
          ? { status: 400, body: { __type: 'InvalidPasswordException', message: 'Password must have symbols' } }
          : { status: 200, body: {} }
        : { status: 400, body: { __type: 'com.amazon#CodeMismatchException', message: 'Invalid code' } },
    );
    await recovery.confirm({ token: '123456', password: 'a strong new password!', email: 'known@example.com' });
    expect(calls[0]!.body).toEqual({
      ClientId: 'web-client',
      Username: 'known@example.com',
      ConfirmationCode: '123456',
      Password: 'a strong new password!',
    });
    const wrong = await recovery
      .confirm({ token: '000000', password: 'a strong new password!', email: 'known@example.com' })
      .catch((error: DomainError) => error);
    expect(wrong).toMatchObject({ code: 'validation_failed', extras: { field: 'token' } });
    const weak = await recovery
      .confirm({ token: '123456', password: 'weak password here', email: 'known@example.com' })
      .catch((error: DomainError) => error);
    expect(weak).toMatchObject({ code: 'validation_failed', extras: { field: 'password' } });
  });
});

describe('Cognito groups as roles and venues', () => {
  const venueA = '6f1c2a34-8d9e-4b7a-9c1d-2e3f4a5b6c7d';
  const venueB = '7a2b3c4d-5e6f-4a8b-9c0d-1e2f3a4b5c6d';

  it('gives a venue manager every venue group, a clerk or steward one venue, and keeps the issue time', () => {
    expect(principalOfCognitoGroups('m', ['venue_manager', `venue-${venueA}`, `venue-${venueB}`], 1700000000)).toEqual({
      sub: 'm',
      groups: ['venue_manager'],
      venueIds: [venueA, venueB],
      issuedAt: 1700000000000,
    });
    expect(principalOfCognitoGroups('s', ['door_steward', `venue-${venueA}`], 1)).toEqual({
      sub: 's',
      groups: ['door_steward'],
      venueId: venueA,
      issuedAt: 1000,
    });
  });
});
