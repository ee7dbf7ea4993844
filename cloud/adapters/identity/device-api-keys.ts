// Kiosk and box-office machines in AWS call the API through API Gateway with their own API key, in a usage plan that
// throttles each machine (a stuck kiosk cannot starve the counters). The key is created when the machine pairs and
// travels to it once, in the pairing answer, beside its secret.
import { CreateApiKeyCommand, CreateUsagePlanKeyCommand, type APIGatewayClient } from '@aws-sdk/client-api-gateway';
import type { DeviceApiKeys } from '../../services/identity/identity-service.ts';

export class ApiGatewayDeviceKeys implements DeviceApiKeys {
  /** The usage plan's id comes from the stack (DEVICE_USAGE_PLAN_ID): no lookup, and no name to share with another. */
  constructor(
    private readonly client: APIGatewayClient,
    private readonly usagePlanId: string,
  ) {}

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
      new CreateUsagePlanKeyCommand({ usagePlanId: this.usagePlanId, keyId: key.id, keyType: 'API_KEY' }),
    );
    return key.value;
  }
}
