import { describe, expect, it } from 'vitest';
import { forbiddenAddressReason } from '../../functions/adapters/address-policy';

describe('forbiddenAddressReason', () => {
  it('lets public IPv4 and IPv6 addresses through, also inside an IPv4-mapped address', () => {
    for (const address of [
      '8.8.8.8',
      '172.32.0.1',
      '193.166.1.1',
      '2001:4860:4860::8888',
      '::ffff:8.8.8.8',
    ]) {
      expect(forbiddenAddressReason(address), address).toBeNull();
    }
  });

  it('names the range of every address a harvester must not connect to', () => {
    expect(
      Object.fromEntries(
        [
          '0.0.0.0',
          '10.255.0.1',
          '100.64.0.1',
          '127.1.2.3',
          '169.254.169.254',
          '172.16.0.1',
          '192.168.0.1',
          '224.0.0.1',
          '::',
          '::1',
          'fc00::1',
          'fe80::1',
          'ff02::1',
          '::ffff:127.0.0.1',
          '64:ff9b::a00:1',
          '::10.0.0.1',
        ].map((a) => [a, forbiddenAddressReason(a)]),
      ),
    ).toEqual({
      '0.0.0.0': '0.0.0.0 is in the "this network" range 0.0.0.0/8',
      '10.255.0.1': '10.255.0.1 is in the private range 10.0.0.0/8',
      '100.64.0.1': '100.64.0.1 is in the shared (carrier-grade NAT) range 100.64.0.0/10',
      '127.1.2.3': '127.1.2.3 is in the loopback range 127.0.0.0/8',
      '169.254.169.254': '169.254.169.254 is in the link-local range 169.254.0.0/16',
      '172.16.0.1': '172.16.0.1 is in the private range 172.16.0.0/12',
      '192.168.0.1': '192.168.0.1 is in the private range 192.168.0.0/16',
      '224.0.0.1': '224.0.0.1 is in the multicast range 224.0.0.0/4',
      '::': ':: is in the unspecified range ::/128',
      '::1': '::1 is in the loopback range ::1/128',
      'fc00::1': 'fc00::1 is in the unique-local range fc00::/7',
      'fe80::1': 'fe80::1 is in the link-local range fe80::/10',
      'ff02::1': 'ff02::1 is in the multicast range ff00::/8',
      '::ffff:127.0.0.1': '127.0.0.1 is in the loopback range 127.0.0.0/8 (carried in ::ffff:127.0.0.1)',
      '64:ff9b::a00:1': '10.0.0.1 is in the private range 10.0.0.0/8 (carried in 64:ff9b::a00:1)',
      '::10.0.0.1': '::10.0.0.1 is in the IPv4-compatible (deprecated) range ::/96',
    });
  });

  it('refuses what is not an address at all', () => {
    expect(forbiddenAddressReason('intermin.fi')).toBe('"intermin.fi" is not an IP address');
  });
});
