import { blockContains, blocksOverlap, cidrProblems, parseIpv4Cidr } from '../../lib/constructs/network/cidr';
import { terraformName } from '../../lib/constructs/network/addresses';
import { cidrEnd } from '../../lib/cidr';
import { expr } from './helpers';

const block = (text: string) => {
  const b = parseIpv4Cidr(text);
  if (!b) throw new Error(`test CIDR ${text} does not parse`);
  return b;
};

describe('parseIpv4Cidr', () => {
  it.each([
    ['10.0.0.0/16', 0x0a000000, 0x0a00ffff],
    ['0.0.0.0/0', 0, 0xffffffff],
    ['192.168.1.128/25', 0xc0a80180, 0xc0a801ff],
    ['255.255.255.255/32', 0xffffffff, 0xffffffff],
  ])('reads %s as the range of addresses it names', (text, first, last) => {
    const block = parseIpv4Cidr(text)!;
    expect([block.address, cidrEnd(block), block.prefix]).toEqual([first, last, Number(text.split('/')[1])]);
  });

  it.each(['10.0.0.0', '10.0.0/16', '10.0.0.0/33', '256.0.0.0/8', '010.0.0.0/8', '10.0.0.1/16', ' 10.0.0.0/16', 42])('refuses %p', (text) => {
    expect(parseIpv4Cidr(text)).toBeUndefined();
  });
});

describe('block relations', () => {
  it.each([
    ['10.0.0.0/16', '10.0.255.0/24', true],
    ['10.0.0.0/16', '10.0.0.0/16', true],
    ['10.0.0.0/16', '10.1.0.0/24', false],
    ['10.0.0.0/24', '10.0.0.0/16', false],
  ])('%s contains %s: %p', (outer, inner, expected) => {
    expect(blockContains(block(outer), block(inner))).toBe(expected);
  });

  it.each([
    ['10.0.0.0/16', '10.0.128.0/17', true],
    ['10.0.0.0/17', '10.0.128.0/17', false],
    ['10.0.0.0/8', '10.200.0.0/16', true],
    ['10.1.0.0/16', '10.2.0.0/16', false],
  ])('%s overlaps %s: %p, whichever comes first', (a, b, expected) => {
    expect(blocksOverlap(block(a), block(b))).toBe(expected);
    expect(blocksOverlap(block(b), block(a))).toBe(expected);
  });
});

describe('cidrProblems', () => {
  it.each([
    ['10.1.0.0/16', []],
    [expr('aws_vpc.x.cidr_block'), ['HIPAA_NET_CIDR_TOKEN']],
    ['10.1.0.0', ['HIPAA_NET_CIDR']],
    ['10.1.2.0/16', ['HIPAA_NET_CIDR_ALIGNMENT']],
    ['10.0.0.0/12', ['HIPAA_NET_CIDR_PREFIX']],
    ['10.0.0.0/29', ['HIPAA_NET_CIDR_PREFIX']],
  ])('reports %s as %p', (text, codes) => {
    expect(cidrProblems('cidr', text, 16, 28).map((p) => p.code)).toEqual(codes);
  });

  it('names the aligned block in the fix for host bits', () => {
    expect(cidrProblems('cidr', '10.1.2.0/16', 16, 28)[0].fix).toContain('"10.1.0.0/16"');
  });
});

describe('terraformName', () => {
  it('joins stable keys with underscores and maps hyphens and dots', () => {
    expect(terraformName('acme-health', 'app', 'az0')).toBe('acme_health_app_az0');
    expect(terraformName('acme', 'endpoint', 'ecr.api')).toBe('acme_endpoint_ecr_api');
  });
});
