// passes (issue 19): the local stand-ins of the pass ports: they record what they were asked (npm start, tests), as
// the local mailer writes .eml files instead of sending.
import type { GoogleWalletObjects, PassPush } from '../../services/passes/ports.ts';

export class RecordingPassPush implements PassPush {
  readonly pushes: { passTypeId: string; pushToken: string }[] = [];
  /** Tokens answered as APNs answers a device that is gone (410), as a test sets them. */
  readonly gone = new Set<string>();

  async notify(passTypeId: string, pushTokens: readonly string[]): Promise<{ gone: string[] }> {
    for (const pushToken of pushTokens) this.pushes.push({ passTypeId, pushToken });
    return { gone: pushTokens.filter((pushToken) => this.gone.has(pushToken)) };
  }
}

export class RecordingGoogleWalletObjects implements GoogleWalletObjects {
  readonly patches: { objectId: string; patch: Record<string, unknown> }[] = [];
  readonly classPatches: { classId: string; patch: Record<string, unknown> }[] = [];

  async patchEventTicketObject(objectId: string, patch: Record<string, unknown>): Promise<void> {
    this.patches.push({ objectId, patch });
  }

  async patchEventTicketClass(classId: string, patch: Record<string, unknown>): Promise<void> {
    this.classPatches.push({ classId, patch });
  }
}
