import { cidrEnd, cidrSize, contains, formatAddress, formatCidr, mustParseCidr, nextFree, overlaps, parseCidr, subdivide } from '../lib/cidr';

const c = mustParseCidr;

describe('parseCidr', () => {
  test.each([
    ['10.0.0.0/8', 10 * 2 ** 24, 8],
    ['0.0.0.0/0', 0, 0],
    ['255.255.255.255/32', 2 ** 32 - 1, 32],
    ['192.168.16.0/20', 192 * 2 ** 24 + 168 * 2 ** 16 + 16 * 256, 20],
  ])('parses %s to address %d and prefix %d', (text, address, prefix) => {
    expect(parseCidr(text)).toEqual({ ok: true, cidr: { address, prefix } });
  });

  test.each([
    ['10.0.0/8', 'malformed'],
    ['10.0.0.0', 'malformed'],
    ['10.0.0.0/', 'malformed'],
    [' 10.0.0.0/8', 'malformed'],
    ['10.0.0.256/32', 'octet-range'],
    ['300.0.0.0/8', 'octet-range'],
    ['10.0.0.0/33', 'prefix-range'],
    ['10.1.0.5/16', 'host-bits'],
    ['10.0.0.1/8', 'host-bits'],
  ])('rejects %s as %s', (text, reason) => {
    expect(parseCidr(text)).toMatchObject({ ok: false, reason });
  });

  it('names the block a CIDR with host bits belongs to', () => {
    const result = parseCidr('10.1.200.5/16');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.nearest && formatCidr(result.nearest)).toBe('10.1.0.0/16');
  });

  it('throws from mustParseCidr on an invalid CIDR', () => {
    expect(() => mustParseCidr('10.0.0.1/8')).toThrow('host-bits');
  });
});

describe('formatting', () => {
  test.each([
    [0, '0.0.0.0'],
    [2 ** 32 - 1, '255.255.255.255'],
    [10 * 2 ** 24 + 256 + 7, '10.0.1.7'],
  ])('formats address %d as %s', (address, text) => {
    expect(formatAddress(address)).toBe(text);
  });

  test.each(['10.0.0.0/8', '172.16.0.0/12', '192.168.255.128/25', '0.0.0.0/0'])('round-trips %s', (text) => {
    expect(formatCidr(c(text))).toBe(text);
  });

  test.each([
    ['10.0.0.0/8', 2 ** 24, '10.255.255.255'],
    ['10.0.16.0/20', 4096, '10.0.31.255'],
    ['10.0.0.7/32', 1, '10.0.0.7'],
  ])('%s holds %d addresses and ends at %s', (text, size, end) => {
    expect(cidrSize(c(text))).toBe(size);
    expect(formatAddress(cidrEnd(c(text)))).toBe(end);
  });
});

describe('contains and overlaps', () => {
  test.each([
    ['10.0.0.0/8', '10.1.0.0/16', true],
    ['10.0.0.0/8', '10.0.0.0/8', true],
    ['10.0.0.0/16', '10.0.0.0/8', false],
    ['10.0.0.0/8', '11.0.0.0/16', false],
    ['10.0.0.0/20', '10.0.15.0/24', true],
    ['10.0.0.0/20', '10.0.16.0/24', false],
  ])('contains(%s, %s) is %s', (outer, inner, expected) => {
    expect(contains(c(outer), c(inner))).toBe(expected);
  });

  test.each([
    ['10.0.0.0/16', '10.0.255.0/24', true],
    ['10.0.255.0/24', '10.0.0.0/16', true],
    ['10.0.0.0/16', '10.1.0.0/16', false],
    ['10.0.0.0/20', '10.0.16.0/20', false],
    ['10.1.0.0/16', '10.1.0.0/17', true],
    ['10.0.0.0/32', '10.0.0.0/32', true],
    ['10.0.0.0/32', '10.0.0.1/32', false],
  ])('overlaps(%s, %s) is %s', (a, b, expected) => {
    expect(overlaps(c(a), c(b))).toBe(expected);
  });
});

describe('subdivide', () => {
  test.each([
    ['10.0.0.0/16', 20, 0, '10.0.0.0/20'],
    ['10.0.0.0/16', 20, 15, '10.0.240.0/20'],
    ['10.0.16.0/20', 24, 1, '10.0.17.0/24'],
    ['10.0.0.0/8', 8, 0, '10.0.0.0/8'],
  ])('carves %s into /%d blocks: block %d is %s', (parent, prefix, index, expected) => {
    expect(formatCidr(subdivide(c(parent), prefix, index))).toBe(expected);
  });

  test.each([
    ['10.0.0.0/16', 20, 16],
    ['10.0.0.0/16', 20, -1],
    ['10.0.0.0/16', 12, 0],
    ['10.0.0.0/16', 33, 0],
  ])('refuses to carve %s into /%d at index %d', (parent, prefix, index) => {
    expect(() => subdivide(c(parent), prefix, index)).toThrow();
  });
});

describe('nextFree', () => {
  test.each([
    ['an empty supernet', '10.0.0.0/16', 20, [], '10.0.0.0/20'],
    ['after the first block', '10.0.0.0/16', 20, ['10.0.0.0/20'], '10.0.16.0/20'],
    ['a gap between taken blocks', '10.0.0.0/16', 20, ['10.0.0.0/20', '10.0.32.0/20'], '10.0.16.0/20'],
    ['past a large block', '10.0.0.0/16', 20, ['10.0.0.0/18'], '10.0.64.0/20'],
    ['aligned past a small block', '10.0.0.0/16', 20, ['10.0.0.0/24'], '10.0.16.0/20'],
    ['past unsorted blocks', '10.0.0.0/16', 20, ['10.0.16.0/20', '10.0.0.0/20'], '10.0.32.0/20'],
    ['past a block that starts earlier and ends later', '10.0.0.0/16', 22, ['10.0.0.0/19', '10.0.4.0/22'], '10.0.32.0/22'],
    ['ignoring blocks outside the supernet', '10.0.0.0/16', 20, ['10.1.0.0/16'], '10.0.0.0/20'],
    ['inside an offset supernet', '10.4.0.0/14', 16, ['10.4.0.0/16'], '10.5.0.0/16'],
  ])('finds %s', (_name, within, prefix, taken, expected) => {
    const found = nextFree(c(within), prefix, taken.map(c));
    expect(found && formatCidr(found)).toBe(expected);
  });

  test.each([
    ['a full supernet', '10.0.0.0/16', 20, Array.from({ length: 16 }, (_, i) => `10.0.${i * 16}.0/20`)],
    ['a block larger than the supernet', '10.0.0.0/20', 16, []],
    ['a supernet covered by one block', '10.0.0.0/16', 24, ['10.0.0.0/8']],
    ['the last slot taken by a small block', '10.0.0.0/19', 20, ['10.0.0.0/20', '10.0.31.0/24']],
  ])('returns undefined for %s', (_name, within, prefix, taken) => {
    expect(nextFree(c(within), prefix, taken.map(c))).toBeUndefined();
  });

  it('finds the top block of the whole address space', () => {
    const found = nextFree(c('0.0.0.0/0'), 1, [c('0.0.0.0/1')]);
    expect(found && formatCidr(found)).toBe('128.0.0.0/1');
  });
});
