import { describe, expect, it } from 'vitest';
import { OutboundPolicy } from '../../src/outbound/outbound-policy.js';

const lookup = (policy: OutboundPolicy, host: string): Promise<string> => new Promise((resolve) => {
  policy.lookup(host, { all: true }, (error, addresses) => resolve(error ? `refused: ${error.message}` : JSON.stringify(addresses)));
});

describe('outbound policy', () => {
  const strict = new OutboundPolicy([]);

  it.each([
    ['127.0.0.1'], ['10.1.2.3'], ['172.16.0.9'], ['192.168.1.1'], ['169.254.169.254'], ['100.64.0.1'], ['0.0.0.0'],
    ['::1'], ['fc00::1'], ['fe80::1'], ['::ffff:127.0.0.1'], ['224.0.0.1'],
    // IPv4-compatible (::/96, deprecated): what `[::127.0.0.1]` in a URL becomes, and one with a public IPv4.
    ['::7f00:1'], ['::a00:1'], ['::808:808'],
    // Other embeddings of IPv4: NAT64, 6to4, SIIT, Teredo.
    ['64:ff9b::7f00:1'], ['2002:7f00:1::'], ['::ffff:0:7f00:1'], ['2001::1'],
  ])('refuses %s by default', (address) => {
    expect(strict.refusal(address, address)).toMatch(/may not reach/);
  });

  it.each([['8.8.8.8'], ['1.1.1.1'], ['2606:4700:4700::1111']])('allows public %s', (address) => {
    expect(strict.refusal('example.com', address)).toBeNull();
  });

  it('opens named hosts and CIDRs, nothing else', () => {
    const dev = new OutboundPolicy(['127.0.0.1', '10.0.0.0/8', 'webhooks.internal']);
    expect(dev.refusal('127.0.0.1', '127.0.0.1')).toBeNull();
    expect(dev.refusal('x', '10.200.0.1')).toBeNull();
    expect(dev.refusal('webhooks.internal', '192.168.5.5')).toBeNull();
    expect(dev.refusal('other', '192.168.5.5')).toMatch(/private/);
    expect(dev.refusal('x', '127.0.0.2')).toMatch(/loopback/);
  });

  it('checks IP-literal hosts, which sockets connect to without a lookup', () => {
    expect(strict.refusalForHost('[::1]')).toMatch(/loopback/);
    expect(strict.refusalForHost(new URL('http://[::127.0.0.1]/cb').hostname)).toMatch(/ipv4Compatible/);
    expect(strict.refusalForHost('169.254.169.254')).toMatch(/linkLocal/);
    expect(strict.refusalForHost('example.com')).toBeNull();
  });

  it('refuses a host name that resolves to loopback, after resolution', async () => {
    expect(await lookup(strict, 'localhost')).toMatch(/^refused: localhost resolves to/);
    expect(await lookup(new OutboundPolicy(['localhost']), 'localhost')).toMatch(/127\.0\.0\.1|::1/);
  });

  it('reaches only its allowed hosts and ranges when asked to, without looking other names up', async () => {
    const offline = new OutboundPolicy(['127.0.0.1', 'stand-in.test'], { reason: 'offline run' });
    expect(offline.refusal('127.0.0.1', '127.0.0.1')).toBeNull();
    expect(offline.refusal('example.com', '8.8.8.8')).toBe('example.com: offline run');
    expect(offline.refusalForHost('8.8.8.8')).toBe('8.8.8.8: offline run');
    // No DNS here (and none wanted): the refusal comes before any lookup.
    expect(await lookup(offline, 'no-such-host.invalid')).toBe('refused: no-such-host.invalid: offline run');
    expect(await lookup(offline, 'example.com')).toBe('refused: example.com: offline run');
    const standInOnly = new OutboundPolicy(['127.0.0.1'], { reason: 'offline run', origins: ['http://127.0.0.1:4100'] });
    expect(standInOnly.refusalForUrl('http://127.0.0.1:4100/hook?x=1')).toBeNull();
    expect(standInOnly.refusalForUrl('http://127.0.0.1:3000/hook')).toBe('http://127.0.0.1:3000: offline run');
    expect(strict.refusalForUrl('http://[::1]:8080/x')).toMatch(/loopback/);
  });
});
