/**
 * The C3P codec for the last two example commands of issue 5: modifyConference (MS-CONFBAS 4.4.10,
 * brief §6.13) and getAvailableMcuTypes (MS-CONFPRO 4.7), against fixtures in the specs' shapes.
 */
import { describe, expect, it } from 'vitest';
import {
  CONFERENCE_NS,
  attributeValue,
  buildC3pRequest,
  buildC3pResponse,
  childElement,
  parseC3pRequest,
  parseC3pResponse,
  parseXml,
  type C3pCommand,
} from './conference-exports.js';
import { c3pRequestFault as faultOf } from './c3p-request-fault.js';
import { ALICE, CHAT, FOCUS, xmlFixture } from './xml-fixture.js';

const CAROL_FACTORY = 'sip:carol@contoso.com;gruu;opaque=app:conf:focusfactory';

describe('modifyConference (MS-CONFBAS 4.4.10)', () => {
  it('parses a subject change written in the example\'s shape', () => {
    const request = parseC3pRequest(xmlFixture('c3p-modifyconference-subject-request.xml'));
    expect(request).toMatchObject({ requestId: '5120', from: ALICE, to: FOCUS, c3pVersion: '1' });
    expect(request.command).toEqual({ name: 'modifyConference', confEntity: FOCUS, mcuUri: CHAT, subject: 'Budget review, second round' });
  });

  it('keeps the example\'s entity-view change as partial content it does not model', () => {
    const request = parseC3pRequest(xmlFixture('c3p-modifyconference-entity-view-request.xml'));
    const command = request.command;
    if (command.name !== 'modifyConference') throw new Error(`parsed ${command.name}`);
    expect(command.mcuUri).toBe('sip:bob@fabrikam.com;gruu;opaque=app:conf:audio-video:id:K2P9X4QA');
    expect(command.confEntity).toBe('sip:bob@fabrikam.com;gruu;opaque=app:conf:focus:id:K2P9X4QA');
    expect(command.subject).toBeUndefined();
    const view = command.extensions?.[0];
    expect(view).toMatchObject({ local: 'conference-view', ns: CONFERENCE_NS.msci });
    expect(view && attributeValue(view, 'state', CONFERENCE_NS.ci)).toBe('partial');
    const entityView = view && childElement(view, 'entity-view', CONFERENCE_NS.msci);
    expect(entityView && attributeValue(entityView, 'state', CONFERENCE_NS.ci)).toBe('partial');
  });

  it('writes mscp:mcuUri and a partial conference-info in the default namespace, as the example does', () => {
    const command: C3pCommand = { name: 'modifyConference', confEntity: FOCUS, mcuUri: CHAT, subject: 'Budget review, second round' };
    const xml = buildC3pRequest({ requestId: 5120, from: ALICE, to: FOCUS, command });
    expect(xml).toContain(`<modifyConference mscp:mcuUri="${CHAT}">`);
    expect(xml).toContain(`<conference-info entity="${FOCUS}" state="partial" xmlns="${CONFERENCE_NS.ci}">`);
    expect(xml).toContain('<conference-description state="partial">');
    const element = parseXml(xml).children[0];
    const info = element && childElement(element, 'conference-info', CONFERENCE_NS.ci);
    const description = info && childElement(info, 'conference-description', CONFERENCE_NS.ci);
    expect(description && childElement(description, 'subject', CONFERENCE_NS.ci)?.text).toBe('Budget review, second round');
    // What the fixture says, the builder writes: both parse to the same command.
    expect(parseC3pRequest(xml).command).toEqual(parseC3pRequest(xmlFixture('c3p-modifyconference-subject-request.xml')).command);
  });

  it.each([
    { name: 'modifyConference', confEntity: FOCUS, subject: '' },
    { name: 'modifyConference', confEntity: FOCUS, mcuUri: CHAT, displayText: 'Budget', subject: 'Budget <v2> & "notes"' },
  ] satisfies C3pCommand[])('round-trips %o', (command) => {
    expect(parseC3pRequest(buildC3pRequest({ requestId: 1, from: ALICE, to: FOCUS, command })).command).toEqual(command);
  });

  it('round-trips extension content after the description', () => {
    const view = parseC3pRequest(xmlFixture('c3p-modifyconference-entity-view-request.xml')).command;
    if (view.name !== 'modifyConference') throw new Error('not modifyConference');
    const command: C3pCommand = { name: 'modifyConference', confEntity: FOCUS, subject: 'S', extensions: view.extensions ?? [] };
    const parsed = parseC3pRequest(buildC3pRequest({ requestId: 2, from: ALICE, to: FOCUS, command })).command;
    if (parsed.name !== 'modifyConference') throw new Error('not modifyConference');
    expect(parsed.subject).toBe('S');
    expect(parsed.extensions?.map((e) => e.local)).toEqual(['conference-view']);
    expect(parsed.extensions?.[0]?.children[0]?.local).toBe('entity-view');
  });

  it.each([
    ['without conference-info', '<modifyConference/>', /conference-info@entity/],
    ['with an empty entity', `<modifyConference><conference-info xmlns="${CONFERENCE_NS.ci}" entity="" state="partial"><conference-description><subject>x</subject></conference-description></conference-info></modifyConference>`, /conference-info@entity/],
    ['that changes nothing', `<modifyConference><conference-info xmlns="${CONFERENCE_NS.ci}" entity="${FOCUS}" state="partial"/></modifyConference>`, /changes nothing/],
  ])('refuses a request %s', (_name, command, message) => {
    const error = faultOf(`<request xmlns="${CONFERENCE_NS.cccp}" C3PVersion="1" requestId="9" from="${ALICE}" to="${FOCUS}">${command}</request>`);
    expect(error.fault).toBe('invalid-command');
    expect(error.message).toMatch(message);
  });

  it('parses the success response and writes one without payload', () => {
    const parsed = parseC3pResponse(xmlFixture('c3p-modifyconference-response.xml'));
    expect(parsed).toMatchObject({ requestId: '5120', from: FOCUS, to: ALICE, code: 'success', command: 'modifyConference' });
    const xml = buildC3pResponse({ requestId: '5120', from: FOCUS, to: ALICE, code: 'success', command: 'modifyConference' });
    expect(xml).toContain('<modifyConference />');
    expect(parseC3pResponse(xml)).toMatchObject({ requestId: '5120', code: 'success', command: 'modifyConference' });
    const refused = buildC3pResponse({ requestId: '6', from: FOCUS, to: ALICE, code: 'failure', command: 'modifyConference', reason: 'unauthorized' });
    expect(parseC3pResponse(refused)).toMatchObject({ code: 'failure', command: 'modifyConference', reason: 'unauthorized' });
  });
});

describe('getAvailableMcuTypes (MS-CONFPRO 4.7)', () => {
  it('parses the request of the example\'s shape and writes an empty command element', () => {
    const request = parseC3pRequest(xmlFixture('c3p-getavailablemcutypes-request.xml'));
    expect(request).toMatchObject({ requestId: '31', from: 'sip:carol@contoso.com', to: CAROL_FACTORY, c3pVersion: '1' });
    expect(request.command).toEqual({ name: 'getAvailableMcuTypes' });
    const xml = buildC3pRequest({ requestId: 31, from: 'sip:carol@contoso.com', to: CAROL_FACTORY, command: { name: 'getAvailableMcuTypes' } });
    expect(xml).toContain('<getAvailableMcuTypes />');
    expect(parseC3pRequest(xml).command).toEqual({ name: 'getAvailableMcuTypes' });
  });

  it('parses the list of MCU types and writes it back', () => {
    const parsed = parseC3pResponse(xmlFixture('c3p-getavailablemcutypes-response.xml'));
    expect(parsed).toMatchObject({ requestId: '31', from: CAROL_FACTORY, to: 'sip:carol@contoso.com', code: 'success', command: 'getAvailableMcuTypes' });
    expect(parsed.mcuTypes).toEqual(['audio-video', 'chat', 'meeting', 'phone-conf']);
    const xml = buildC3pResponse({ requestId: '31', from: CAROL_FACTORY, to: 'sip:carol@contoso.com', code: 'success', command: 'getAvailableMcuTypes', payload: { mcuTypes: ['chat'] } });
    expect(parseC3pResponse(xml).mcuTypes).toEqual(['chat']);
  });

  it('needs the list on a success', () => {
    expect(() => buildC3pResponse({ requestId: '1', from: CAROL_FACTORY, to: ALICE, code: 'success', command: 'getAvailableMcuTypes' })).toThrow(/needs its payload/);
  });
});
