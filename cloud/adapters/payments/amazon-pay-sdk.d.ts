// The part of the Amazon Pay SDK (CommonJS, shipped without types) that the adapter uses: request signing.
declare module '@amazonpay/amazon-pay-api-sdk-nodejs' {
  interface SignOptions {
    method: string;
    urlFragment: string;
    payload: string;
    headers?: Record<string, string>;
  }
  const sdk: {
    WebStoreClient: new (config: object) => { getSignedHeaders(options: SignOptions): Record<string, string> };
  };
  export default sdk;
}
