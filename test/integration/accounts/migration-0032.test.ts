// Migration 0032 over accounts made before it: an account is proven (`email_verified_at`) when its owner opened a link
// mailed to it. A customer account made after migration 0026 came from the sign-up confirmation link (0026's flow
// deletes the confirmed request, so the account is the only trace) and is proven; a customer account from before
// 0026 is proven only by a password link it used; staff by their used invitation or reset links.
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgliteDb } from '../../../cloud/db/pglite.ts';
import { migrate } from '../../../cloud/db/migrate.ts';
import type { Db } from '../../../cloud/db/port.ts';

const DIR = fileURLToPath(new URL('../../../cloud/db/migrations/', import.meta.url));
const ids = {
  oldCustomer: '00000000-0000-4000-8000-000000000001',
  oldCustomerReset: '00000000-0000-4000-8000-000000000002',
  signedUp: '00000000-0000-4000-8000-000000000003',
  staff: '00000000-0000-4000-8000-000000000004',
  invitedNotYet: '00000000-0000-4000-8000-000000000005',
  poolStaff: '00000000-0000-4000-8000-000000000006',
};

describe('migration 0032 over existing accounts', () => {
  let db: Db;

  /** Applies the migrations named before `upTo` (and not yet applied), as `migrate` records them. */
  const applyBefore = async (from: string, upTo: string) => {
    const files = (await readdir(DIR)).filter((name) => name >= from && name < upTo && name.endsWith('.sql')).sort();
    for (const file of files) {
      await db.transaction(async (tx) => {
        await tx.exec(await readFile(DIR + file, 'utf8'));
        await tx.query('INSERT INTO schema_migrations (version) VALUES ($1)', [file.slice(0, -4)]);
      });
    }
  };
  const user = (id: string, email: string, extra = '', values = '') =>
    db.query(
      `INSERT INTO users (id, email, password_hash, name${extra}) VALUES ('${id}', '${email}', 'x', 'N'${values})`,
    );

  beforeAll(async () => {
    db = await createPgliteDb();
    await db.query(
      `CREATE TABLE schema_migrations (version text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
    await applyBefore('0000', '0026');
    // Customers of the old direct sign-up (no link): one later opened a reset link, one never did.
    await user(ids.oldCustomer, 'old@example.com', ', created_at', `, now() - interval '1 day'`);
    await user(ids.oldCustomerReset, 'old.reset@example.com', ', created_at', `, now() - interval '1 day'`);
    await applyBefore('0026', '0032');
    // Made by 0026's confirmSignUp: no groups, password set, not invited.
    await user(ids.signedUp, 'confirmed@example.com', ', password_set_at', ', now()');
    await user(ids.staff, 'staff@example.com', ', groups, password_set_at', `, '{organizer}', now()`);
    // Invited and the invitation not opened yet; an invited account whose roles were taken away stays unproven too.
    await user(ids.invitedNotYet, 'invited@example.com', ', groups, invited_at', `, '{}', now()`);
    await user(ids.poolStaff, 'pool@example.com', ', groups, directory_subject', `, '{}', 'cognito-sub'`);
    await db.query(`INSERT INTO password_tokens (token_hash, user_id, purpose, created_at, expires_at, used_at) VALUES
      ('h1', '${ids.oldCustomerReset}', 'reset', now(), now() + interval '1 hour', '2026-11-01Z'),
      ('h2', '${ids.staff}', 'invite', now(), now() + interval '1 hour', '2026-11-02Z'),
      ('h3', '${ids.invitedNotYet}', 'invite', now(), now() + interval '1 hour', NULL)`);
    expect(await migrate(db)).toContain('0032_account_order_claims');
  });
  afterAll(async () => db.close());

  const verifiedAt = async (id: string) =>
    (await db.query<{ at: Date | null }>('SELECT email_verified_at AS at FROM users WHERE id = $1', [id])).rows[0]!.at;

  it('proves a customer account made by the sign-up confirmation since 0026, as of when it was made', async () => {
    const made = await db.query<{ created_at: Date }>('SELECT created_at FROM users WHERE id = $1', [ids.signedUp]);
    expect(await verifiedAt(ids.signedUp)).toEqual(made.rows[0]!.created_at);
  });

  it('proves accounts by the password links they used, and leaves the others unproven', async () => {
    expect(await verifiedAt(ids.oldCustomerReset)).toEqual(new Date('2026-11-01Z'));
    expect(await verifiedAt(ids.staff)).toEqual(new Date('2026-11-02Z'));
    expect(await verifiedAt(ids.oldCustomer)).toBeNull();
    expect(await verifiedAt(ids.invitedNotYet)).toBeNull();
    expect(await verifiedAt(ids.poolStaff)).toBeNull();
  });
});
