import { App } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { ConfigContextError, readAppConfig } from '../../infra/app-config';

// The contact is required at synth (infra/app-config.ts); these tests are about the listings.
const read = (context: Record<string, unknown>) =>
  readAppConfig(new App({ context: { contactEmail: 'data@example.fi', ...context } }).node);
const FEED = 'https://valtioneuvosto.fi/en/staattiset-feedit-en/-/asset_publisher/00Qguh1GvAiJ/rss';

describe('Infra: -c listingUrls, the Lambda’s LISTING_URLS', () => {
  it('is absent unless given (the Lambda then reads its defaults), and passed on as written when valid', () => {
    expect('listingUrls' in read({})).toBe(false);
    expect(read({ listingUrls: `vn-press-en=${FEED}` }).listingUrls).toBe(`vn-press-en=${FEED}`);
    expect(read({ listingUrls: 'none' }).listingUrls).toBe('none');
    expect(read({ listingUrls: [FEED, 'https://intermin.fi/sv/sok?q=AMIF'] }).listingUrls).toBe(
      `${FEED},https://intermin.fi/sv/sok?q=AMIF`,
    );
  });

  it('stops the synth on an entry that is not https or has a bad id, naming the key', () => {
    expect(() => read({ listingUrls: 'http://intermin.fi/sv/sok?q=AMIF' })).toThrow(ConfigContextError);
    expect(() => read({ listingUrls: `Bad Id=${FEED}` })).toThrow(
      'context listingUrls holds entries that are not "https://…" or "<id>=https://…" ' +
        `(id: lower-case letters, digits and hyphens), or "none": "Bad Id=${FEED}"`,
    );
  });
});
