// The hostile-input suite: every operation of the OpenAPI document the real server publishes (`npm start`'s entry as
// a child process, on real Postgres) is sent a plausibly valid request and then everything a stranger might send
// instead (test/support/hostile/variants.ts), as the caller the operation needs and as anonymous. No answer may be a
// 5xx, every 4xx is problem+json with a type under https://ticketboss.dev/problems/, the process answers /healthz
// after each operation's batch, and its memory stays bounded under a stream of 10 MB bodies.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresUrl } from '../../support/databases.ts';
import { startTarget, type CallerName, type Target } from '../../support/hostile/target.ts';
import { operationsOf, type OpenApiDocument, type Operation } from '../../support/hostile/operations.ts';
import { variantsOf, type HostileRequest } from '../../support/hostile/variants.ts';
import { closeConnections, eachConcurrently, judge, rssOf, send, type Finding } from '../../support/hostile/client.ts';
import { createApp, DEFAULT_BODY_LIMIT } from '../../../cloud/http/app.ts';
import { createServices } from '../../../cloud/services/index.ts';
import { apiPaths, apiRoutes } from '../../../cloud/contract/routes.ts';
import type { Db } from '../../../cloud/db/port.ts';

const CONCURRENCY = 8;
/** Operations whose valid request changes what the others stand on (the event, the hold, a caller): sent last. */
const UPSETTING = /cancel|postpone|status|release|revoke|disable|signOut|tiers|salesWindows|block/i;

/** The route list as the app declares it (body limits); its services are never called. */
function declaredRoutes() {
  const services = createServices({ db: {} as Db, live: { publish: async () => {} } });
  return createApp({ services, verifier: { verify: async () => Promise.reject(new Error('unused')) } }).routes;
}

describe.skipIf(!postgresUrl())('hostile input against the real server on real Postgres', () => {
  let target: Target;
  let operations: Operation[];

  beforeAll(async () => {
    target = await startTarget();
    const document = (await (await fetch(`${target.url}${apiRoutes.openApiDocument.path}`)).json()) as OpenApiDocument;
    operations = operationsOf(document, declaredRoutes(), DEFAULT_BODY_LIMIT);
    operations.sort((a, b) => Number(UPSETTING.test(a.operationId)) - Number(UPSETTING.test(b.operationId)));
  });
  afterAll(async () => {
    closeConnections();
    await target?.stop();
  });

  it('no operation answers a hostile request with a 5xx or a 4xx that is not problem+json, and the process lives', async () => {
    const findings: Finding[] = [];
    const counts = { operations: 0, variants: 0, requests: 0, serverErrors: 0, notProblems: 0, closedOversized: 0 };
    const byStatus = new Map<number, number>();
    const durations: [string, number][] = [];

    // Tokens are signed afresh for each operation's batch: one that signs its caller out everywhere stops only itself.
    let tokens: Partial<Record<CallerName, string>> = {};
    const tokenOf = async (caller: CallerName) => (tokens[caller] ??= (await target.authorization(caller)) ?? '');
    const deliver = async (request: HostileRequest, caller: CallerName) => {
      const authorization = request.authorization ?? (await tokenOf(caller));
      counts.requests++;
      try {
        const answer = await send(target.url, request, authorization || undefined);
        byStatus.set(answer.status, (byStatus.get(answer.status) ?? 0) + 1);
        const problem = judge(answer);
        if (answer.status >= 500) counts.serverErrors++;
        else if (problem) counts.notProblems++;
        if (problem) {
          findings.push({
            operationId: request.operationId,
            variant: request.variant,
            caller,
            problem,
            status: answer.status,
            body: answer.body.slice(0, 300),
          });
        }
        return answer;
      } catch (error) {
        if (request.oversized) counts.closedOversized++;
        else
          findings.push({
            operationId: request.operationId,
            variant: request.variant,
            caller,
            problem: `no answer: ${(error as Error).message}`,
          });
        return undefined;
      }
    };

    const context = { ids: target.ids, headerValues: { 'X-Hold-Token': target.holdToken } };
    for (const operation of operations) {
      counts.operations++;
      tokens = {};
      const started = Date.now();
      // The caller the operation needs: the first whose valid request gets past sign-in and role.
      let caller: CallerName = 'anonymous';
      if (operation.protected) {
        caller = 'admin';
        for (const candidate of ['admin', 'boxoffice', 'customer'] as const) {
          const probe = variantsOf(operation, context).next().value!;
          const answer = await deliver(probe, candidate);
          if (answer && answer.status !== 401 && answer.status !== 403) {
            caller = candidate;
            break;
          }
        }
      }
      // Anonymous too, where the operation wants a caller: field-by-field variants only as the caller, since a
      // stranger's request is refused before its fields matter (test/integration/access/guard-order.test.ts).
      const sends = function* () {
        for (const request of variantsOf(operation, context)) {
          counts.variants++;
          yield { request, who: caller };
          if (caller !== 'anonymous' && !request.field) yield { request, who: 'anonymous' as const };
        }
      };
      await eachConcurrently(sends(), CONCURRENCY, ({ request, who }) => deliver(request, who).then(() => {}));
      durations.push([operation.operationId, Date.now() - started]);
      if (!(await target.healthy())) {
        findings.push({
          operationId: operation.operationId,
          variant: '(after its batch)',
          caller,
          problem: '/healthz did not answer 200',
        });
        break;
      }
    }

    const statuses = [...byStatus.entries()].sort(([a], [b]) => a - b).map(([status, n]) => `${status}×${n}`);
    console.log(
      `hostile input: ${counts.operations} operations × their variants = ${counts.variants} variants, ` +
        `${counts.requests} requests sent, ${counts.serverErrors} 5xx found, ${counts.notProblems} 4xx not problem+json, ` +
        `${counts.closedOversized} oversized bodies cut off by the server; answers ${statuses.join(' ')}; slowest ` +
        durations
          .sort(([, a], [, b]) => b - a)
          .slice(0, 5)
          .map(([id, ms]) => `${id} ${ms} ms`)
          .join(', '),
    );
    const listed = findings.map(
      (f) => `${f.operationId} · ${f.variant} · as ${f.caller}: ${f.problem}${f.body ? ` — ${f.body}` : ''}`,
    );
    expect(listed).toEqual([]);
  }, 240_000);

  it('memory stays bounded under a stream of 10 MB bodies, with and without Content-Length', async () => {
    const tenMegabytes = Buffer.from(`{"name":"${'a'.repeat(10 * 1024 * 1024)}"}`);
    const admin = (await target.authorization('admin'))!;
    // Half to the mailing webhook (a raw body, no sign-in), the rest to JSON routes, signed in and not, and a GET.
    const webhook = { operationId: 'mailingWebhook', method: 'POST', path: apiPaths.mailingWebhook() };
    const targets: { operationId: string; method: string; path: string; authorization?: string }[] = [
      webhook,
      { operationId: 'createOrder', method: 'POST', path: apiPaths.orders() },
      webhook,
      { operationId: 'createVenue', method: 'POST', path: apiPaths.venues(), authorization: admin },
      webhook,
      { operationId: 'listEvents', method: 'GET', path: apiPaths.events() },
    ];
    const requests = Array.from({ length: 200 }, (_, index) => {
      const to = targets[index % targets.length]!;
      const chunked = Math.floor(index / targets.length) % 2 === 1;
      return {
        request: {
          operationId: to.operationId,
          variant: `10 MB body ${chunked ? 'chunked' : 'with Content-Length'}`,
          method: to.method,
          path: to.path,
          headers: { 'content-type': 'application/json', 'idempotency-key': `hostile-memory-${index}` },
          body: tenMegabytes,
          ...(chunked ? { chunked: true } : {}),
          oversized: true,
        } satisfies HostileRequest,
        authorization: to.authorization,
      };
    });
    const before = rssOf(target.pid);
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, rssOf(target.pid))), 20);
    const findings: string[] = [];
    try {
      await eachConcurrently(requests, CONCURRENCY, async ({ request, authorization }) => {
        try {
          const problem = judge(await send(target.url, request, authorization));
          if (problem) findings.push(`${request.operationId} · ${request.variant}: ${problem}`);
        } catch {
          // cut off by the server after (or instead of) its 413: what a size limit may do
        }
      });
    } finally {
      clearInterval(sampler);
    }
    peak = Math.max(peak, rssOf(target.pid));
    const grewMegabytes = Math.round((peak - before) / (1024 * 1024));
    console.log(
      `hostile input: 200 bodies of 10 MB; the server's rss ${Math.round(before / 1048576)} MB, peak +${grewMegabytes} MB`,
    );
    expect(findings).toEqual([]);
    expect(await target.healthy()).toBe(true);
    expect(grewMegabytes).toBeLessThan(100);
  }, 120_000);
});
