// Buyers at a kiosk or counter who give no email are recorded at the reserved `.invalid` domain (RFC 2606): such an
// address is never written to, and nothing can be sent there again.
export const WALK_UP_EMAIL = 'walk-up@counter.invalid';

export const isUndeliverableEmail = (email: string): boolean => /\.invalid$/i.test(email);
