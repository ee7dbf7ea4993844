// A stand-in for Amazon Pay's API on loopback, for the provider contract test: it checks every request's signature
// (the SDK's RSASSA-PSS scheme) against the registered public key, keeps checkout sessions, charges and refunds,
// honours x-amz-pay-idempotency-key, and lets the test play the buyer (approve / decline) or an outage.
import { createServer, type Server } from 'node:http';
import { createHash, randomBytes, verify, constants, type KeyObject } from 'node:crypto';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the JSON bodies the adapter sends, read freely
type RequestJson = Record<string, any>;

interface Session {
  id: string;
  amount: string;
  currencyCode: string;
  returnUrl: string;
  state: 'Open' | 'Approved' | 'Declined' | 'Completed';
  chargeId: string | null;
}

export class FakeAmazonPay {
  readonly sessions = new Map<string, Session>();
  readonly charges = new Map<string, { amount: number; refunded: number }>();
  readonly refunds = new Map<string, string>();
  private readonly answered = new Map<string, { status: number; body: unknown }>();
  /** Answer the next N requests with 503, as an outage would. */
  outage = 0;
  badSignatures = 0;
  private server!: Server;
  url = '';

  constructor(private readonly publicKey: KeyObject) {}

  async start(): Promise<void> {
    this.server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        const { status, answer } = this.handle(request.method!, request.url!, request.headers, body);
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(JSON.stringify(answer));
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    const address = this.server.address();
    this.url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  approve(sessionId: string) {
    this.sessions.get(sessionId)!.state = 'Approved';
  }

  decline(sessionId: string) {
    this.sessions.get(sessionId)!.state = 'Declined';
  }

  private signatureValid(method: string, path: string, headers: Record<string, unknown>, body: string): boolean {
    const match = /^AMZN-PAY-RSASSA-PSS-V2 PublicKeyId=([^,]+), SignedHeaders=([^,]+), Signature=(.+)$/.exec(
      String(headers.authorization ?? ''),
    );
    if (!match) return false;
    const signed = match[2]!.split(';');
    let canonical = `${method}\n${path}\n\n`;
    for (const name of signed) canonical += `${name}:${String(headers[name] ?? '')}\n`;
    canonical += `\n${signed.join(';')}\n${createHash('sha256').update(body).digest('hex')}`;
    const toSign = `AMZN-PAY-RSASSA-PSS-V2\n${createHash('sha256').update(canonical).digest('hex')}`;
    return verify(
      'RSA-SHA256',
      Buffer.from(toSign),
      { key: this.publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 },
      Buffer.from(match[3]!, 'base64'),
    );
  }

  private handle(
    method: string,
    path: string,
    headers: Record<string, unknown>,
    body: string,
  ): { status: number; answer: unknown } {
    if (!this.signatureValid(method, path, headers, body)) {
      this.badSignatures++;
      return { status: 401, answer: { reasonCode: 'InvalidRequestSignature', message: 'bad signature' } };
    }
    if (this.outage > 0) {
      this.outage--;
      return { status: 503, answer: { reasonCode: 'ServiceUnavailable', message: 'try later' } };
    }
    const key = String(headers['x-amz-pay-idempotency-key'] ?? '');
    const seen = this.answered.get(`${path}|${key}`);
    if (key && seen) return { status: seen.status, answer: seen.body };
    // Keys named SANDBOX-… or LIVE-… pick the environment themselves (/v2/…); older keys say it in the path.
    const result = this.route(method, path.replace(/^\/(sandbox\/|live\/)?v2\//, '/v2/'), JSON.parse(body || '{}'));
    if (key && result.status < 500) this.answered.set(`${path}|${key}`, { status: result.status, body: result.answer });
    return result;
  }

  private route(method: string, path: string, payload: RequestJson): { status: number; answer: unknown } {
    const id = () => `S01-${randomBytes(6).toString('hex')}`;
    if (method === 'POST' && path === '/v2/checkoutSessions') {
      const session: Session = {
        id: id(),
        amount: payload.paymentDetails.chargeAmount.amount,
        currencyCode: payload.paymentDetails.chargeAmount.currencyCode,
        returnUrl: payload.webCheckoutDetails.checkoutResultReturnUrl,
        state: 'Open',
        chargeId: null,
      };
      this.sessions.set(session.id, session);
      return {
        status: 201,
        answer: {
          checkoutSessionId: session.id,
          webCheckoutDetails: { amazonPayRedirectUrl: `https://pay.amazon.test/checkout?session=${session.id}` },
          statusDetails: { state: 'Open' },
        },
      };
    }
    const complete = /^\/v2\/checkoutSessions\/([^/]+)\/complete$/.exec(path);
    if (method === 'POST' && complete) {
      const session = this.sessions.get(decodeURIComponent(complete[1]!));
      if (!session) return { status: 404, answer: { reasonCode: 'ResourceNotFound', message: 'no session' } };
      if (session.state === 'Completed') {
        return { status: 200, answer: { chargeId: session.chargeId, statusDetails: { state: 'Completed' } } };
      }
      if (session.state === 'Declined') {
        return { status: 422, answer: { reasonCode: 'CheckoutSessionCanceled', message: 'buyer canceled' } };
      }
      if (session.state === 'Open') {
        return { status: 422, answer: { reasonCode: 'InvalidCheckoutSessionStatus', message: 'not approved' } };
      }
      if (
        payload.chargeAmount.amount !== session.amount ||
        payload.chargeAmount.currencyCode !== session.currencyCode
      ) {
        return { status: 400, answer: { reasonCode: 'InvalidParameterValue', message: 'amount differs' } };
      }
      session.state = 'Completed';
      session.chargeId = `S01-C-${randomBytes(6).toString('hex')}`;
      this.charges.set(session.chargeId, { amount: Math.round(Number(session.amount) * 100), refunded: 0 });
      return { status: 200, answer: { chargeId: session.chargeId, statusDetails: { state: 'Completed' } } };
    }
    if (method === 'POST' && path === '/v2/refunds') {
      const charge = this.charges.get(payload.chargeId);
      const amount = Math.round(Number(payload.refundAmount.amount) * 100);
      if (!charge) return { status: 404, answer: { reasonCode: 'ResourceNotFound', message: 'no charge' } };
      if (charge.refunded + amount > charge.amount) {
        return { status: 400, answer: { reasonCode: 'TransactionAmountExceeded', message: 'too much' } };
      }
      charge.refunded += amount;
      const refundId = `S01-R-${randomBytes(6).toString('hex')}`;
      this.refunds.set(refundId, payload.chargeId);
      return { status: 201, answer: { refundId, statusDetails: { state: 'RefundInitiated' } } };
    }
    return { status: 404, answer: { reasonCode: 'NotFound', message: path } };
  }
}
