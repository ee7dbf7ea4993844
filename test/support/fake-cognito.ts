// A small local stand-in for Cognito's admin API (the JSON 1.1 protocol the AWS SDK speaks: POST /, the operation in
// X-Amz-Target, errors as `__type`): users by email with a sub, enabled or not, their groups and global sign-outs. It
// records every call, and fails the operations a test names, so the adapter is tested through the real SDK client.
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';

export interface CognitoCall {
  operation: string;
  body: Record<string, unknown>;
}

export interface FakeCognitoUser {
  sub: string;
  email: string;
  attributes: Record<string, string>;
  enabled: boolean;
  /** FORCE_CHANGE_PASSWORD when an AdminCreateUser made it; UNCONFIRMED or CONFIRMED when someone signed up. */
  status: string;
  groups: Set<string>;
  signOuts: number;
}

type Answer = { status: number; body: object };

export class FakeCognito {
  readonly calls: CognitoCall[] = [];
  readonly users = new Map<string, FakeCognitoUser>();
  /** The pool's groups: the role groups the stack makes; a venue's group once someone creates it. */
  readonly groups = new Set(['admin', 'venue_manager', 'clerk', 'door_steward']);
  private readonly failures = new Map<string, { type: string; status: number; times: number }>();
  private server!: Server;
  url = '';

  static async start(): Promise<FakeCognito> {
    const fake = new FakeCognito();
    fake.server = createServer((request, response) => {
      let text = '';
      request.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      request.on('end', () => {
        const operation = String(request.headers['x-amz-target'] ?? '')
          .split('.')
          .pop()!;
        const body = JSON.parse(text || '{}') as Record<string, unknown>;
        fake.calls.push({ operation, body });
        const answer = fake.answer(operation, body);
        response.writeHead(answer.status, {
          'content-type': 'application/x-amz-json-1.1',
          'x-amzn-requestid': randomUUID(),
          ...(answer.status >= 400 ? { 'x-amzn-errortype': (answer.body as { __type: string }).__type } : {}),
        });
        response.end(JSON.stringify(answer.body));
      });
    });
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    fake.url = `http://127.0.0.1:${(fake.server.address() as AddressInfo).port}`;
    return fake;
  }

  /** An SDK client aimed at this stand-in (one attempt: the outbox is what retries). */
  client(): CognitoIdentityProviderClient {
    return new CognitoIdentityProviderClient({
      region: 'eu-west-1',
      endpoint: this.url,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      maxAttempts: 1,
    });
  }

  /** The next `times` calls of `operation` fail with Cognito's error `type`. */
  fail(operation: string, type = 'InternalErrorException', status = 500, times = Number.POSITIVE_INFINITY): void {
    this.failures.set(operation, { type, status, times });
  }

  /** A user in the pool: by default as an AdminCreateUser makes one; a customer's own sign-up is `CONFIRMED`. */
  addUser(
    email: string,
    options: { status?: string; groups?: string[]; attributes?: Record<string, string> } = {},
  ): FakeCognitoUser {
    const user: FakeCognitoUser = {
      sub: randomUUID(),
      email,
      attributes: options.attributes ?? { email },
      enabled: true,
      status: options.status ?? 'FORCE_CHANGE_PASSWORD',
      groups: new Set(options.groups ?? []),
      signOuts: 0,
    };
    this.users.set(email, user);
    return user;
  }

  heal(): void {
    this.failures.clear();
  }

  /** The operations called since `from` (an index into `calls`), in order. */
  operationsSince(from: number): string[] {
    return this.calls.slice(from).map((call) => call.operation);
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private answer(operation: string, body: Record<string, unknown>): Answer {
    const failure = this.failures.get(operation);
    if (failure && failure.times > 0) {
      failure.times--;
      return error(failure.status, failure.type, `${operation} is failing (test)`);
    }
    if (operation === 'CreateGroup') {
      const group = String(body.GroupName);
      if (this.groups.has(group)) return error(400, 'GroupExistsException', 'A group with the name already exists.');
      this.groups.add(group);
      return ok({ Group: { GroupName: group, UserPoolId: body.UserPoolId } });
    }
    const email = String(body.Username ?? '');
    if (operation === 'AdminCreateUser') {
      if (this.users.has(email))
        return error(400, 'UsernameExistsException', 'An account with the given email already exists.');
      const attributes = Object.fromEntries(
        ((body.UserAttributes ?? []) as { Name: string; Value: string }[]).map((a) => [a.Name, a.Value]),
      );
      const user = this.addUser(email, { attributes });
      return ok({
        User: {
          Username: user.sub,
          Attributes: attributesOf(user),
          Enabled: true,
          UserStatus: user.status,
        },
      });
    }
    // A user is named by its email (an alias) or its username, which is its sub (the pool signs in by email).
    const user = this.users.get(email) ?? [...this.users.values()].find((candidate) => candidate.sub === email);
    if (!user) return error(400, 'UserNotFoundException', 'User does not exist.');
    switch (operation) {
      case 'AdminGetUser':
        return ok({
          Username: user.sub,
          UserAttributes: attributesOf(user),
          Enabled: user.enabled,
          UserStatus: user.status,
        });
      case 'AdminListGroupsForUser':
        return ok({ Groups: [...user.groups].map((GroupName) => ({ GroupName })) });
      case 'AdminAddUserToGroup':
        if (!this.groups.has(String(body.GroupName)))
          return error(400, 'ResourceNotFoundException', 'Group not found.');
        user.groups.add(String(body.GroupName));
        return ok({});
      case 'AdminRemoveUserFromGroup':
        user.groups.delete(String(body.GroupName));
        return ok({});
      case 'AdminDisableUser':
        user.enabled = false;
        return ok({});
      case 'AdminEnableUser':
        user.enabled = true;
        return ok({});
      case 'AdminUserGlobalSignOut':
        user.signOuts++;
        return ok({});
      default:
        return error(400, 'UnknownOperationException', operation);
    }
  }
}

const ok = (body: object): Answer => ({ status: 200, body });
const error = (status: number, type: string, message: string): Answer => ({ status, body: { __type: type, message } });
const attributesOf = (user: FakeCognitoUser) => [
  { Name: 'sub', Value: user.sub },
  ...Object.entries(user.attributes).map(([Name, Value]) => ({ Name, Value })),
];
