// Every message from the renderer is checked against the bridge contract before its channel's handler sees it: unknown
// channels and malformed input are refused with a clear problem, the handler's answer is checked on the way back, and
// errors become problems (the cloud's own, or a generic one without internals).
import { BRIDGE, type BridgeChannel, type BridgeProblem } from '../../preload/bridge.ts';
import type { ChannelHandlers } from './channels.ts';
import { CloudProblem } from '../sync/cloud-client.ts';

export type BridgeAnswer = { ok: true; value: unknown } | { ok: false; problem: BridgeProblem };

const problem = (type: string, status: number, detail: string, extra: Partial<BridgeProblem> = {}): BridgeAnswer => ({
  ok: false,
  problem: { type: `https://ticketboss.dev/problems/${type}`, status, detail, ...extra },
});

export function createBridgeHandler(
  channels: ChannelHandlers,
  log: (message: string, error: unknown) => void = (message, error) => console.error(message, error),
): (channel: string, input: unknown) => Promise<BridgeAnswer> {
  return async (channel, input) => {
    if (!Object.hasOwn(BRIDGE, channel)) return problem('unknown_channel', 400, `There is no channel ${channel}.`);
    const spec = BRIDGE[channel as BridgeChannel];
    const parsed = spec.input.safeParse(input ?? {});
    if (!parsed.success) {
      const errors = parsed.error.issues.slice(0, 20).map((issue) => ({
        field: issue.path.map(String).join('.') || 'input',
        message: issue.message,
      }));
      return problem('validation_failed', 400, `${errors[0]!.field}: ${errors[0]!.message}`, { errors });
    }
    try {
      const handler = channels[channel as BridgeChannel] as (value: unknown) => Promise<unknown>;
      const value = await handler(parsed.data);
      return { ok: true, value: spec.output.parse(value) };
    } catch (error) {
      if (error instanceof CloudProblem) return { ok: false, problem: error.problem };
      log(`bridge ${channel} failed`, error);
      return problem('internal', 500, 'Something went wrong in the app; it has been logged.');
    }
  };
}
