// The origin lock's two names, shared by the estate (cloud/infra: CloudFront adds the header, the API function is
// told the secret) and the API (cloud/http/origin-lock.ts checks it): the API answers only requests that came
// through CloudFront, or through the devices' API with a machine's API key.

/** The header CloudFront adds to every request it passes to the API; its value is a secret (Secrets Manager). */
export const ORIGIN_VERIFY_HEADER = 'X-Origin-Verify';

/** The API function's environment variable naming that secret (JSON `{"header": "<value>"}`); unset: no lock. */
export const ORIGIN_VERIFY_SECRET_ENV = 'ORIGIN_VERIFY_SECRET_ARN';

/** The field of the secret's JSON that holds the header's value. */
export const ORIGIN_VERIFY_SECRET_FIELD = 'header';
