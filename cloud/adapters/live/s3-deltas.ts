// live deltas in AWS (issue 20): the delta documents and each event's head as objects of a private bucket, at the
// API's own paths (`v1/events/<id>/live/head`, `…/live/deltas/<version>`), which CloudFront serves through origin
// access control (infra: cloud/infra/live-deltas.ts), with the cache-control the API's routes give: a document a year
// (immutable), a head a second. The fan-out function writes (append); the API reads (the snapshot's liveVersion).
//
// More than one fan-out may write an event at once, so a version is claimed with S3's conditional write: a document is
// put with `If-None-Match: *`, and a 412 means another writer has that version; this one reads that document, goes on
// from it, and claims the next (or, that second having its document, leaves the changes for the next second). No
// version is ever written twice, and none is skipped: a writer claims only the version after one that exists. The
// head is written after its document, conditionally on the head read (`If-Match` its ETag), so it never moves back;
// one left behind (a writer stopped between the two writes) is carried on by the next writer, who finds the document.
// The numbering lives in the head, so a restarted writer never reuses a version: heads are kept (the bucket's
// lifecycle deletes only objects tagged as documents, a day after they were written). An event without a head has
// no documents: its head reads as version 0, and its first document is version 1, previous 0.
import { GetObjectCommand, PutObjectCommand, S3ServiceException, type S3Client } from '@aws-sdk/client-s3';
import { z } from 'zod';
import { LIVE_DELTA_CACHE, LIVE_DELTA_TAG, LIVE_HEAD_CACHE, LiveDelta, LiveHead } from '../../contract/index.ts';
import { shopPaths } from '../../contract/shop-routes.ts';
import {
  advanceWindow,
  deltaLookup,
  type DeltaWindow,
  mayWriteDelta,
  secondOf,
} from '../../domain/live/delta-versions.ts';
import type { DeltaHead, LiveDeltaReader, LiveDeltaStore } from '../../services/live-deltas/delta-store.ts';
import { deltaChanges } from '../../services/live-deltas/delta-store.ts';

/** An event without a head: no documents yet (its first is version 1). */
export const EMPTY_HEAD: DeltaHead = { version: 0, oldest: 1 };

/** Object keys: the API's paths without the leading slash, so CloudFront's path is the key. */
export const liveHeadKey = (eventId: string) => shopPaths.liveHead(eventId).slice(1);
export const liveDeltaKey = (eventId: string, version: number) =>
  shopPaths.liveDelta(eventId, String(version)).slice(1);

/** A head as stored: what the shop reads (LiveHead; `generatedAt` is its newest document's second) and the window. */
const StoredHead = LiveHead.extend({
  window: z.object({ oldestSecond: z.int(), mark: z.int(), markSecond: z.int() }),
});
type StoredHead = z.infer<typeof StoredHead>;

/** Where a writer is in an event's chain: the newest version it knows to exist, its second, the kept window. */
interface Chain {
  version: number;
  lastSecond: number | null;
  window: DeltaWindow | null;
}

const EMPTY_CHAIN: Chain = { version: 0, lastSecond: null, window: null };

const chainOf = (head: StoredHead): Chain => ({
  version: head.version,
  lastSecond: secondOf(new Date(head.generatedAt)),
  window: { oldest: head.oldest, ...head.window },
});

const after = (chain: Chain, document: LiveDelta): Chain => {
  const second = secondOf(new Date(document.at));
  return {
    version: document.version,
    lastSecond: second,
    window: advanceWindow(chain.window, document.version, second),
  };
};

const storedHead = (eventId: string, chain: Chain): StoredHead => {
  const { oldest, ...window } = chain.window!;
  return {
    eventId,
    version: chain.version,
    oldest,
    generatedAt: new Date(chain.lastSecond! * 1000).toISOString(),
    window,
  };
};

const statusOf = (error: unknown) => (error instanceof S3ServiceException ? error.$metadata.httpStatusCode : undefined);

/** A conditional write that lost: the key exists (412), another conditional write to it is in flight (409), or the
 * object an `If-Match` named is gone (404). */
const lostCondition = (error: unknown) => [412, 409, 404].includes(statusOf(error) ?? 0);

export interface S3LiveDeltaOptions {
  /** How long a head read is reused by `head()` (the API's snapshots: as long as the CDN keeps it); 0: never. */
  headMaxAgeMs?: number;
  /** Versions tried before a write leaves its changes for the next second. */
  claimTries?: number;
  now?: () => number;
}

/** The reading side (the API): heads and documents, never a write. */
export class S3LiveDeltaReads implements LiveDeltaReader {
  private readonly heads = new Map<string, { until: number; head: Promise<DeltaHead> }>();

  constructor(
    protected readonly s3: S3Client,
    protected readonly bucket: string,
    protected readonly options: S3LiveDeltaOptions = {},
  ) {}

  head(eventId: string): Promise<DeltaHead> {
    const maxAge = this.options.headMaxAgeMs ?? 0;
    const read = () =>
      this.readHead(eventId).then((stored) =>
        stored ? { version: stored.head.version, oldest: stored.head.oldest } : EMPTY_HEAD,
      );
    if (maxAge <= 0) return read();
    const now = (this.options.now ?? Date.now)();
    const cached = this.heads.get(eventId);
    if (cached && cached.until > now) return cached.head;
    // Bounded: many events' heads within a second are a few thousand entries at most; start over past that.
    if (this.heads.size >= 10_000) this.heads.clear();
    const head = read();
    this.heads.set(eventId, { until: now + maxAge, head });
    head.catch(() => this.heads.delete(eventId));
    return head;
  }

  /** This store as a reader only (what the API is given: it never writes). */
  reads(): LiveDeltaReader {
    return { head: (eventId) => this.head(eventId), get: (eventId, version) => this.get(eventId, version) };
  }

  async get(eventId: string, version: number): Promise<LiveDelta | 'gone' | null> {
    const head = await this.head(eventId);
    const found = deltaLookup(version, head.version, head.oldest);
    if (found !== 'kept') return found === 'gone' ? 'gone' : null;
    return (await this.readDocument(eventId, version)) ?? 'gone';
  }

  protected async readHead(eventId: string): Promise<{ head: StoredHead; etag: string } | null> {
    const read = await this.read(liveHeadKey(eventId));
    return read ? { head: StoredHead.parse(JSON.parse(read.text)), etag: read.etag } : null;
  }

  protected async readDocument(eventId: string, version: number): Promise<LiveDelta | null> {
    const read = await this.read(liveDeltaKey(eventId, version));
    return read ? LiveDelta.parse(JSON.parse(read.text)) : null;
  }

  private async read(key: string): Promise<{ text: string; etag: string } | null> {
    try {
      const object = await this.s3.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      return { text: await object.Body!.transformToString(), etag: object.ETag! };
    } catch (error) {
      if (statusOf(error) === 404) return null;
      throw error;
    }
  }
}

/** The writing side (the fan-out): appends documents, claiming each version with a conditional write. */
export class S3LiveDeltaStore extends S3LiveDeltaReads implements LiveDeltaStore {
  async append(eventId: string, now: Date, changes: Pick<LiveDelta, 'changes' | 'ga'>): Promise<LiveDelta | null> {
    const stored = await this.readHead(eventId);
    let chain = stored ? chainOf(stored.head) : EMPTY_CHAIN;
    for (let claim = 0; claim < (this.options.claimTries ?? 3); claim++) {
      if (!mayWriteDelta(chain.version, chain.lastSecond, now)) return null;
      const document: LiveDelta = {
        eventId,
        version: chain.version + 1,
        previous: chain.version,
        at: new Date(secondOf(now) * 1000).toISOString(),
        ...deltaChanges(changes),
      };
      const claimed = await this.put(liveDeltaKey(eventId, document.version), document, LIVE_DELTA_CACHE, {
        IfNoneMatch: '*',
        Tagging: `${LIVE_DELTA_TAG.key}=${LIVE_DELTA_TAG.value}`,
      });
      if (claimed) {
        await this.writeHead(eventId, after(chain, document), stored?.etag ?? null);
        return document;
      }
      // Another writer has this version: go on from its document (a head it has not written yet is no matter).
      const theirs = await this.readDocument(eventId, document.version);
      if (!theirs) return null;
      chain = after(chain, theirs);
    }
    return null;
  }

  /** Moves the head to `chain`, unless a head at or past it is there already; never back. */
  private async writeHead(eventId: string, chain: Chain, etag: string | null): Promise<void> {
    const tries = this.options.claimTries ?? 3;
    for (let attempt = 0; attempt < tries; attempt++) {
      const condition = etag ? { IfMatch: etag } : ({ IfNoneMatch: '*' } as const);
      if (await this.put(liveHeadKey(eventId), storedHead(eventId, chain), LIVE_HEAD_CACHE, condition)) return;
      const current = await this.readHead(eventId);
      if (current && current.head.version >= chain.version) return;
      etag = current?.etag ?? null;
    }
    // The document stands; the next write of the event carries the head on (and the queue retries this batch).
    throw new Error(`live delta head of ${eventId} not moved to ${chain.version} after ${tries} tries`);
  }

  /** A conditional PutObject of JSON; false when its condition failed. */
  private async put(
    key: string,
    body: unknown,
    cacheControl: string,
    condition: { IfNoneMatch: '*'; Tagging?: string } | { IfMatch: string },
  ): Promise<boolean> {
    try {
      await this.s3.send(
        new PutObjectCommand({
          Bucket: this.bucket,
          Key: key,
          Body: JSON.stringify(body),
          ContentType: 'application/json',
          CacheControl: cacheControl,
          ...condition,
        }),
      );
      return true;
    } catch (error) {
      if (lostCondition(error)) return false;
      throw error;
    }
  }
}
