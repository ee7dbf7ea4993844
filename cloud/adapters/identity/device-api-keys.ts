// Kiosk and box-office machines in AWS call the API through API Gateway with their own API key, in a usage plan that
// throttles each machine (a stuck kiosk cannot starve the counters). The key is created when the machine pairs and
// travels to it once, in the pairing answer, beside its secret.
import {
  CreateApiKeyCommand,
  CreateUsagePlanKeyCommand,
  GetUsagePlansCommand,
  type APIGatewayClient,
} from '@aws-sdk/client-api-gateway';
import type { DeviceApiKeys } from '../../services/identity/identity-service.ts';

export class ApiGatewayDeviceKeys implements DeviceApiKeys {
  private planId: Promise<string> | undefined;

  /** The usage plan is found by its name once (its id cannot be given to the API function without a cycle in CDK). */
  constructor(
    private readonly client: APIGatewayClient,
    private readonly usagePlanName: string,
  ) {}

  private usagePlanId(): Promise<string> {
    this.planId ??= (async () => {
      let position: string | undefined;
      do {
        const page = await this.client.send(new GetUsagePlansCommand({ limit: 500, position }));
        const plan = page.items?.find((item) => item.name === this.usagePlanName);
        if (plan?.id) return plan.id;
        position = page.position;
      } while (position);
      throw new Error(`no usage plan named ${this.usagePlanName}`);
    })().catch((error: unknown) => {
      this.planId = undefined;
      throw error;
    });
    return this.planId;
  }

  async issue(device: { id: string; name: string; venueId: string; kind: string }): Promise<string> {
    const key = await this.client.send(
      new CreateApiKeyCommand({
        name: `device-${device.id}`,
        description: `${device.kind} ${device.name}`.slice(0, 120),
        enabled: true,
        tags: { device: device.id, venue: device.venueId, kind: device.kind },
      }),
    );
    if (!key.id || !key.value) throw new Error('API Gateway answered without the new key');
    await this.client.send(
      new CreateUsagePlanKeyCommand({ usagePlanId: await this.usagePlanId(), keyId: key.id, keyType: 'API_KEY' }),
    );
    return key.value;
  }
}
