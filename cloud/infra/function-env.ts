// The settings the functions read from their environment (cloud/lambda/runtime.ts), built from the stack's parts.
import type { Identity } from './identity.ts';
import type { Messaging } from './messaging.ts';

export interface EnvProps {
  emailFrom?: string;
  mailingBaseUrl?: string;
  amazonPay?: { publicKeyId: string; storeId: string; region: 'eu' | 'na' | 'jp'; sandbox: boolean };
}

/** SES (the region, the configuration set with its bounce handling, the sender) and the mailing service. */
export function emailEnv(region: string, messaging: Messaging, props: EnvProps): Record<string, string> {
  return {
    SES_REGION: region,
    SES_CONFIGURATION_SET: messaging.configurationSet.configurationSetName,
    ...(props.emailFrom ? { EMAIL_FROM: props.emailFrom } : {}),
    ...(props.mailingBaseUrl ? { MAILING_BASE_URL: props.mailingBaseUrl } : {}),
  };
}

/**
 * The shop's address (links in emails) and its origins, the only places a payment may send the buyer back to
 * (redirects: no open redirect; the API refuses any other return address).
 */
export function shopEnv(shopUrl: string): { PUBLIC_URL: string; SHOP_ORIGINS: string } {
  return { PUBLIC_URL: shopUrl, SHOP_ORIGINS: new URL(shopUrl).origin };
}

/** Amazon Pay's keys, where the stack takes payments (none: sandbox payments). */
export function paymentEnv(props: EnvProps): Record<string, string> {
  const pay = props.amazonPay;
  if (!pay) return {};
  return {
    AMAZON_PAY_PUBLIC_KEY_ID: pay.publicKeyId,
    AMAZON_PAY_STORE_ID: pay.storeId,
    AMAZON_PAY_REGION: pay.region,
    AMAZON_PAY_SANDBOX: String(pay.sandbox),
  };
}

/** The user pool and its app clients (staff changes carried to Cognito, customers' password resets). */
export function cognitoEnv(identity: Identity): { COGNITO_USER_POOL_ID: string; COGNITO_CLIENT_IDS: string } {
  return {
    COGNITO_USER_POOL_ID: identity.userPool.userPoolId,
    COGNITO_CLIENT_IDS: [identity.webClient.userPoolClientId, identity.desktopClient.userPoolClientId].join(','),
  };
}
