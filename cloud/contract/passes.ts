// passes (issue 19): the shapes of the wallet pass routes: which wallets the shop offers, a Google save link, and
// what Apple's web service reads and answers (Apple's names, as Wallet sends them).
import { z } from 'zod';

/** Which wallets this deployment offers; the shop shows only those buttons. */
export const WalletPassesOffered = z.object({ apple: z.boolean(), google: z.boolean() });
export type WalletPassesOffered = z.infer<typeof WalletPassesOffered>;

export const GoogleWalletLink = z.object({
  /** https://pay.google.com/gp/v/save/<JWT>: open it to save the ticket in Google Wallet. */
  saveUrl: z.url(),
});
export type GoogleWalletLink = z.infer<typeof GoogleWalletLink>;

/** Apple's path segments: a device's library id and push token are opaque strings; serials are ticket ids. */
export const PassDeviceParams = z.object({
  deviceLibraryId: z.string().min(1).max(128),
  passTypeId: z.string().min(1).max(200),
  serialNumber: z.string().min(1).max(64),
});
export const PassUpdatesParams = PassDeviceParams.omit({ serialNumber: true });
export const PassParams = PassDeviceParams.omit({ deviceLibraryId: true });

export const PassRegistration = z.object({ pushToken: z.string().min(1).max(256) });
export const PassUpdates = z.object({ serialNumbers: z.array(z.string()), lastUpdated: z.string() });
export const PassLog = z.object({ logs: z.array(z.string().max(2000)).max(100) });
