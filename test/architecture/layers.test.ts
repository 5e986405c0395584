import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The layer order of ARCHITECTURE.md: a folder may import only folders listed for it.
const ALLOWED: Readonly<Record<string, readonly string[]>> = {
  util: [],
  sip: ['util'],
  pki: ['util'],
  transport: ['sip', 'util', 'pki'],
  transaction: ['sip', 'util'],
  dialog: ['sip', 'transaction', 'util'],
  conference: ['sip', 'util'],
  capture: ['sip', 'util'],
  labfocus: ['sip', 'transport', 'transaction', 'dialog', 'conference', 'pki', 'util', 'capture', 'log', 'auth'],
  endpoint: ['sip', 'transport', 'transaction', 'dialog', 'conference', 'capture', 'util', 'pki', 'log', 'auth'],
  config: ['util', 'sip'],
  report: ['capture', 'sip', 'util', 'conference'],
  scenario: ['endpoint', 'conference', 'capture', 'sip', 'util', 'labfocus', 'report', 'config', 'pki', 'transport', 'log', 'auth'],
  log: ['sip', 'util'],
  auth: ['sip', 'util'],
  metrics: ['util'],
  load: ['scenario', 'metrics', 'endpoint', 'capture', 'report', 'util'],
  repl: ['endpoint', 'scenario', 'conference', 'capture', 'sip', 'util', 'labfocus', 'report', 'config', 'pki', 'transport', 'log'],
};

const srcRoot = fileURLToPath(new URL('../../src/', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/^\s*(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1] ?? '');
}

describe('layer boundaries', () => {
  const files = sourceFiles(srcRoot);

  it('finds the source tree', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it('no layer imports an upper layer, and other layers are reached only through index.ts', () => {
    const violations: string[] = [];
    for (const file of files) {
      const rel = relative(srcRoot, file).split(sep);
      if (rel.length < 2) continue; // src/errors.ts, src/index.ts
      const layer = rel[0] as string;
      for (const spec of importsOf(file)) {
        if (!spec.startsWith('.')) continue;
        const target = relative(srcRoot, join(file, '..', spec)).split(sep);
        const targetLayer = target[0] as string;
        if (target.length === 1 || targetLayer === layer) continue;
        const allowed = ALLOWED[layer];
        if (!allowed) {
          violations.push(`${relative(srcRoot, file)}: layer "${layer}" is not in the layer table`);
        } else if (!allowed.includes(targetLayer)) {
          violations.push(`${relative(srcRoot, file)} imports ${spec}: "${layer}" may not depend on "${targetLayer}"`);
        } else if (target[target.length - 1] !== 'index.js' || target.length !== 2) {
          violations.push(`${relative(srcRoot, file)} imports ${spec}: use ../${targetLayer}/index.js`);
        }
      }
    }
    expect(violations).toEqual([]);
  });
});
