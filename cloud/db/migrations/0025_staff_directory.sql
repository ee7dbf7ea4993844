-- Staff accounts that also live in a user pool in front (Cognito in AWS): the subject (`sub`) the pool gave the
-- account, so the token check applies our cut-offs, and refuses a disabled account, for the pool's tokens too.
ALTER TABLE users ADD COLUMN directory_subject text UNIQUE;
