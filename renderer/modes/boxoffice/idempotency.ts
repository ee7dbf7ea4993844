// A fresh idempotency key for one counter action (a cash sale, a refund, a cancellation), kept by the screen that
// makes it so a retry of the same action reuses it.
export const newKey = () => crypto.randomUUID();
