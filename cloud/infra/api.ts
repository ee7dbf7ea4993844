// The APIs in front of the Hono app and the live view:
// - the HTTP API: every `/v1/*` route to the API function, throttled, with JSON access logs (the web shop reaches it
//   through CloudFront, so it shares the shop's origin);
// - the devices' REST API: the same function behind API keys in a usage plan, so each kiosk or counter has its own
//   rate and quota (HTTP APIs have no API keys); keys are made when a machine pairs;
// - the WebSocket API of the live seat view: $connect, $disconnect, subscribe, unsubscribe, ping and $default, each
//   answered by the websocket function; pushes go out through the management API (granted to the fan-out function).
import { ArnFormat, Aspects, Stack, Validations, type IAspect } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration, WebSocketLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct, type IConstruct } from 'constructs';
import { API_PREFIX } from '../contract/routes.ts';
import { acknowledgeGuard } from './nag.ts';
import { stackUniqueName } from './names.ts';
import { LOG_RETENTION } from './log-retention.ts';

export interface ApiProps {
  /** What both APIs invoke: the API function's alias (whose provisioned concurrency is scheduled for on-sales). */
  api: lambda.IFunction;
  /**
   * The API function's physical name, as an expression that references no resource. The devices' API reaches the
   * function by it: the function is told the usage plan's id, and the plan waits for this API's stage, so an ARN
   * reference here would close a cycle (function → plan → stage → methods → function).
   */
  apiFunctionName: string;
  /** The alias `api` is: the devices' API invokes the function by name qualified with it. */
  apiAliasName: string;
  websocket: lambda.IFunction;
  /** Requests a second (steady) and burst, over all callers, before API Gateway answers 429. */
  rateLimit?: number;
  burstLimit?: number;
}

const accessLogFormat = apigateway.AccessLogFormat.custom(
  JSON.stringify({
    requestId: '$context.requestId',
    ip: '$context.identity.sourceIp',
    time: '$context.requestTime',
    method: '$context.httpMethod',
    path: '$context.path',
    routeKey: '$context.routeKey',
    status: '$context.status',
    latency: '$context.responseLatency',
    integrationLatency: '$context.integrationLatency',
    length: '$context.responseLength',
    error: '$context.error.message',
  }),
);

export class Api extends Construct {
  readonly http: apigwv2.HttpApi;
  readonly httpStage: apigwv2.HttpStage;
  readonly devices: apigateway.LambdaRestApi;
  readonly deviceUsagePlan: apigateway.UsagePlan;
  readonly live: apigwv2.WebSocketApi;
  readonly liveStage: apigwv2.WebSocketStage;

  constructor(scope: Construct, id: string, props: ApiProps) {
    super(scope, id);
    Aspects.of(this).add(new InvokedOnlyFromThisAccount());
    const logGroup = (name: string) => new logs.LogGroup(this, name, { retention: LOG_RETENTION });
    const accessLogs = (name: string) => ({
      destination: new apigwv2.LogGroupLogDestination(logGroup(name)),
      format: accessLogFormat,
    });

    // HTTP API → the API function for /v1/*.
    this.http = new apigwv2.HttpApi(this, 'Http', {
      description: 'TicketBoss API (web shop, through CloudFront)',
      createDefaultStage: false,
    });
    this.http.addRoutes({
      path: `${API_PREFIX}/{proxy+}`,
      methods: [apigwv2.HttpMethod.ANY],
      integration: new HttpLambdaIntegration('ApiIntegration', props.api),
    });
    this.httpStage = new apigwv2.HttpStage(this, 'HttpStage', {
      httpApi: this.http,
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: props.rateLimit ?? 2000, burstLimit: props.burstLimit ?? 5000 },
      accessLogSettings: accessLogs('HttpAccessLogs'),
    });
    Validations.of(this.http).acknowledge({
      id: 'AwsSolutions-APIG4',
      reason:
        'Authorization is per object inside the API (bearer tokens: Cognito, staff and device tokens); the catalog, holds and guest checkout are public by design.',
    });
    acknowledgeGuard(
      this.http,
      'api_gw_v2_authorization_type_configured_check',
      'The route serves the public shop (catalog, holds, guest checkout) beside staff and device calls; the app verifies each bearer token (Cognito, staff, device) and checks every object, so no API Gateway authorizer can stand in front of all of it.',
    );

    // REST API for registered devices: API key required on every method. Its invoke permissions wait for the function.
    const apiByName = lambda.Function.fromFunctionAttributes(this, 'ApiFunctionByName', {
      functionArn: Stack.of(this).formatArn({
        service: 'lambda',
        resource: 'function',
        resourceName: `${props.apiFunctionName}:${props.apiAliasName}`,
        arnFormat: ArnFormat.COLON_RESOURCE_NAME,
      }),
      sameEnvironment: true,
    });
    this.devices = new apigateway.LambdaRestApi(this, 'Devices', {
      // API Gateway's metrics (and so the alarms and the dashboard) know a REST API by its name: one of this stack's.
      restApiName: stackUniqueName('ticketboss-devices'),
      handler: apiByName,
      description: 'TicketBoss API for kiosks and box offices (API key per machine)',
      proxy: true,
      endpointTypes: [apigateway.EndpointType.REGIONAL],
      defaultMethodOptions: { apiKeyRequired: true },
      cloudWatchRole: true,
      deployOptions: {
        stageName: 'devices', // a machine's cloud URL is this stage's (DeviceApiUrl); paths stay /v1/…
        throttlingRateLimit: 500,
        throttlingBurstLimit: 1000,
        loggingLevel: apigateway.MethodLoggingLevel.ERROR,
        accessLogDestination: new apigateway.LogGroupLogDestination(logGroup('DeviceAccessLogs')),
        accessLogFormat,
        metricsEnabled: true,
        tracingEnabled: true,
      },
    });
    // API Gateway writes the stage's execution logs (errors) to a group it names and would keep forever: made first.
    const executionLogs = new logs.LogGroup(this, 'DeviceExecutionLogs', {
      logGroupName: `API-Gateway-Execution-Logs_${this.devices.restApiId}/devices`,
      retention: LOG_RETENTION,
    });
    this.devices.deploymentStage.node.addDependency(executionLogs);
    for (const method of this.devices.methods) {
      for (const child of method.node.children)
        if (child instanceof lambda.CfnPermission) child.node.addDependency(props.api);
    }
    // Unnamed: the API function is given its id (DEVICE_USAGE_PLAN_ID), so no name needs to be unique or looked up.
    this.deviceUsagePlan = this.devices.addUsagePlan('DeviceUsagePlan', {
      description: 'Each paired kiosk or box office: its own rate, burst and daily quota',
      throttle: { rateLimit: 20, burstLimit: 50 },
      quota: { limit: 200_000, period: apigateway.Period.DAY },
      apiStages: [{ api: this.devices, stage: this.devices.deploymentStage }],
    });
    Validations.of(this.devices).acknowledge(
      {
        id: 'AwsSolutions-APIG2',
        reason:
          'Every request body is validated with zod inside the app, which answers problem+json with the field; a second, coarser validator here would drift from it.',
      },
      {
        id: 'AwsSolutions-APIG3',
        reason:
          'Regional device API used only by paired machines holding an API key and a device token; throttled per key by the usage plan. WAF is on the public edge (README).',
      },
      {
        id: 'AwsSolutions-APIG4',
        reason:
          'Each method requires the machine API key, and the app verifies the device token and checks every object; an authorizer would repeat that.',
      },
      {
        id: 'AwsSolutions-COG4',
        reason:
          'Devices are not Cognito users: they present a device token issued at pairing, verified in the app, with their API key.',
      },
      {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs]',
        reason:
          'API Gateway needs this AWS-managed policy, for the account, to write execution logs to CloudWatch Logs; it grants nothing else.',
      },
    );

    // WebSocket API for the live seat view.
    const ws = new WebSocketLambdaIntegration('LiveIntegration', props.websocket);
    this.live = new apigwv2.WebSocketApi(this, 'Live', {
      description: 'TicketBoss live seat view',
      routeSelectionExpression: '$request.body.type',
      connectRouteOptions: { integration: ws },
      disconnectRouteOptions: { integration: ws },
      defaultRouteOptions: { integration: ws, returnResponse: true },
    });
    for (const route of ['subscribe', 'unsubscribe', 'ping']) {
      this.live.addRoute(route, { integration: ws, returnResponse: true });
    }
    this.liveStage = new apigwv2.WebSocketStage(this, 'LiveStage', {
      webSocketApi: this.live,
      stageName: 'live',
      autoDeploy: true,
      throttle: { rateLimit: 1000, burstLimit: 2000 },
      accessLogSettings: accessLogs('LiveAccessLogs'),
    });
    // Tighter on the routes a stranger can drive without a valid message: new connections, and $default (whatever is
    // not subscribe, unsubscribe or ping). Subscriptions per connection are counted by the handler (limits.ts);
    // API Gateway refuses frames over 32 KB itself and closes a connection idle for 10 minutes.
    (this.liveStage.node.defaultChild as apigwv2.CfnStage).routeSettings = {
      $connect: { ThrottlingRateLimit: 200, ThrottlingBurstLimit: 400 },
      $default: { ThrottlingRateLimit: 100, ThrottlingBurstLimit: 200 },
    };
    Validations.of(this.live).acknowledge({
      id: 'AwsSolutions-APIG4',
      reason:
        'The live seat view is public (what anyone sees on the seat map); the handler admits subscriptions only to published events and at most 20 per connection.',
    });
    acknowledgeGuard(
      this.live,
      'api_gw_v2_authorization_type_configured_check',
      'The live seat view is public, like the seat map it updates: anyone may watch an on-sale event; the handler admits subscriptions only to published events and at most 20 per connection.',
    );
  }

  /** The management API address the fan-out function posts to. */
  get liveManagementEndpoint(): string {
    return this.liveStage.callbackUrl;
  }
}

/**
 * API Gateway may invoke our functions only on behalf of this account's APIs: CDK's invoke permissions name the
 * calling API by a constructed ARN, and the account pinned beside it closes the confused-deputy gap that a mistyped
 * or foreign ARN would open (AWS Control Tower CT.LAMBDA.PR.2).
 */
class InvokedOnlyFromThisAccount implements IAspect {
  visit(node: IConstruct): void {
    if (node instanceof lambda.CfnPermission && node.sourceAccount === undefined) {
      node.sourceAccount = Stack.of(node).account;
    }
  }
}
