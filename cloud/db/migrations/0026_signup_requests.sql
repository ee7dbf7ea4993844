-- A customer's sign-up waits here until the owner of the email confirms it (issue 21: the answer to a sign-up does
-- not tell whether the email has an account). The request's job emails a one-time link (its token stored only as a
-- hash, set when the email goes out) or, when the email has an account already, says so to its owner and deletes
-- the request. Confirming claims the row once and makes the account.
CREATE TABLE signup_requests (
  id uuid PRIMARY KEY,
  email text NOT NULL,
  name text NOT NULL,
  password_hash text NOT NULL,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  token_hash text UNIQUE,
  used_at timestamptz
);
CREATE INDEX signup_requests_expires_at ON signup_requests (expires_at);
