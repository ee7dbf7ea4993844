// Network reachability over a synthesized CloudFormation template, offline: for each function (and the database's
// rotation application), follow its subnets, their route tables and its security groups to every AWS service and
// endpoint its code calls, and say which path does not exist. An interface endpoint with private DNS captures all of
// its service's traffic in the VPC, so when one exists it is the only way there: both security groups must let the
// call through. Other AWS APIs and third parties need a default route to a NAT gateway that itself routes to an
// internet gateway. Intrinsics are read structurally (Ref / Fn::GetAtt to logical ids); ports that come from the
// database's endpoint are taken as its port.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- CloudFormation JSON of any shape
type Json = any;
export interface TemplateJson {
  Resources: Record<string, { Type: string; Properties?: Json }>;
}

/** What a caller reaches: an AWS service by its endpoint name (`secretsmanager`, `sqs`, `s3`…), the public internet
 * (third parties, and AWS APIs reached over the internet), the RDS Proxy, or the database instance. */
export type Need = { service: string } | { internet: string } | { proxy: true } | { database: true };

export interface Caller {
  /** A name for messages: the function's handler, or the rotation application's logical id. */
  name: string;
  subnets: string[];
  securityGroups: string[];
  environment: Record<string, unknown>;
}

const idOf = (value: Json): string | undefined => {
  if (typeof value === 'string') return value;
  if (value?.Ref) return value.Ref as string;
  if (Array.isArray(value?.['Fn::GetAtt'])) return value['Fn::GetAtt'][0] as string;
  return undefined;
};

/** Refs inside a `Fn::Join` of a comma-separated list (how the rotation application takes its subnets). */
const idsOfList = (value: Json): string[] => {
  if (Array.isArray(value)) return value.map(idOf).filter((id): id is string => !!id);
  const parts = value?.['Fn::Join']?.[1];
  if (Array.isArray(parts)) return parts.map(idOf).filter((id): id is string => !!id && id !== ',');
  const single = idOf(value);
  return single ? [single] : [];
};

export interface NetworkOptions {
  /**
   * Admission by name only: a target's ingress must name one of the caller's security groups. A CIDR rule open to
   * the whole VPC, which would otherwise count, does not (for checks that each caller was admitted on purpose).
   */
  securityGroupsOnly?: boolean;
}

export class Network {
  private readonly resources: TemplateJson['Resources'];

  constructor(
    template: TemplateJson,
    private readonly options: NetworkOptions = {},
  ) {
    this.resources = template.Resources;
  }

  private ofType(type: string): [string, Json][] {
    return Object.entries(this.resources)
      .filter(([, r]) => r.Type === type)
      .map(([id, r]) => [id, r.Properties ?? {}]);
  }

  /** Every Lambda function in a VPC, and the database's rotation application (a SAR app with its own VPC settings). */
  callers(): Caller[] {
    const functions = this.ofType('AWS::Lambda::Function')
      .filter(([, p]) => p.VpcConfig)
      .map(([id, p]) => ({
        name: (p.Handler as string | undefined) ?? id,
        subnets: idsOfList(p.VpcConfig.SubnetIds),
        securityGroups: idsOfList(p.VpcConfig.SecurityGroupIds),
        environment: (p.Environment?.Variables ?? {}) as Record<string, unknown>,
      }));
    const rotations = this.ofType('AWS::Serverless::Application')
      .filter(([, p]) => p.Parameters?.vpcSubnetIds)
      .map(([id, p]) => ({
        name: id,
        subnets: idsOfList(p.Parameters.vpcSubnetIds),
        securityGroups: idsOfList(p.Parameters.vpcSecurityGroupIds),
        environment: {},
      }));
    return [...functions, ...rotations];
  }

  /** Why `caller` cannot reach `need`, or undefined when a path exists. */
  gap(caller: Caller, need: Need): string | undefined {
    if ('proxy' in need) return this.toGroups(caller, this.proxyGroups(), 5432, 'the RDS Proxy');
    if ('database' in need) return this.toGroups(caller, this.databaseGroups(), this.databasePort(), 'the database');
    if ('internet' in need) return this.toInternet(caller, need.internet);
    return this.toService(caller, need.service);
  }

  private toService(caller: Caller, service: string): string | undefined {
    const interfaceEndpoint = this.ofType('AWS::EC2::VPCEndpoint').find(
      ([, p]) =>
        p.VpcEndpointType === 'Interface' &&
        p.PrivateDnsEnabled === true &&
        typeof p.ServiceName === 'string' &&
        p.ServiceName.endsWith(`.${service}`),
    );
    if (interfaceEndpoint) {
      const [id, p] = interfaceEndpoint;
      const endpointZones = new Set(idsOfList(p.SubnetIds).map((subnet) => this.zoneOf(subnet)));
      const missingZone = caller.subnets.find((subnet) => !endpointZones.has(this.zoneOf(subnet)));
      if (missingZone) return `${service}: endpoint ${id} has no network interface in the zone of ${missingZone}`;
      return this.toGroups(caller, idsOfList(p.SecurityGroupIds), 443, `${service} (endpoint ${id})`);
    }
    const gateway = this.ofType('AWS::EC2::VPCEndpoint').find(
      ([, p]) => p.VpcEndpointType === 'Gateway' && JSON.stringify(p.ServiceName).includes(`.${service}`),
    );
    if (gateway) {
      const tables = new Set(idsOfList(gateway[1].RouteTableIds));
      const uncovered = caller.subnets.filter((subnet) => !tables.has(this.routeTableOf(subnet) ?? ''));
      if (uncovered.length === 0) {
        return this.egressAllowed(caller.securityGroups, undefined, 443)
          ? undefined
          : `${service}: no security group lets HTTPS out`;
      }
    }
    return this.toInternet(caller, service);
  }

  private toInternet(caller: Caller, what: string): string | undefined {
    for (const subnet of caller.subnets) {
      const table = this.routeTableOf(subnet);
      const route = this.defaultRoute(table);
      if (!route?.NatGatewayId) return `${what}: subnet ${subnet} has no default route to a NAT gateway`;
      const nat = idOf(route.NatGatewayId)!;
      const natSubnet = idOf(this.resources[nat]?.Properties?.SubnetId);
      const out = natSubnet ? this.defaultRoute(this.routeTableOf(natSubnet)) : undefined;
      if (!out?.GatewayId) return `${what}: NAT gateway ${nat} has no route to an internet gateway`;
    }
    if (!this.egressAllowed(caller.securityGroups, undefined, 443)) {
      return `${what}: no security group of ${caller.name} lets HTTPS out to the internet`;
    }
    return undefined;
  }

  private toGroups(caller: Caller, targets: string[], port: number, what: string): string | undefined {
    if (targets.length === 0) return `${what}: not in the template`;
    if (!targets.some((target) => this.egressAllowed(caller.securityGroups, target, port))) {
      return `${what}: no security group of ${caller.name} lets port ${port} out to it`;
    }
    if (!targets.some((target) => this.ingressAllowed(target, caller.securityGroups, port))) {
      return `${what}: its security groups do not admit ${caller.securityGroups.join(', ')} on port ${port}`;
    }
    return undefined;
  }

  private rules(kind: 'Ingress' | 'Egress', group: string): Json[] {
    const inline = (this.resources[group]?.Properties?.[`SecurityGroup${kind}`] ?? []) as Json[];
    const standalone = this.ofType(`AWS::EC2::SecurityGroup${kind}`)
      .filter(([, p]) => idOf(p.GroupId) === group)
      .map(([, p]) => p);
    return [...inline, ...standalone];
  }

  private portMatches(rule: Json, port: number): boolean {
    if (rule.IpProtocol === '-1' || rule.IpProtocol === -1) return true;
    if (rule.IpProtocol !== 'tcp') return false;
    const bound = (value: Json) => (typeof value === 'number' ? value : this.databasePort());
    return bound(rule.FromPort) <= port && port <= bound(rule.ToPort);
  }

  /** Some group lets `port` out to `target` (a security group), or to anywhere when target is undefined. */
  private egressAllowed(groups: string[], target: string | undefined, port: number): boolean {
    return groups.some((group) =>
      this.rules('Egress', group).some(
        (rule) =>
          this.portMatches(rule, port) &&
          (rule.CidrIp === '0.0.0.0/0' || (target !== undefined && idOf(rule.DestinationSecurityGroupId) === target)),
      ),
    );
  }

  private ingressAllowed(group: string, sources: string[], port: number): boolean {
    return this.rules('Ingress', group).some(
      (rule) =>
        this.portMatches(rule, port) &&
        ((!this.options.securityGroupsOnly && this.coversVpc(rule.CidrIp)) ||
          sources.includes(idOf(rule.SourceSecurityGroupId) ?? '')),
    );
  }

  /** A CIDR that admits every address of the VPC: anywhere, or the VPC's own block. */
  private coversVpc(cidr: Json): boolean {
    if (cidr === '0.0.0.0/0') return true;
    if (cidr?.['Fn::GetAtt']?.[1] === 'CidrBlock') return true;
    return this.ofType('AWS::EC2::VPC').some(([, p]) => typeof cidr === 'string' && p.CidrBlock === cidr);
  }

  private routeTableOf(subnet: string): string | undefined {
    const association = this.ofType('AWS::EC2::SubnetRouteTableAssociation').find(
      ([, p]) => idOf(p.SubnetId) === subnet,
    );
    return association ? idOf(association[1].RouteTableId) : undefined;
  }

  private defaultRoute(table: string | undefined): Json | undefined {
    if (!table) return undefined;
    return this.ofType('AWS::EC2::Route').find(
      ([, p]) => idOf(p.RouteTableId) === table && p.DestinationCidrBlock === '0.0.0.0/0',
    )?.[1];
  }

  private zoneOf(subnet: string): string {
    return JSON.stringify(this.resources[subnet]?.Properties?.AvailabilityZone ?? subnet);
  }

  private proxyGroups(): string[] {
    return this.ofType('AWS::RDS::DBProxy').flatMap(([, p]) => idsOfList(p.VpcSecurityGroupIds));
  }

  private databaseGroups(): string[] {
    return this.ofType('AWS::RDS::DBInstance').flatMap(([, p]) => idsOfList(p.VPCSecurityGroups));
  }

  private databasePort(): number {
    const port = this.ofType('AWS::RDS::DBInstance')[0]?.[1].Port;
    return port === undefined ? 5432 : Number(port);
  }
}

/**
 * What a caller's code calls, read from its environment (each setting names a service it talks to), plus what no
 * setting shows (`extra`).
 */
export function needsOf(caller: Caller, extra: (caller: Caller) => Need[] = () => []): Need[] {
  const env = caller.environment;
  const needs: Need[] = [];
  if (env.DB_HOST) needs.push({ proxy: true });
  if (env.APP_SECRET_ARN || env.MASTER_SECRET_ARN) needs.push({ service: 'secretsmanager' });
  if (env.LIVE_QUEUE_URL || env.JOBS_QUEUE_URL) needs.push({ service: 'sqs' });
  if (env.SES_REGION) needs.push({ service: 'email' });
  if (env.WS_MANAGEMENT_ENDPOINT) needs.push({ service: 'execute-api' });
  if (env.COGNITO_USER_POOL_ID) needs.push({ internet: 'Cognito JWKS' });
  if (Object.keys(env).some((key) => key.startsWith('DEVICE_USAGE_PLAN'))) needs.push({ service: 'apigateway' });
  return [...needs, ...extra(caller)];
}

export const describeNeed = (need: Need): string =>
  'proxy' in need ? 'RDS Proxy' : 'database' in need ? 'database' : 'internet' in need ? need.internet : need.service;
