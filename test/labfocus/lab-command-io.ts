/**
 * What the `lab` command tests hand to `runLab`: the default arguments and a stream that keeps
 * what was written to it.
 */
import { PassThrough } from 'node:stream';
import type { LabArgs } from '../../cmd/commands/lab.js';

export function sink(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk: Buffer) => (text += chunk.toString()));
  return { stream, text: () => text };
}

/** `focus-harness lab --listen 127.0.0.1:0` with every other option at its default. */
export const LAB_ARGS: LabArgs = { listen: '127.0.0.1:0', transport: 'tls', domain: 'contoso.com', 'list-faults': false, 'c3p-style': '202-then-info' };
