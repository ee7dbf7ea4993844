// RDS IAM authentication: the password is a short-lived token signed with the Lambda's own role (SigV4, action
// rds-db:connect), so no database password lives in a function. A token is valid for 15 minutes; pg asks for one at
// every new connection, and connections are reused across invocations, so tokens are kept for 10 minutes.
import { Signer } from '@aws-sdk/rds-signer';

export interface RdsIamOptions {
  hostname: string;
  port: number;
  username: string;
  region: string;
}

export function rdsIamPassword(options: RdsIamOptions, now: () => number = Date.now): () => Promise<string> {
  const signer = new Signer(options);
  let cached: { token: string; until: number } | undefined;
  return async () => {
    if (cached && cached.until > now()) return cached.token;
    const token = await signer.getAuthToken();
    cached = { token, until: now() + 10 * 60_000 };
    return token;
  };
}
