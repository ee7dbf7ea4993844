-- Accounts (issue 19): guest orders claimed into the account of the same email, only once that email is proven.
-- `email_verified_at` is set when the owner of the address opened a one-time link we mailed to it: the sign-up
-- confirmation (which makes the account), an invitation or a password reset. Accounts from before are proven by the
-- password links they used; the others stay unproven (null) and can claim nothing until they open such a link.
ALTER TABLE users ADD COLUMN email_verified_at timestamptz;
UPDATE users u SET email_verified_at = proven.at
FROM (SELECT user_id, min(used_at) AS at FROM password_tokens WHERE used_at IS NOT NULL GROUP BY user_id) proven
WHERE proven.user_id = u.id;
-- The orders an email may claim: a guest's (no account), looked up by the address as the buyer typed it.
CREATE INDEX orders_unclaimed_by_email ON orders (lower(buyer_email)) WHERE customer_sub IS NULL;
