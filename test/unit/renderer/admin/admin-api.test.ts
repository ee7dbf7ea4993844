// The back office's API client: requests built from the route table (encoded parameters, query, bearer token,
// Idempotency-Key on changes), problem+json turned into ProblemError with its fields, a 401 on a signed-in call
// reported to the shell.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AdminApi, ProblemError, pathFor, queryString } from '../../../../renderer/modes/admin/admin-api.ts';

const sent: { url: string; init: RequestInit }[] = [];
function answer(response: () => Response) {
  sent.length = 0;
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit) => {
      sent.push({ url, init });
      return response();
    }),
  );
}
const headersOf = (index = 0) => sent[index]!.init.headers as Record<string, string>;

afterEach(() => vi.unstubAllGlobals());

describe('AdminApi', () => {
  it('builds the path from the route table, encodes parameters and leaves empty query values out', () => {
    expect(pathFor('retryDeadJob', { jobId: 'a/b c' })).toBe('/v1/admin/jobs/a%2Fb%20c/retry');
    expect(() => pathFor('retryDeadJob', {})).toThrow(/jobId/);
    expect(queryString({ q: 'house seat', empty: '', none: undefined, nil: null, limit: 50, tags: ['a', 'b'] })).toBe(
      '?q=house+seat&limit=50&tags=a&tags=b',
    );
    expect(queryString({})).toBe('');
  });

  it('sends the bearer token, JSON, and an Idempotency-Key only on changes', async () => {
    answer(() => Response.json({ jobs: [] }));
    const api = new AdminApi(() => 'token-1');
    expect(await api.call('listDeadJobs')).toEqual({ jobs: [] });
    expect(sent[0]!.url).toBe('/v1/admin/jobs/dead');
    expect(sent[0]!.init.method).toBe('GET');
    expect(headersOf().authorization).toBe('Bearer token-1');
    expect(headersOf()['idempotency-key']).toBeUndefined();

    answer(() => new Response(null, { status: 202 }));
    await api.call('retryDeadJob', { params: { jobId: 'j1' }, body: { note: 'x' } });
    expect(sent[0]!.init.method).toBe('POST');
    expect(headersOf()['content-type']).toBe('application/json');
    expect(headersOf()['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
    expect(sent[0]!.init.body).toBe('{"note":"x"}');
  });

  it('checks the answer with a schema when given one', async () => {
    answer(() => Response.json({ n: 'not a number' }));
    const schema = {
      parse(value: unknown) {
        if (typeof (value as { n?: unknown }).n !== 'number') throw new Error('n must be a number');
        return value as { n: number };
      },
    };
    await expect(new AdminApi(() => null).call('listDeadJobs', {}, schema)).rejects.toThrow('n must be a number');
  });

  it('throws problem+json as a ProblemError that names its fields', async () => {
    answer(() =>
      Response.json(
        {
          type: 'https://ticketboss.dev/problems/validation_failed',
          title: 'The request is not valid',
          status: 400,
          detail: 'to: must be after "from"',
          errors: [{ field: 'to', message: 'must be after "from"' }],
          entries: ['x'],
        },
        { status: 400 },
      ),
    );
    const error = await new AdminApi(() => 't').call('searchAuditLog').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProblemError);
    expect(error).toMatchObject({
      status: 400,
      code: 'validation_failed',
      title: 'The request is not valid',
      detail: 'to: must be after "from"',
      field: 'to',
      fields: [{ field: 'to', message: 'must be after "from"' }],
      entries: ['x'],
    });
  });

  it('tells the shell about a 401 only when the call carried a token (a wrong password is not an expiry)', async () => {
    answer(() => Response.json({ type: 'x/unauthorized', status: 401, detail: 'Sign in' }, { status: 401 }));
    const expired = vi.fn();
    await expect(new AdminApi(() => 'old', expired).call('listDeadJobs')).rejects.toBeInstanceOf(ProblemError);
    expect(expired).toHaveBeenCalledTimes(1);
    const signIn = vi.fn();
    await expect(new AdminApi(() => null, signIn).call('signIn', { body: {} })).rejects.toMatchObject({ status: 401 });
    expect(signIn).not.toHaveBeenCalled();
  });

  it('turns a network failure into a ProblemError the screens can show', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))),
    );
    await expect(new AdminApi(() => null).call('listDeadJobs')).rejects.toMatchObject({
      status: 0,
      detail: expect.stringContaining('could not reach'),
    });
  });
});
