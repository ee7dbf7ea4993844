// The wallet passes' ports and settings (issue 19): Apple's pass signing identity and Google's issuer, configured by
// the operator (env or the app secret); the push that wakes Apple devices (APNs) and the patch of an object Google
// holds. Each port has a real adapter (cloud/adapters/passes) and a local one that records what it was asked.

/** Apple Wallet: the Pass Type ID certificate and key, Apple's WWDR intermediate, and the ids they are for. */
export interface ApplePassConfig {
  passTypeId: string;
  teamId: string;
  /** PEM strings. */
  signerCert: string;
  signerKey: string;
  signerKeyPassphrase?: string;
  wwdr: string;
  /** The pass's organizationName; TicketBoss when left out. */
  organizationName?: string;
}

/** Google Wallet: the issuer account and the service account whose key signs save links (RS256). */
export interface GoogleWalletConfig {
  issuerId: string;
  /** The service account's email (the JWT's `iss`). */
  serviceAccountEmail: string;
  /** Its RSA private key, PEM (PKCS#8, as Google's key file has it). */
  privateKey: string;
  issuerName?: string;
}

/** Wakes the devices that registered a pass, so they fetch the new version (APNs with an empty payload). */
export interface PassPush {
  /** `gone`: the push tokens APNs called no longer valid (410): their devices' registrations are to be deleted. */
  notify(passTypeId: string, pushTokens: readonly string[]): Promise<{ gone: string[] }>;
}

/** Changes an event ticket object that Google Wallet holds (REST PATCH). */
export interface GoogleWalletObjects {
  patchEventTicketObject(objectId: string, patch: Record<string, unknown>): Promise<void>;
  /** The event's class (its date and doors after a postponement). */
  patchEventTicketClass(classId: string, patch: Record<string, unknown>): Promise<void>;
}

export interface PassesSettings {
  apple?: ApplePassConfig;
  google?: GoogleWalletConfig;
  push?: PassPush;
  googleObjects?: GoogleWalletObjects;
}
