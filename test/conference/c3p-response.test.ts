import { describe, expect, it } from 'vitest';
import { C3pParseError, CONFERENCE_NS, buildC3pResponse, parseC3pResponse, parseXml, type C3pResponseInit } from './conference-exports.js';
import { ALICE, BOB, CAROL, CHAT, FOCUS, seedBody, xmlFixture } from './xml-fixture.js';

const FACTORY = 'sip:alice@contoso.com;gruu;opaque=app:conf:focusfactory';
const base = { requestId: 63022864, from: FOCUS, to: ALICE, code: 'success' } as const;

describe('buildC3pResponse / parseC3pResponse', () => {
  it('addConference carries the focus URI and conf-uris', () => {
    const xml = buildC3pResponse({
      ...base,
      from: FACTORY,
      command: 'addConference',
      payload: { focusUri: FOCUS, conferenceId: '7ECB5F9BFFB1F343B36775DBA09E8038', confUris: [{ uri: CHAT, purpose: 'chat', displayText: 'chat' }] },
    });
    const response = parseC3pResponse(xml);
    expect(response).toMatchObject({ code: 'success', command: 'addConference', focusUri: FOCUS, requestId: '63022864', from: FACTORY, to: ALICE });
    expect(response.confUris).toEqual([{ uri: CHAT, purpose: 'chat', displayText: 'chat' }]);
  });

  it('addUser carries conferenceKeys, one user with the granted roles and the endpoint', () => {
    const xml = buildC3pResponse({
      ...base,
      command: 'addUser',
      payload: { confEntity: FOCUS, userEntity: CAROL, grantedRoles: ['attendee'], endpoint: { entity: '{C263F024-15CC-4B33-971D-FCF9BE23BB0D}', sessionType: 'focus', status: 'connected' } },
    });
    const response = parseC3pResponse(xml);
    expect(response).toMatchObject({ confEntity: FOCUS, userEntity: CAROL, grantedRoles: ['attendee'], endpointEntity: '{C263F024-15CC-4B33-971D-FCF9BE23BB0D}' });
    const users = response.raw.children[0]?.children.filter((child) => child.local === 'user') ?? [];
    expect(users).toHaveLength(1);
    expect(users[0]?.ns).toBe(CONFERENCE_NS.ci);
  });

  it('addUser without an endpoint (user not joined) omits it', () => {
    const response = parseC3pResponse(buildC3pResponse({ ...base, command: 'addUser', payload: { confEntity: FOCUS, userEntity: CAROL, grantedRoles: ['presenter'] } }));
    expect(response.endpointEntity).toBeUndefined();
    expect(response.grantedRoles).toEqual(['presenter']);
  });

  it('deleteUser carries conferenceKeys and ci:user', () => {
    const response = parseC3pResponse(buildC3pResponse({ ...base, command: 'deleteUser', payload: { confEntity: FOCUS, userEntity: CAROL } }));
    expect(response).toMatchObject({ command: 'deleteUser', confEntity: FOCUS, userEntity: CAROL });
  });

  it('modifyUserRoles and modifyConferenceLock echo their keys', () => {
    expect(parseC3pResponse(buildC3pResponse({ ...base, command: 'modifyUserRoles', payload: { confEntity: FOCUS, userEntity: BOB } }))).toMatchObject({
      confEntity: FOCUS,
      userEntity: BOB,
    });
    expect(parseC3pResponse(buildC3pResponse({ ...base, command: 'modifyConferenceLock', payload: { confEntity: FOCUS } }))).toMatchObject({
      command: 'modifyConferenceLock',
      confEntity: FOCUS,
    });
  });

  it('getConference carries the definition', () => {
    const xml = buildC3pResponse({
      ...base,
      from: FACTORY,
      command: 'getConference',
      payload: {
        conference: {
          entity: FOCUS,
          state: 'full',
          version: 1,
          description: { subject: 'Numbers', conferenceId: 'SDFBSD12', admissionPolicy: 'openAuthenticated', confUris: { entries: [{ uri: CHAT, purpose: 'chat' }] } },
          view: { entityViews: [{ entity: 'chat' }] },
        },
      },
    });
    const response = parseC3pResponse(xml);
    expect(response.focusUri).toBe(FOCUS);
    expect(response.conference?.description).toMatchObject({ subject: 'Numbers', conferenceId: 'SDFBSD12' });
    expect(response.conference?.view?.entityViews).toEqual([{ entity: 'chat' }]);
    expect(xml).not.toMatch(/<ci:conference-info[^>]*version=/);
  });

  it('deleteConference echoes the entity (MS-CONFBAS 2.2.3.14)', () => {
    const xml = buildC3pResponse({ ...base, from: FACTORY, command: 'deleteConference', payload: { focusUri: FOCUS } });
    expect(parseC3pResponse(xml)).toMatchObject({ command: 'deleteConference', focusUri: FOCUS });
  });

  it('getConferencingCapabilities lists the MCU types', () => {
    const xml = buildC3pResponse({ ...base, from: FACTORY, command: 'getConferencingCapabilities', payload: { mcuTypes: ['chat', 'audio-video'] } });
    expect(parseC3pResponse(xml).mcuTypes).toEqual(['chat', 'audio-video']);
  });

  it('failure responses carry the reason on the command element', () => {
    const xml = buildC3pResponse({ ...base, code: 'failure', command: 'deleteUser', reason: 'unauthorized' });
    const root = parseXml(xml);
    expect(root.children[0]?.attributes).toEqual([{ ns: '', prefix: '', local: 'reason', value: 'unauthorized' }]);
    expect(parseC3pResponse(xml)).toMatchObject({ code: 'failure', command: 'deleteUser', reason: 'unauthorized' });
  });

  it('answers an unknown command by name', () => {
    const init: C3pResponseInit = { ...base, code: 'failure', command: 'modifyEndpointMedia', reason: 'otherFailure' };
    expect(parseC3pResponse(buildC3pResponse(init))).toMatchObject({ command: 'modifyEndpointMedia', reason: 'otherFailure' });
  });

  it('refuses a success without the payload the command needs', () => {
    expect(() => buildC3pResponse({ ...base, command: 'addUser' })).toThrow(/needs its payload/);
  });

  it('parses the seed deleteUser response (msg 14)', () => {
    const body = xmlFixture('seed-msg14-c3p-deleteuser-response.xml');
    expect(body).toBe(seedBody(14));
    const response = parseC3pResponse(body);
    expect(response).toMatchObject({ requestId: '63022864', from: FOCUS, to: ALICE, code: 'success', command: 'deleteUser', confEntity: FOCUS, c3pVersion: '1' });
    // Brief §4.10 step 14: the spec example names Bob here (likely an erratum); we report what is there.
    expect(response.userEntity).toBe(BOB);
  });

  it.each([
    ['a request root', `<request xmlns="urn:ietf:params:xml:ns:cccp" requestId="1" from="a" to="b" code="success"><x/></request>`, 'wrong-root'],
    ['no code', `<response xmlns="urn:ietf:params:xml:ns:cccp" requestId="1" from="a" to="b"><x/></response>`, 'missing-attribute'],
    ['a bad code', `<response xmlns="urn:ietf:params:xml:ns:cccp" requestId="1" from="a" to="b" code="ok"><x/></response>`, 'invalid-attribute'],
    ['two children', `<response xmlns="urn:ietf:params:xml:ns:cccp" requestId="1" from="a" to="b" code="success"><x/><y/></response>`, 'several-commands'],
    ['broken XML', `<response`, 'malformed-xml'],
  ])('refuses %s', (_name, xml, fault) => {
    let caught: unknown;
    try {
      parseC3pResponse(xml);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(C3pParseError);
    expect((caught as C3pParseError).code).toBe('FH_C3P');
    expect((caught as C3pParseError).fault).toBe(fault);
  });
});
