// Each resource of a synthesized template checked against the CloudFormation registry schemas, as AWS publishes them
// in @aws-cdk/aws-service-spec: an unknown resource type, an unknown or misspelled property, a missing required one,
// or a value of the wrong shape is what CloudFormation would refuse only at deploy time. Intrinsic functions are
// taken as valid wherever a value may stand (their result is only known at deploy time).
import { loadAwsServiceSpec } from '@aws-cdk/aws-service-spec';
import type { SpecDatabase } from '@aws-cdk/service-spec-types';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- CloudFormation JSON and the spec's types, any shape
type Json = any;

let database: Promise<SpecDatabase> | undefined;
const spec = () => (database ??= loadAwsServiceSpec());

const isIntrinsic = (value: Json) =>
  value !== null &&
  typeof value === 'object' &&
  !Array.isArray(value) &&
  Object.keys(value).length === 1 &&
  (Object.keys(value)[0] === 'Ref' || Object.keys(value)[0]!.startsWith('Fn::'));

/** The problems of every resource in `template`, each as `LogicalId (Type).path: what`. */
export async function schemaProblems(template: { Resources: Record<string, Json> }): Promise<string[]> {
  const db = await spec();
  const problems: string[] = [];

  const checkObject = (path: string, value: Json, properties: Record<string, Json>) => {
    if (isIntrinsic(value)) return;
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      problems.push(`${path}: expected an object`);
      return;
    }
    for (const [name, property] of Object.entries(properties)) {
      if (property.required && value[name] === undefined) problems.push(`${path}.${name}: required, missing`);
    }
    for (const [name, inner] of Object.entries(value)) {
      const property = properties[name];
      if (!property) {
        problems.push(`${path}.${name}: no such property`);
        continue;
      }
      const types = [property.type, ...(property.previousTypes ?? [])];
      check(`${path}.${name}`, inner, { type: 'union', types });
    }
  };

  /** Problems of `value` as `type`, added to `problems`; returns whether it fits. */
  const check = (path: string, value: Json, type: Json): boolean => {
    if (isIntrinsic(value)) return true;
    const before = problems.length;
    const fail = (what: string) => {
      problems.push(`${path}: ${what}`);
      return false;
    };
    switch (type.type) {
      case 'string':
      case 'date-time':
        // CloudFormation turns numbers and booleans into strings where a string is expected.
        return ['string', 'number', 'boolean'].includes(typeof value) || fail(`expected a string`);
      case 'number':
      case 'integer':
        return typeof value === 'number' || /^-?\d+(\.\d+)?$/.test(String(value)) || fail(`expected a number`);
      case 'boolean':
        return typeof value === 'boolean' || value === 'true' || value === 'false' || fail(`expected a boolean`);
      case 'json':
      case 'null':
        return true;
      case 'tag':
        return (value && typeof value === 'object' && 'Key' in value && 'Value' in value) || fail('expected a tag');
      case 'array':
        if (!Array.isArray(value)) return fail('expected a list');
        value.forEach((element: Json, index: number) => check(`${path}[${index}]`, element, type.element));
        return problems.length === before;
      case 'map':
        if (value === null || typeof value !== 'object' || Array.isArray(value)) return fail('expected a map');
        for (const [key, element] of Object.entries(value)) check(`${path}.${key}`, element, type.element);
        return problems.length === before;
      case 'ref':
        checkObject(path, value, db.get('typeDefinition', type.reference.$ref).properties);
        return problems.length === before;
      case 'union': {
        // Fits if some member type fits; otherwise report what the first member found.
        for (const member of type.types) {
          const trial = problems.length;
          if (check(path, value, member)) return true;
          problems.length = trial;
        }
        return check(path, value, type.types[0]);
      }
      default:
        return true;
    }
  };

  for (const [logicalId, resource] of Object.entries(template.Resources)) {
    const type = resource.Type as string;
    if (type.startsWith('Custom::') || type === 'AWS::CloudFormation::CustomResource') continue;
    const found = db.lookup('resource', 'cloudFormationType', 'equals', type);
    if (found.length === 0) {
      problems.push(`${logicalId} (${type}): no such resource type`);
      continue;
    }
    checkObject(`${logicalId} (${type})`, resource.Properties ?? {}, found[0]!.properties);
  }
  return problems;
}
