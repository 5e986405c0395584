/**
 * MS-NLMP 4.2.4 (NTLMv2 authentication) and the Office Communicator 2007 R2 exchange recorded by
 * pidgin-sipe (values only): user "User", domain "COSMO", password "Pa$$word".
 */
import { describe, expect, it } from 'vitest';
import {
  connectionlessMac,
  createNtlmAuthenticate,
  createNtlmChallenge,
  deriveSessionKeys,
  macWithHandle,
  negotiateClientFlags,
  ntowfV2,
  parseAuthenticateMessage,
  parseAvPairs,
  parseChallengeMessage,
  avPairText,
  AvId,
  Rc4,
  verifyNtlmAuthenticate,
  NtlmFlag,
} from '../../../src/auth/ntlm/index.js';
import { ManualClock } from '../../../src/util/index.js';

const hex = (text: string): Buffer => Buffer.from(text.replace(/\s+/g, ''), 'hex');

// 4.2.4.3: the CHALLENGE_MESSAGE.
const SPEC_CHALLENGE = hex(`
  4e544c4d53535000 02000000 0c000c0038000000 33828ae2 0123456789abcdef 0000000000000000
  2400240044000000 060070170000000f 53006500720076006500720002000c0044006f006d00610069006e00
  01000c0053006500720076006500720000000000`);

// 4.2.4.3: the AUTHENTICATE_MESSAGE (time 0, client challenge aa…, random session key 55…).
const SPEC_AUTHENTICATE = hex(`
  4e544c4d5353500003000000180018006c00000054005400840000000c000c00480000000800080054000000
  100010005c00000010001000d8000000358288e20501280a0000000f44006f006d00610069006e0055007300
  6500720043004f004d005000550054004500520086c35097ac9cec102554764a57cccc19aaaaaaaaaaaaaaaa
  68cd0ab851e51c96aabc927bebef6a1c01010000000000000000000000000000aaaaaaaaaaaaaaaa00000000
  02000c0044006f006d00610069006e0001000c005300650072007600650072000000000000000000
  c5dad2544fc9799094ce1ce90bc9d03e`);

/** FILETIME 0 is 1601-01-01. */
const TIME_ZERO_MS = -11_644_473_600_000;

function scriptedRandom(): (size: number) => Buffer {
  return (size) => Buffer.alloc(size, size === 8 ? 0xaa : 0x55);
}

describe('MS-NLMP 4.2.4 NTLMv2', () => {
  it('parses the CHALLENGE_MESSAGE', () => {
    const challenge = parseChallengeMessage(SPEC_CHALLENGE);
    expect(challenge.flags).toBe(0xe28a8233);
    expect(challenge.serverChallenge.toString('hex')).toBe('0123456789abcdef');
    expect(challenge.targetName).toBe('Server');
    const pairs = parseAvPairs(challenge.targetInfo);
    expect(avPairText(pairs, AvId.NB_DOMAIN_NAME)).toBe('Domain');
    expect(avPairText(pairs, AvId.NB_COMPUTER_NAME)).toBe('Server');
  });

  it('NTOWFv2 is 0c868a403bfd7a93a3001ef22ef02e3f', () => {
    expect(ntowfV2('Password', 'User', 'Domain').toString('hex')).toBe('0c868a403bfd7a93a3001ef22ef02e3f');
  });

  it('negotiates the flags of the published AUTHENTICATE_MESSAGE', () => {
    expect(negotiateClientFlags(0xe28a8233)).toBe(0xe2888235);
  });

  it('builds the published AUTHENTICATE_MESSAGE, NTProofStr and keys', () => {
    const result = createNtlmAuthenticate(
      parseChallengeMessage(SPEC_CHALLENGE),
      { user: 'User', domain: 'Domain', password: 'Password', workstation: 'COMPUTER' },
      { clock: new ManualClock(TIME_ZERO_MS), random: scriptedRandom(), version: { major: 5, minor: 1, build: 2600 } },
    );
    expect(result.ntProofStr.toString('hex')).toBe('68cd0ab851e51c96aabc927bebef6a1c');
    expect(result.sessionBaseKey.toString('hex')).toBe('8de40ccadbc14a82f15cb0ad0de95ca3');
    expect(result.exportedSessionKey.toString('hex')).toBe('55'.repeat(16));
    expect(result.message.toString('hex')).toBe(SPEC_AUTHENTICATE.toString('hex'));
    const parsed = parseAuthenticateMessage(result.message);
    expect(parsed).toMatchObject({ user: 'User', domain: 'Domain', workstation: 'COMPUTER', flags: 0xe2888235 });
    expect(parsed.encryptedRandomSessionKey.toString('hex')).toBe('c5dad2544fc9799094ce1ce90bc9d03e');
  });

  it('derives the signing and sealing keys of the example', () => {
    const keys = deriveSessionKeys(0xe2888235, Buffer.alloc(16, 0x55));
    expect(keys.clientToServer.signingKey.toString('hex')).toBe('4788dc861b4782f35d43fd98fe1a2d39');
    expect(keys.serverToClient.signingKey.toString('hex')).toBe('d04d6f10741041d1d246d64188d7a8ad');
    expect(keys.clientToServer.sealingKey.toString('hex')).toBe('59f600973cc4960a25480a7c196e4c58');
    expect(keys.serverToClient.sealingKey.toString('hex')).toBe('9355f3a957c1583d25c4c2f11e40390e');
  });

  it('4.2.4.4: sealing "Plaintext" with seqnum 0 gives the published data and signature', () => {
    const keys = deriveSessionKeys(0xe2888235, Buffer.alloc(16, 0x55));
    const handle = new Rc4(keys.clientToServer.sealingKey);
    const plaintext = Buffer.from('Plaintext', 'utf16le');
    expect(handle.transform(plaintext).toString('hex')).toBe('54e50165bf1936dc996020c1811b0f06fb5f');
    const signature = macWithHandle(0xe2888235, keys.clientToServer.signingKey, handle, 0, plaintext);
    expect(signature.toString('hex')).toBe('010000007fb38ec5c55d497600000000');
  });

  it('the server side accepts the published AUTHENTICATE_MESSAGE and recovers the exported key', () => {
    const verdict = verifyNtlmAuthenticate(parseChallengeMessage(SPEC_CHALLENGE), SPEC_AUTHENTICATE, (user, domain) =>
      (user === 'User' && domain === 'Domain' ? 'Password' : undefined));
    expect(verdict.ok).toBe(true);
    if (!verdict.ok) return;
    expect(verdict.exportedSessionKey.toString('hex')).toBe('55'.repeat(16));
    expect(verdict.user).toBe('User');
  });

  it('the server side refuses a wrong password, an unknown user and another challenge', () => {
    const challenge = parseChallengeMessage(SPEC_CHALLENGE);
    expect(verifyNtlmAuthenticate(challenge, SPEC_AUTHENTICATE, () => 'password')).toMatchObject({
      ok: false,
      reason: 'wrong-password',
      detail: 'wrong password for user "Domain\\User"',
    });
    expect(verifyNtlmAuthenticate(challenge, SPEC_AUTHENTICATE, () => undefined)).toMatchObject({ ok: false, reason: 'unknown-user' });
    const other = { ...challenge, serverChallenge: hex('0123456789abcdee') };
    expect(verifyNtlmAuthenticate(other, SPEC_AUTHENTICATE, () => 'Password')).toMatchObject({ ok: false, reason: 'wrong-password' });
    expect(verifyNtlmAuthenticate(challenge, SPEC_AUTHENTICATE.subarray(0, 40), () => 'Password')).toMatchObject({ ok: false, reason: 'malformed' });
  });
});

describe('Office Communicator 2007 R2 against OCS 2007 R2 (SIP, connectionless, seqnum 100)', () => {
  const type2 = hex(`4E544C4D53535000020000000000000038000000F38298E2DD1BAAF4E7E218D1000000000000000096009600
    380000000502CE0E0000000F02000A0043004F0053004D004F000100180043004F0053004D004F002D004F00430053002D005200
    32000400160063006F0073006D006F002E006C006F00630061006C000300300063006F0073006D006F002D006F00630073002D00
    720032002E0063006F0073006D006F002E006C006F00630061006C000500160063006F0073006D006F002E006C006F0063006100
    6C0000000000`);
  const type3 = Buffer.from(
    'TlRMTVNTUAADAAAAGAAYAHIAAADGAMYAigAAAAoACgBIAAAACAAIAFIAAAAYABgAWgAAABAAEABQAQAAVYKYYgUCzg4AAAAPQwBPAFMATQBPAFUAcwBlAHIAQwBPAFMATQBPAC0ATwBDAFMALQBSADIAoeku/k4Hi/fFwASazGFmwtauh1yw/apBjcDIAK527KYG0rn769BHMQEBAAAAAAAAWVGaFye5ygHWrodcsP2qQQAAAAACAAoAQwBPAFMATQBPAAEAGABDAE8AUwBNAE8ALQBPAEMAUwAtAFIAMgAEABYAYwBvAHMAbQBvAC4AbABvAGMAYQBsAAMAMABjAG8AcwBtAG8ALQBvAGMAcwAtAHIAMgAuAGMAbwBzAG0AbwAuAGwAbwBjAGEAbAAFABYAYwBvAHMAbQBvAC4AbABvAGMAYQBsAAAAAAAAAAAAMctznhyoCkmFkeiueXEV5A==',
    'base64',
  );
  const requestBuffer = '<NTLM><13317733><1><SIP Communications Service><cosmo-ocs-r2.cosmo.local><4037df9284354df39065195bd57a4b14><3><REGISTER><sip:user@cosmo.local><3e49177a52><sip:user@cosmo.local><><><><>';
  const responseBuffer = '<NTLM><9616454F><1><SIP Communications Service><cosmo-ocs-r2.cosmo.local><4037df9284354df39065195bd57a4b14><3><REGISTER><sip:user@cosmo.local><3e49177a52><sip:user@cosmo.local><5E61CCD925D17E043D9A74835A88F664><><><7200><200>';

  it('verifies the client signature and reproduces the server signature', () => {
    const challenge = parseChallengeMessage(type2);
    expect(challenge.flags & NtlmFlag.DATAGRAM).toBe(NtlmFlag.DATAGRAM);
    const verdict = verifyNtlmAuthenticate(challenge, type3, (user, domain) => (user === 'User' && domain === 'COSMO' ? 'Pa$$word' : undefined));
    expect(verdict.ok).toBe(true);
    if (!verdict.ok) return;
    const server = verdict.context;
    expect(server.verify(Buffer.from(requestBuffer), hex('0100000029618e9651b65a7764000000'), 100)).toBe(true);
    expect(server.verify(Buffer.from(`${requestBuffer} `), hex('0100000029618e9651b65a7764000000'), 100)).toBe(false);
    expect(server.sign(Buffer.from(responseBuffer), 100).toString('hex')).toBe('01000000e615438a917661be64000000');
  });

  it('a client and a server of this implementation agree on keys', () => {
    const clock = new ManualClock(1_700_000_000_000);
    const { message, challenge } = createNtlmChallenge({ netbiosDomain: 'LAB', netbiosComputer: 'FE1', dnsDomain: 'lab.test', clock });
    const parsed = parseChallengeMessage(message);
    expect(parsed).toMatchObject({ flags: challenge.flags, targetName: 'LAB' });
    const client = createNtlmAuthenticate(parsed, { user: 'alice', domain: 'LAB', password: 'secret' }, { clock });
    const verdict = verifyNtlmAuthenticate(challenge, client.message, (user) => (user === 'alice' ? 'secret' : undefined));
    expect(verdict.ok).toBe(true);
    if (!verdict.ok) return;
    const text = Buffer.from('<NTLM><1><2>');
    expect(verdict.context.verify(text, client.context.sign(text, 100), 100)).toBe(true);
    expect(client.context.verify(text, verdict.context.sign(text, 100), 100)).toBe(true);
    // Each direction has its own keys: a client signature is not a server signature.
    expect(client.context.verify(text, client.context.sign(text, 100), 100)).toBe(false);
    expect(connectionlessMac(client.context.flags, deriveSessionKeys(client.context.flags, client.exportedSessionKey).clientToServer, 100, text))
      .toEqual(client.context.sign(text, 100));
  });
});
