import { describe, expect, it } from 'vitest';
import { md4, Rc4, rc4 } from '../../../src/auth/ntlm/index.js';

describe('md4 (RFC 1320 appendix A.5 test suite)', () => {
  const vectors: [string, string][] = [
    ['', '31d6cfe0d16ae931b73c59d7e0c089c0'],
    ['a', 'bde52cb31de33e46245e05fbdbd6fb24'],
    ['abc', 'a448017aaf21d8525fc10ae87aa6729d'],
    ['message digest', 'd9130a8164549fe818874806e1c7014b'],
    ['abcdefghijklmnopqrstuvwxyz', 'd79e1c308aa5bbcdeea8ed63df412da9'],
    ['ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', '043f8582f241db351ce627e153e7f0e4'],
    ['1234567890'.repeat(8), 'e33b4ddc9c38f2199c3e7b164fcc0536'],
  ];
  for (const [input, digest] of vectors) {
    it(`MD4("${input.length > 20 ? `${input.slice(0, 20)}…` : input}")`, () => {
      expect(md4(Buffer.from(input, 'latin1')).toString('hex')).toBe(digest);
    });
  }

  it('pads across a block boundary (55, 56 and 64 bytes differ)', () => {
    const digests = [55, 56, 63, 64, 65].map((n) => md4(Buffer.alloc(n, 0x61)).toString('hex'));
    expect(new Set(digests).size).toBe(5);
  });

  it('gives the NT hash of "Password" of MS-NLMP 4.2.2.1.2', () => {
    expect(md4(Buffer.from('Password', 'utf16le')).toString('hex')).toBe('a4f49c406510bdcab6824ee7c30fd852');
  });
});

describe('rc4', () => {
  it('matches the well-known ARCFOUR vectors', () => {
    expect(rc4(Buffer.from('Key'), Buffer.from('Plaintext')).toString('hex')).toBe('bbf316e8d940af0ad3');
    expect(rc4(Buffer.from('Wiki'), Buffer.from('pedia')).toString('hex')).toBe('1021bf0420');
    expect(rc4(Buffer.from('Secret'), Buffer.from('Attack at dawn')).toString('hex')).toBe('45a01f645fc35b383552544b9bf5');
  });

  it('continues its key stream across calls', () => {
    const cipher = new Rc4(Buffer.from('Key'));
    const split = Buffer.concat([cipher.transform(Buffer.from('Plain')), cipher.transform(Buffer.from('text'))]);
    expect(split.toString('hex')).toBe('bbf316e8d940af0ad3');
  });

  it('refuses an empty key', () => {
    expect(() => new Rc4(Buffer.alloc(0))).toThrow(RangeError);
  });
});
