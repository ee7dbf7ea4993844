// The API's operations as the hostile suite sees them: read from the OpenAPI document the server publishes (paths,
// parameters, headers, the body's JSON Schema, security) and joined with the route list for what the document does
// not say (each route's body limit, whether it needs an Idempotency-Key).
import type { Route } from '../../../cloud/http/route.ts';
import type { JsonSchema } from './schema-values.ts';

export interface Parameter {
  name: string;
  required: boolean;
  schema: JsonSchema;
}

export interface Operation {
  operationId: string;
  method: string;
  /** The Hono pattern, `/v1/events/:eventId`. */
  pattern: string;
  pathParams: Parameter[];
  query: Parameter[];
  /** Headers the document declares (Idempotency-Key, X-Hold-Token, …). */
  headers: Parameter[];
  body?: JsonSchema;
  /** Largest body the route accepts, in bytes. */
  bodyLimit: number;
  /** Whether the route says it wants a bearer token (the caller the suite sends is chosen by probing). */
  protected: boolean;
}

interface OpenApiOperation {
  operationId: string;
  parameters?: { name: string; in: 'path' | 'query' | 'header'; required?: boolean; schema?: JsonSchema }[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
  security?: Record<string, string[]>[];
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
}

/** Every operation of the document, in the document's order; the route list supplies body limits. */
export function operationsOf(document: OpenApiDocument, routes: Route[], defaultBodyLimit: number): Operation[] {
  const byId = new Map(routes.map((route) => [route.operationId, route]));
  const operations: Operation[] = [];
  for (const [path, methods] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(methods)) {
      const parameters = operation.parameters ?? [];
      const of = (where: 'path' | 'query' | 'header') =>
        parameters
          .filter((parameter) => parameter.in === where)
          .map((parameter) => ({
            name: parameter.name,
            required: parameter.required ?? false,
            schema: parameter.schema ?? { type: 'string' },
          }));
      const route = byId.get(operation.operationId);
      operations.push({
        operationId: operation.operationId,
        method: method.toUpperCase(),
        pattern: path.replace(/\{([A-Za-z]+)\}/g, ':$1'),
        pathParams: of('path'),
        query: of('query'),
        headers: of('header'),
        ...(operation.requestBody ? { body: operation.requestBody.content['application/json']!.schema } : {}),
        bodyLimit: route?.bodyLimit ?? defaultBodyLimit,
        protected: (operation.security ?? []).some((scheme) => 'bearer' in scheme),
      });
    }
  }
  return operations;
}

/** The path of a pattern with these already-encoded segments (a hostile segment goes in exactly as written). */
export function pathWith(pattern: string, encodedSegments: Record<string, string>): string {
  return pattern.replace(/:([A-Za-z]+)/g, (_match, name: string) => encodedSegments[name] ?? '');
}
