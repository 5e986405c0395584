import { describe, expect, it } from 'vitest';
import {
  CONFERENCE_NS,
  buildC3pRequest,
  parseC3pRequest,
  parseXml,
  type C3pCommand,
} from './conference-exports.js';
import { c3pRequestFault as faultOf } from './c3p-request-fault.js';
import { ALICE, CAROL, FOCUS, seedBody, xmlFixture } from './xml-fixture.js';

const FACTORY = 'sip:alice@contoso.com;gruu;opaque=app:conf:focusfactory';

const commands: C3pCommand[] = [
  {
    name: 'addConference',
    subject: 'Budget <draft> & "notes"',
    conferenceId: '7ECB5F9BFFB1F343B36775DBA09E8038',
    expiryTime: '2026-11-25T18:00:00Z',
    admissionPolicy: 'openAuthenticated',
    entityViews: ['chat'],
  },
  { name: 'addConference', conferenceId: 'TDVDW046', entityViews: ['chat', 'audio-video'] },
  {
    name: 'addUser',
    confEntity: FOCUS,
    userEntity: CAROL,
    role: 'attendee',
    endpointEntity: '{C263F024-15CC-4B33-971D-FCF9BE23BB0D}',
    clientInfo: { lobbyCapable: true },
  },
  { name: 'addUser', confEntity: FOCUS, userEntity: CAROL, endpointEntity: '{A}', joiningMethod: 'dialed-out' },
  { name: 'addUser', confEntity: FOCUS, userEntity: CAROL },
  { name: 'deleteUser', confEntity: FOCUS, userEntity: CAROL },
  { name: 'modifyUserRoles', confEntity: FOCUS, userEntity: 'sip:bob@contoso.com', roles: ['presenter'] },
  { name: 'modifyConferenceLock', confEntity: FOCUS, locked: true },
  { name: 'modifyConferenceLock', confEntity: FOCUS, locked: false },
  { name: 'getConference', conferenceId: 'SDFBSD12' },
  { name: 'getConference', confEntity: FOCUS },
  { name: 'deleteConference', confEntity: FOCUS },
  { name: 'getConferencingCapabilities' },
];

describe('buildC3pRequest / parseC3pRequest', () => {
  it.each(commands.map((command) => [command.name, command] as const))('round-trips %s', (_name, command) => {
    const xml = buildC3pRequest({ requestId: 42, from: ALICE, to: command.name.includes('Conference') || command.name.startsWith('get') ? FACTORY : FOCUS, command });
    const parsed = parseC3pRequest(xml);
    expect(parsed.command).toEqual(command);
    expect(parsed.requestId).toBe('42');
    expect(parsed.from).toBe(ALICE);
    expect(parsed.c3pVersion).toBe('1');
    expect(parsed.raw.ns).toBe(CONFERENCE_NS.cccp);
  });

  it('writes the envelope and namespaces the brief describes', () => {
    const xml = buildC3pRequest({ requestId: '7', from: ALICE, to: FOCUS, command: { name: 'deleteUser', confEntity: FOCUS, userEntity: CAROL } });
    const root = parseXml(xml);
    expect(root).toMatchObject({ local: 'request', ns: CONFERENCE_NS.cccp });
    const command = root.children[0];
    expect(command?.local).toBe('deleteUser');
    expect(command?.children[0]).toMatchObject({ local: 'userKeys', ns: CONFERENCE_NS.cccp });
    expect(xml).toContain(`xmlns:mscp="${CONFERENCE_NS.mscp}"`);
    expect(xml.startsWith('<?xml version="1.0"')).toBe(true);
  });

  it('writes addConference with ci: and msci: elements and an empty entity', () => {
    const xml = buildC3pRequest({ requestId: 1, from: ALICE, to: FACTORY, command: commands[0] as C3pCommand });
    expect(xml).toContain('<ci:conference-info entity="">');
    expect(xml).toContain('<msci:entity-view entity="chat" />');
    expect(xml).toContain('<ci:subject>Budget &lt;draft&gt; &amp; "notes"</ci:subject>');
  });

  it('writes modifyUserRoles with user-roles in the conference-info namespace', () => {
    const xml = buildC3pRequest({ requestId: 1, from: ALICE, to: FOCUS, command: commands[6] as C3pCommand });
    const roles = parseXml(xml).children[0]?.children[1];
    expect(roles).toMatchObject({ local: 'user-roles', ns: CONFERENCE_NS.ci });
    expect(roles?.children[0]).toMatchObject({ local: 'entry', ns: CONFERENCE_NS.ci, text: 'presenter' });
  });

  it('parses the seed deleteUser request (msg 1)', () => {
    const body = xmlFixture('seed-msg01-c3p-deleteuser-request.xml');
    expect(body).toBe(seedBody(1));
    const request = parseC3pRequest(body);
    expect(request).toMatchObject({ requestId: '63022864', from: ALICE, to: FOCUS, c3pVersion: '1' });
    expect(request.command).toEqual({ name: 'deleteUser', confEntity: FOCUS, userEntity: CAROL });
  });

  it('parses SIPE-style prefixes and a Buffer body', () => {
    const body = Buffer.from(
      `<c:request xmlns:c="urn:ietf:params:xml:ns:cccp" xmlns:k="urn:ietf:params:xml:ns:conference-info" C3PVersion="1" requestId="3" from="${ALICE}" to="${FOCUS}">` +
        `<c:addUser><c:conferenceKeys confEntity="${FOCUS}"/><k:user entity="${CAROL}"><k:roles><k:entry>attendee</k:entry></k:roles>` +
        `<k:endpoint entity="{E}"/></k:user></c:addUser></c:request>`,
    );
    expect(parseC3pRequest(body).command).toEqual({ name: 'addUser', confEntity: FOCUS, userEntity: CAROL, role: 'attendee', endpointEntity: '{E}' });
  });
});

describe('parseC3pRequest faults', () => {
  const envelope = `xmlns="urn:ietf:params:xml:ns:cccp" C3PVersion="1" requestId="9" from="${ALICE}" to="${FOCUS}"`;

  it('reports malformed XML', () => {
    const error = faultOf('<request><deleteUser></request>');
    expect(error.code).toBe('FH_C3P');
    expect(error.fault).toBe('malformed-xml');
    expect(error.message).toMatch(/not well-formed/);
  });

  it('reports a wrong root', () => {
    const error = faultOf(`<response ${envelope} code="success"><deleteUser/></response>`);
    expect(error.fault).toBe('wrong-root');
    expect(error.message).toMatch(/<response>/);
    expect(error.envelope.requestId).toBe('9');
  });

  it('reports a root in a foreign namespace', () => {
    expect(faultOf('<request xmlns="urn:other" C3PVersion="1" requestId="1" from="a" to="b"><getConferencingCapabilities/></request>').fault).toBe('wrong-root');
  });

  it('reports missing attributes by name', () => {
    const error = faultOf(`<request xmlns="urn:ietf:params:xml:ns:cccp" C3PVersion="1" to="${FOCUS}"><getConferencingCapabilities/></request>`);
    expect(error.fault).toBe('missing-attribute');
    expect(error.message).toContain('@requestId');
    expect(error.message).toContain('@from');
  });

  it('reports zero commands', () => {
    expect(faultOf(`<request ${envelope}></request>`).fault).toBe('no-command');
  });

  it('reports several commands', () => {
    const error = faultOf(`<request ${envelope}><getConferencingCapabilities/><deleteConference/></request>`);
    expect(error.fault).toBe('several-commands');
    expect(error.message).toContain('<deleteConference>');
  });

  it('names an unknown command so a focus can answer 3004', () => {
    const error = faultOf(`<request ${envelope}><modifyEndpointMedia/></request>`);
    expect(error.fault).toBe('unknown-command');
    expect(error.unknownCommand).toBe('modifyEndpointMedia');
    expect(error.envelope).toEqual({ requestId: '9', from: ALICE, to: FOCUS });
  });

  it.each([
    ['deleteUser without userEntity', `<deleteUser><userKeys confEntity="${FOCUS}"/></deleteUser>`, /userKeys@userEntity/],
    ['addUser without user', `<addUser><conferenceKeys confEntity="${FOCUS}"/></addUser>`, /user@entity/],
    ['lock with a bad value', `<modifyConferenceLock><conferenceKeys confEntity="${FOCUS}"/><locked>yes</locked></modifyConferenceLock>`, /true or false/],
    ['getConference without keys', '<getConference/>', /confEntity or @msci:conference-id/],
    ['addConference without id', '<addConference><conference-info xmlns="urn:ietf:params:xml:ns:conference-info" entity=""><conference-description/></conference-info></addConference>', /conference-id/],
    ['modifyUserRoles without roles', `<modifyUserRoles><userKeys confEntity="${FOCUS}" userEntity="${CAROL}"/></modifyUserRoles>`, /user-roles/],
  ])('reports an invalid command: %s', (_name, command, message) => {
    const error = faultOf(`<request ${envelope}>${command}</request>`);
    expect(error.fault).toBe('invalid-command');
    expect(error.message).toMatch(message);
  });
});
