// The SES adapter against a local HTTP endpoint standing in for SES v2: the exact request the AWS SDK sends
// (path, signed headers, the raw MIME message base64-encoded, recipient, configuration set), and how answers map:
// 200 sent, 5xx and 429 retryable (EmailUnavailableError), a 4xx refusal final.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SesEmailSender } from '../../cloud/adapters/email/ses.ts';
import { EmailUnavailableError } from '../../cloud/services/fulfilment/ports.ts';
import { startCaptureServer, type CaptureServer } from '../support/capture-server.ts';

describe('SES adapter', () => {
  let capture: CaptureServer;

  beforeAll(async () => {
    capture = await startCaptureServer({ status: 200, body: { MessageId: 'ses-1' } });
  });
  afterAll(() => capture.close());

  const sender = () =>
    new SesEmailSender({
      region: 'eu-west-1',
      endpoint: capture.url,
      configurationSet: 'ticketboss-transactional',
      credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
    });
  const raw = Buffer.from('From: tickets@ticketboss.example\r\nTo: ada@example.com\r\nSubject: Hi\r\n\r\nHello €\r\n');

  it('sends the raw message with SendEmail, signed with SigV4 for ses', async () => {
    await sender().send({ messageId: '<job-1@ticketboss>', to: 'ada@example.com', raw });
    const request = capture.seen.at(-1)!;
    expect(request.method).toBe('POST');
    expect(request.url).toBe('/v2/email/outbound-emails');
    expect(request.headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/eu-west-1\/ses\/aws4_request, SignedHeaders=.*host.*, Signature=[0-9a-f]{64}$/,
    );
    expect(request.body).toEqual({
      ConfigurationSetName: 'ticketboss-transactional',
      Content: { Raw: { Data: raw.toString('base64') } },
      Destination: { ToAddresses: ['ada@example.com'] },
    });
  });

  it('maps an outage or throttling to a retry, and a refusal to a final error', async () => {
    capture.answer = { status: 503, body: { message: 'Service unavailable' } };
    await expect(sender().send({ messageId: '<j@t>', to: 'a@example.com', raw })).rejects.toBeInstanceOf(
      EmailUnavailableError,
    );
    capture.answer = { status: 429, body: { message: 'Too many requests' } };
    await expect(sender().send({ messageId: '<j@t>', to: 'a@example.com', raw })).rejects.toBeInstanceOf(
      EmailUnavailableError,
    );
    capture.answer = { status: 400, body: { message: 'Email address is not verified.' } };
    const refused = await sender()
      .send({ messageId: '<j@t>', to: 'a@example.com', raw })
      .then(
        () => null,
        (error: unknown) => error,
      );
    expect(refused).toBeInstanceOf(Error);
    expect(refused).not.toBeInstanceOf(EmailUnavailableError);
  });
});
