import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../functions/core/errors';
import { LOCAL_PAGES_DIR_ENV, readHarvesterEnv } from '../../functions/harvest/config';

const BASE = {
  TABLE_NAME: 'amif',
  BUCKET_NAME: 'amif-feed',
  PUBLIC_BASE_URL: 'https://feed.example.org/',
  CONTACT_EMAIL: 'data@example.fi',
};

describe('Harvester environment: the local pages seam', () => {
  it('is read outside Lambda (npm run invoke-local, the end-to-end test)', () => {
    expect(readHarvesterEnv({ ...BASE, [LOCAL_PAGES_DIR_ENV]: '/tmp/pages' })[LOCAL_PAGES_DIR_ENV]).toBe(
      '/tmp/pages',
    );
    expect(readHarvesterEnv(BASE)[LOCAL_PAGES_DIR_ENV]).toBeUndefined();
  });

  it('is refused by a function running in Lambda, which must read the live pages', () => {
    const inLambda = { ...BASE, AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x' };
    expect(readHarvesterEnv(inLambda)[LOCAL_PAGES_DIR_ENV]).toBeUndefined();
    expect(() => readHarvesterEnv({ ...inLambda, [LOCAL_PAGES_DIR_ENV]: '/tmp/pages' })).toThrow(ConfigError);
    expect(() => readHarvesterEnv({ ...inLambda, [LOCAL_PAGES_DIR_ENV]: '/tmp/pages' })).toThrow(
      'harvester environment is invalid: AMIF_LOCAL_PAGES_DIR is for local invocations only, found it set in Lambda ' +
        '(AWS_Lambda_nodejs24.x); remove it so the function reads the live pages',
    );
  });
});
