// Email through Amazon SES (SDK v3, SESv2 SendEmail with the raw MIME message). Configured from the environment
// (SES_REGION, SES_CONFIGURATION_SET, optionally SES_ENDPOINT for a local stand-in); not used by default.
import type { SESv2Client } from '@aws-sdk/client-sesv2';
import { EmailUnavailableError, type EmailSender, type OutgoingEmail } from '../../services/fulfilment/ports.ts';

export interface SesOptions {
  region: string;
  configurationSet?: string;
  /** A different endpoint (tests, a local stand-in). */
  endpoint?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

// The SDK client is loaded at the first email, not at import: the API function carries this adapter (for the mailing
// webhook's fulfilment) but never sends, and a smaller start is a faster cold start.
const sdk = () => import('@aws-sdk/client-sesv2');

export class SesEmailSender implements EmailSender {
  private client: Promise<SESv2Client> | undefined;

  constructor(private readonly options: SesOptions) {}

  private sesClient(): Promise<SESv2Client> {
    this.client ??= sdk().then(
      ({ SESv2Client }) =>
        new SESv2Client({
          region: this.options.region,
          ...(this.options.endpoint ? { endpoint: this.options.endpoint } : {}),
          ...(this.options.credentials ? { credentials: this.options.credentials } : {}),
          maxAttempts: 1,
        }),
    );
    return this.client;
  }

  static fromEnv(env: NodeJS.ProcessEnv): SesEmailSender | null {
    if (!env.SES_REGION) return null;
    return new SesEmailSender({
      region: env.SES_REGION,
      ...(env.SES_CONFIGURATION_SET ? { configurationSet: env.SES_CONFIGURATION_SET } : {}),
      ...(env.SES_ENDPOINT ? { endpoint: env.SES_ENDPOINT } : {}),
    });
  }

  async send(email: OutgoingEmail): Promise<void> {
    const [client, { SendEmailCommand }] = await Promise.all([this.sesClient(), sdk()]);
    try {
      await client.send(
        new SendEmailCommand({
          Destination: { ToAddresses: [email.to] },
          Content: { Raw: { Data: email.raw } },
          ...(this.options.configurationSet ? { ConfigurationSetName: this.options.configurationSet } : {}),
        }),
      );
    } catch (error) {
      const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
      // Throttling and outages are worth a retry; a refused message (bad address, unverified sender) is not.
      if (status === undefined || status >= 500 || status === 429) {
        throw new EmailUnavailableError(`SES did not take the message: ${(error as Error).message}`, { cause: error });
      }
      throw error;
    }
  }
}
