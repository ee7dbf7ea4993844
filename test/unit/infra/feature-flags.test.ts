// cdk.json sets every feature flag aws-cdk-lib currently recommends, each to its recommended value (what `cdk init`
// would write for this version), so the estate gets the safer defaults a new project gets. Upgrading aws-cdk-lib
// makes this fail when it recommends a new flag: add it to cdk.json, and fix what it changes in the template.
import { CURRENTLY_RECOMMENDED_FLAGS } from 'aws-cdk-lib/cx-api';
import { describe, expect, it } from 'vitest';
import { cdkContext } from './synth.ts';

describe('cdk.json', () => {
  it('sets each currently recommended feature flag to its recommended value', () => {
    const flags = Object.entries(CURRENTLY_RECOMMENDED_FLAGS);
    expect(flags.length).toBeGreaterThan(50);
    const missingOrDifferent = flags
      .filter(([flag, value]) => JSON.stringify(cdkContext[flag]) !== JSON.stringify(value))
      .map(([flag, value]) => `${flag}: ${JSON.stringify(cdkContext[flag])}, recommended ${JSON.stringify(value)}`);
    expect(missingOrDifferent).toEqual([]);
  });
});
