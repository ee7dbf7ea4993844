-- Emails sent by fulfilment, by message id (derived from the job): a job delivered twice sends one email.
CREATE TABLE sent_emails (
  message_id text PRIMARY KEY,
  job_id uuid NOT NULL,
  order_id uuid NOT NULL REFERENCES orders (id),
  kind text NOT NULL,
  recipient text NOT NULL,
  sent_at timestamptz NOT NULL
);
CREATE INDEX sent_emails_by_order ON sent_emails (order_id);
