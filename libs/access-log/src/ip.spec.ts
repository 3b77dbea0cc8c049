import { containsIpAddress, normalizeClientIp, parseIpFilter } from './ip';

describe('client addresses', () => {
  it.each([
    ['203.0.113.7', '203.0.113.7'],
    ['::ffff:127.0.0.1', '127.0.0.1'], // IPv4 through a dual-stack socket
    ['::FFFF:203.0.113.7', '203.0.113.7'],
    ['::ffff:cb00:7107', '203.0.113.7'], // the same in hex
    ['::1', '::1'],
    ['2001:DB8::1', '2001:db8::1'],
    ['fe80::1%eth0', 'fe80::1'], // zone ids are not stored
    [' 203.0.113.7 ', '203.0.113.7'],
    ['not-an-address', null],
    ['203.0.113.256', null],
    ['203.0.113.7:8080', null],
    ['', null],
    [undefined, null],
  ])('%s -> %s', (input, expected) => {
    expect(normalizeClientIp(input)).toBe(expected);
  });
});

describe('search filters for addresses', () => {
  it.each([
    ['203.0.113.7', '203.0.113.7'],
    ['203.0.113.0/24', '203.0.113.0/24'],
    ['203.0.113.9/24', '203.0.113.9/24'], // PostgreSQL's <<= uses the network part
    ['0.0.0.0/0', '0.0.0.0/0'],
    ['2001:DB8::/32', '2001:db8::/32'],
    ['::ffff:203.0.113.7', '203.0.113.7'],
    ['203.0.113.0/33', null],
    ['2001:db8::/129', null],
    ['203.0.113.0/', null],
    ['203.0.113.0/24/8', null],
    ['203.0.113.0/-1', null],
    ['::ffff:203.0.113.0/120', null],
    ['fe80::1%eth0', null],
    ['example.com', null],
  ])('%s -> %s', (input, expected) => {
    expect(parseIpFilter(input)).toBe(expected);
  });
});

describe('addresses in free text', () => {
  it.each([
    ['Repeated failed logins from 203.0.113.7 against the tenant', true],
    ['Traffic from 203.0.113.0/24 at night', true],
    ['the proxy (203.0.113.7:443) logged it', true],
    ['address 2001:db8::1, per the report', true],
    ['[2001:db8::1]:443 was seen', true],
    ['ends with an address 203.0.113.7.', true],
    ['Tenant reported suspicious logins on 2026-11-24 at 12:30', false],
    ['Ticket SEC-4411: credential stuffing suspected, version 1.2.3', false],
    ['Note:: follow up with the controller', false],
  ])('%s -> %s', (text, expected) => {
    expect(containsIpAddress(text)).toBe(expected);
  });
});
