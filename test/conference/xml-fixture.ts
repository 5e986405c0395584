import { readFileSync } from 'node:fs';

/** Reads a file of test/fixtures/xml as UTF-8. */
export function xmlFixture(name: string): string {
  return readFileSync(new URL(`../fixtures/xml/${name}`, import.meta.url), 'utf8');
}

/** The body of message `n` of the MS-CONFIM 4.3.1 seed, as printed (4-space indent removed). */
export function seedBody(n: number): string {
  const text = readFileSync(new URL('../fixtures/seed/ms-confim-4.3.1-user-ejected.txt', import.meta.url), 'utf8');
  const parts = text.split(/\n {2}(\d+)\. /);
  for (let index = 1; index < parts.length; index += 2) {
    if (Number(parts[index]) !== n) continue;
    const lines = (parts[index + 1] ?? '').split('\n');
    const start = lines.findIndex((line) => line.startsWith('    <'));
    const body: string[] = [];
    for (const line of lines.slice(start)) {
      if (!line.startsWith('    ')) break;
      body.push(line.slice(4));
    }
    return `${body.join('\n').trimEnd()}\n`;
  }
  throw new Error(`seed message ${n} not found`);
}

export const FOCUS = 'sip:alice@contoso.com;gruu;opaque=app:conf:focus:id:7ECB5F9BFFB1F343B36775DBA09E8038';
export const CHAT = 'sip:alice@contoso.com;gruu;opaque=app:conf:chat:id:7ECB5F9BFFB1F343B36775DBA09E8038';
export const ALICE = 'sip:alice@contoso.com';
export const BOB = 'sip:bob@contoso.com';
export const CAROL = 'sip:carol@contoso.com';
