// The functions run on the architecture their code asset is built for (issue 15): arm64 (Graviton), which
// `npm run build:lambda` bundles resvg's native module for by default (DEPLOY_ARCH), whatever machine builds. A
// function left on x86_64 would fail at its first ticket image, loading an aarch64 module. The stack is constructed,
// not synthesized (the other infra tests synthesize it): `Architectures` is read from each function's CloudFormation
// resource, as the template will hold it.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { App } from 'aws-cdk-lib';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { LAMBDA_ENTRIES } from '../../../scripts/build-lambda.ts';
import { DEPLOY_ARCH } from '../../../scripts/lambda-native.ts';
import { TicketBossStack } from '../../../cloud/infra/ticketboss-stack.ts';
import { TEST_WEB_ACL_ARN } from './synth.ts';

/** Lambda's name for an arch in Node's words. */
const lambdaArchitecture = { arm64: 'arm64', x64: 'x86_64' } as const;

const work = mkdtempSync(join(tmpdir(), 'ticketboss-cdk-arch-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the functions’ architecture', () => {
  it('is arm64 for every entry, the arch build-lambda bundles for by default', () => {
    const code = join(work, 'lambda');
    mkdirSync(code);
    writeFileSync(join(code, 'api.mjs'), 'export const handler = async () => ({});');
    const stack = new TicketBossStack(new App({ outdir: join(work, 'out') }), 'TicketBoss', {
      env: { account: '123456789012', region: 'eu-west-1' },
      edge: { webAclArn: TEST_WEB_ACL_ARN },
      lambdaCodeDir: code,
      migrationsDir: new URL('../../../cloud/db/migrations/', import.meta.url).pathname,
    });
    const architectures = Object.fromEntries(
      stack.functions.all.map((fn) => {
        const resource = fn.node.defaultChild as CfnFunction;
        return [resource.handler, resource.architectures];
      }),
    );

    expect(DEPLOY_ARCH).toBe('arm64');
    expect(architectures).toEqual(
      Object.fromEntries(LAMBDA_ENTRIES.map((entry) => [`${entry}.handler`, [lambdaArchitecture[DEPLOY_ARCH]]])),
    );
  });
});
