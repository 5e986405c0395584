import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CONFERENCE_NS, attributeValue, childElement, isFocusHarnessErrorLike, parseXml, serializeXml } from './conference-exports.js';

describe('parseXml', () => {
  it('resolves default and prefixed namespaces and keeps prefixes', () => {
    const root = parseXml('<a xmlns="urn:x" xmlns:m="urn:m" k="1"><m:b m:state="partial">t</m:b><c/></a>');
    expect(root).toMatchObject({ ns: 'urn:x', local: 'a', prefix: '' });
    const b = childElement(root, 'b', 'urn:m');
    expect(b).toMatchObject({ ns: 'urn:m', prefix: 'm', text: 't' });
    expect(b?.attributes.find((attribute) => attribute.local === 'state')).toMatchObject({ ns: 'urn:m', value: 'partial' });
    expect(childElement(root, 'c')?.ns).toBe('urn:x');
    expect(attributeValue(root, 'k')).toBe('1');
  });

  it('falls back to local names for an undeclared prefix', () => {
    const root = parseXml('<ci:conference-info entity="e"><ci:users/></ci:conference-info>');
    expect(root.ns).toBe('');
    expect(childElement(root, 'users', CONFERENCE_NS.ci)).toBeDefined();
  });

  it('decodes entities and character references', () => {
    const root = parseXml('<a v="&quot;x&amp;y&#x41;">1 &lt; 2 &#66;</a>');
    expect(attributeValue(root, 'v')).toBe('"x&yA');
    expect(root.text).toBe('1 < 2 B');
  });

  it.each([
    ['empty', '', /empty/],
    ['not XML', 'hello', /not well-formed/],
    ['unclosed', '<a><b></a>', /not well-formed/],
    ['two roots', '<a/><b/>', /exactly one root/],
    ['doctype', '<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>', /DOCTYPE/],
  ])('refuses %s with FH_XML', (_name, text, message) => {
    let caught: unknown;
    try {
      parseXml(text);
    } catch (error) {
      caught = error;
    }
    expect(isFocusHarnessErrorLike(caught, 'FH_XML')).toBe(true);
    expect((caught as Error).message).toMatch(message);
  });

  it('round-trips arbitrary text and attribute values through serializeXml', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (text, value) => {
        const clean = (s: string): string => s.replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD]/gu, '');
        const xml = serializeXml({
          ns: 'urn:x',
          prefix: 'p',
          local: 'e',
          attributes: [{ ns: '', prefix: '', local: 'v', value }],
          children: [],
          text,
        });
        const back = parseXml(xml);
        expect(back.ns).toBe('urn:x');
        expect(attributeValue(back, 'v')).toBe(clean(value));
        expect(back.text).toBe(clean(text).trim());
      }),
      { numRuns: 200 },
    );
  });

  it('declares a namespace that a spliced element needs', () => {
    const xml = serializeXml({
      ns: 'urn:a',
      prefix: '',
      local: 'root',
      attributes: [],
      children: [{ ns: 'urn:b', prefix: 'b', local: 'child', attributes: [], children: [], text: 'x' }],
      text: '',
    }, { indent: '' });
    expect(xml).toBe('<root xmlns="urn:a"><b:child xmlns:b="urn:b">x</b:child></root>');
    expect(parseXml(xml).children[0]?.ns).toBe('urn:b');
  });
});
