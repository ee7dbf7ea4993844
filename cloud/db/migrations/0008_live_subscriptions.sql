-- The live seat view in AWS: API Gateway holds the WebSocket connections, Lambdas are stateless, so which connection
-- watches which event lives here. Rows go at $disconnect, on unsubscribe, and when a push finds the connection gone.
CREATE TABLE live_subscriptions (
  connection_id text NOT NULL,
  event_id uuid NOT NULL,
  subscribed_at timestamptz NOT NULL,
  PRIMARY KEY (connection_id, event_id)
);
CREATE INDEX live_subscriptions_event ON live_subscriptions (event_id);
