/**
 * Ejection over real TLS on loopback reproduces MS-CONFIM 4.3.1 message for message: per
 * connection, the same methods and statuses in the same order, the same key headers and body
 * elements (seed msgs 1–17).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestLab, type TestLab } from './test-lab.js';
import { setUpConference, type Conference } from './conference-setup.js';
import { ejectCarol } from './eject-driver.js';
import { fromLive, readSeed, shapeOf, versionOf } from './seed-flow.js';

describe('lab focus ejection vs the MS-CONFIM 4.3.1 seed', () => {
  let lab: TestLab;
  let conf: Conference;

  beforeAll(async () => {
    lab = await startTestLab();
    conf = await setUpConference(lab.address);
  });
  afterAll(async () => {
    await conf?.close();
    await lab?.lab.stop();
  });

  it('sends each connection the seed\'s messages in the seed\'s order', async () => {
    const flow = await ejectCarol(conf);
    const seed = readSeed();
    expect(seed).toHaveLength(17);
    for (const member of conf.members) {
      const user = member.client.user;
      const expected = seed.filter((m) => m.fromServer && m.connectionOf === user);
      const live = member.client.inbox.slice(flow.marks[user]).map((r) => fromLive(r.message, r.raw));
      const liveBase = Math.min(...live.map((m) => versionOf(m.body) ?? Infinity));
      expect(live.map((m) => shapeOf(m, liveBase)), user).toEqual(expected.map((m) => shapeOf(m, 10)));
    }
  });
});
