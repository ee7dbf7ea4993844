// passes (issue 19): the wallet settings from the environment (locally) or the app secret's entries (AWS, copied to
// the same names by the runtime). Apple needs APPLE_PASS_TYPE_ID, APPLE_TEAM_ID, APPLE_PASS_CERT, APPLE_PASS_KEY
// (PEM; APPLE_PASS_KEY_PASSPHRASE if encrypted) and APPLE_WWDR_CERT; pushes go through APNs with APNS_KEY_ID and
// APNS_KEY (.p8), else to the local recorder. Google needs GOOGLE_WALLET_ISSUER_ID and GOOGLE_WALLET_SERVICE_ACCOUNT
// (the service account's JSON key file); with `local`, changes are recorded instead of sent. Nothing set: no wallets.
import type { PassesSettings } from '../../services/passes/ports.ts';
import { ApnsPassPush } from './apns.ts';
import { GoogleWalletRestObjects } from './google-wallet-rest.ts';
import { RecordingGoogleWalletObjects, RecordingPassPush } from './local.ts';

export function passesFromEnv(env: NodeJS.ProcessEnv, options: { local: boolean }): PassesSettings {
  const settings: PassesSettings = {};
  const apple = ['APPLE_PASS_TYPE_ID', 'APPLE_TEAM_ID', 'APPLE_PASS_CERT', 'APPLE_PASS_KEY', 'APPLE_WWDR_CERT'];
  if (apple.every((name) => env[name])) {
    settings.apple = {
      passTypeId: env.APPLE_PASS_TYPE_ID!,
      teamId: env.APPLE_TEAM_ID!,
      signerCert: env.APPLE_PASS_CERT!,
      signerKey: env.APPLE_PASS_KEY!,
      wwdr: env.APPLE_WWDR_CERT!,
      ...(env.APPLE_PASS_KEY_PASSPHRASE ? { signerKeyPassphrase: env.APPLE_PASS_KEY_PASSPHRASE } : {}),
    };
    if (env.APNS_KEY_ID && env.APNS_KEY) {
      settings.push = new ApnsPassPush({
        teamId: env.APPLE_TEAM_ID!,
        keyId: env.APNS_KEY_ID,
        privateKey: env.APNS_KEY,
        ...(env.APNS_ORIGIN ? { origin: env.APNS_ORIGIN } : {}),
      });
    } else if (options.local) {
      settings.push = new RecordingPassPush();
    }
  }
  if (env.GOOGLE_WALLET_ISSUER_ID && env.GOOGLE_WALLET_SERVICE_ACCOUNT) {
    const account = JSON.parse(env.GOOGLE_WALLET_SERVICE_ACCOUNT) as { client_email: string; private_key: string };
    settings.google = {
      issuerId: env.GOOGLE_WALLET_ISSUER_ID,
      serviceAccountEmail: account.client_email,
      privateKey: account.private_key,
      ...(env.GOOGLE_WALLET_ISSUER_NAME ? { issuerName: env.GOOGLE_WALLET_ISSUER_NAME } : {}),
    };
    settings.googleObjects = options.local
      ? new RecordingGoogleWalletObjects()
      : new GoogleWalletRestObjects(settings.google);
  }
  return settings;
}
