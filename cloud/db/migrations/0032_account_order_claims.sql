-- Accounts (issue 19): guest orders claimed into the account of the same email, only once that email is proven.
-- `email_verified_at` is set when the owner of the address opened a one-time link we mailed to it: the sign-up
-- confirmation (which makes the account), an invitation or a password reset. Accounts from before are proven by the
-- password links they used, or by how they were made (below); the others stay unproven (null) and can claim nothing
-- until they open such a link.
ALTER TABLE users ADD COLUMN email_verified_at timestamptz;
UPDATE users u SET email_verified_at = proven.at
FROM (SELECT user_id, min(used_at) AS at FROM password_tokens WHERE used_at IS NOT NULL GROUP BY user_id) proven
WHERE proven.user_id = u.id;
-- Since migration 0026 a customer account is made only by opening the sign-up confirmation link mailed to its
-- address (the confirmed request is deleted, so the account itself is the only trace): a customer account (no
-- groups, not invited, not from the user pool) made after 0026 was applied proved its email when it was made.
-- Customer accounts from before 0026 were made without a link and stay unproven.
UPDATE users u SET email_verified_at = u.created_at
FROM schema_migrations m
WHERE m.version = '0026_signup_requests'
  AND u.created_at >= m.applied_at
  AND u.groups = '{}'
  AND u.invited_at IS NULL
  AND u.directory_subject IS NULL
  AND u.email_verified_at IS NULL;
-- The orders an email may claim: a guest's (no account), looked up by the address as the buyer typed it.
CREATE INDEX orders_unclaimed_by_email ON orders (lower(buyer_email)) WHERE customer_sub IS NULL;
