// The proof of work of joining, off the page's thread: the worker answers each request with the nonce that solves it
// (cloud/domain/queue/pow.ts, the same rule the server checks).
import { solveChallenge } from '../../../../cloud/domain/queue/pow.ts';

export interface PowRequest {
  challenge: string;
  session: string;
  bits: number;
}

// The DOM typings know `self` only as a window.
const scope = self as unknown as { onmessage: unknown; postMessage: (nonce: string | null) => void };
scope.onmessage = (message: MessageEvent<PowRequest>) => {
  const { challenge, session, bits } = message.data;
  void solveChallenge(challenge, session, bits).then((nonce) => scope.postMessage(nonce));
};
