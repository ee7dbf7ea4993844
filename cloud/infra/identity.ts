// Identity: the Cognito user pool for customers and staff (sign-in by email, verified), the staff roles' groups
// `admin`, `venue_manager`, `clerk`, `door_steward` (their venues are groups `venue-<id>`), and two public app
// clients using the authorization code flow with PKCE:
// the web shop (redirects to the shop's address) and the Electron app (a loopback redirect, as native apps use).
// A Cognito prefix domain (from the stack's id, so two stacks never ask for the same) serves the OAuth endpoints.
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { stackUniqueName } from './names.ts';

export interface IdentityProps {
  /** Where the web shop lives (callback and sign-out addresses). */
  shopUrl: string;
  /** How Cognito sends its emails (codes, invitations); Cognito's own sender when not given. */
  email?: cognito.UserPoolEmail;
}

export class Identity extends Construct {
  readonly userPool: cognito.UserPool;
  readonly webClient: cognito.UserPoolClient;
  readonly desktopClient: cognito.UserPoolClient;
  readonly domain: cognito.UserPoolDomain;

  constructor(scope: Construct, id: string, props: IdentityProps) {
    super(scope, id);
    this.userPool = new cognito.UserPool(this, 'Users', {
      // Closed: Cognito's SignUp tells whether an email is taken (UsernameExistsException, whatever
      // PreventUserExistenceErrors says). Customers sign up through the API, which answers the same either way; staff
      // are invited (AdminCreateUser, cognito-staff-directory).
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      autoVerify: { email: true },
      standardAttributes: { email: { required: true, mutable: true }, fullname: { required: false, mutable: true } },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      mfa: cognito.Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      featurePlan: cognito.FeaturePlan.ESSENTIALS,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
      ...(props.email ? { email: props.email } : {}),
    });
    this.domain = this.userPool.addDomain('Domain', {
      cognitoDomain: { domainPrefix: stackUniqueName('ticketboss') },
    });
    Validations.of(this.userPool).acknowledge(
      {
        id: 'AwsSolutions-COG2',
        reason:
          'MFA is offered to everyone (TOTP) but not forced on customers: a buyer with a one-off ticket would leave at the door. Staff accounts are expected to enrol (README).',
      },
      {
        id: 'AwsSolutions-COG8',
        reason:
          'The Plus feature plan (threat protection) is billed per monthly active user, mostly one-off buyers; Essentials is chosen on cost (COSTS.md) and can be raised without changes.',
      },
      {
        id: 'AwsSolutions-COG3',
        reason:
          'Threat protection needs the Plus feature plan (per active user); sign-in is rate-limited by the API and API Gateway throttling. See COSTS.md.',
      },
    );
    for (const [group, description] of [
      ['admin', 'The owner: everything, at every venue'],
      ['venue_manager', 'Runs the venues of its venue-<id> groups: events, prices, seat maps, staff, reports'],
      ['clerk', 'Sells at a box office; also in a venue-<id> group for the venue'],
      ['door_steward', 'Scans tickets at the doors; also in a venue-<id> group for the venue'],
    ] as const) {
      new cognito.CfnUserPoolGroup(this, `${group}Group`, {
        userPoolId: this.userPool.userPoolId,
        groupName: group,
        description,
      });
    }
    const oauth = (callbackUrls: string[]): cognito.OAuthSettings => ({
      flows: { authorizationCodeGrant: true },
      scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE],
      callbackUrls,
      logoutUrls: callbackUrls,
    });
    this.webClient = this.userPool.addClient('WebShop', {
      generateSecret: false,
      authFlows: { userSrp: true },
      oAuth: oauth([`${props.shopUrl}/auth/callback`]),
      preventUserExistenceErrors: true,
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(30),
      enableTokenRevocation: true,
    });
    this.desktopClient = this.userPool.addClient('Desktop', {
      generateSecret: false,
      authFlows: { userSrp: true },
      oAuth: oauth(['http://127.0.0.1:47615/callback']),
      preventUserExistenceErrors: true,
      accessTokenValidity: Duration.hours(12),
      refreshTokenValidity: Duration.days(7),
      enableTokenRevocation: true,
    });
  }
}
