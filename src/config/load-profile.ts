/**
 * Reads and validates a YAML profile; every problem is reported as `file:line:col path: message`.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { isNode, LineCounter, parseDocument, type Document } from 'yaml';
import { FocusHarnessError } from '../errors.js';
import { profileSchema, type Profile } from './profile-schema.js';

export interface LoadedProfile {
  readonly path: string;
  readonly profile: Profile;
}

function positionOf(doc: Document, counter: LineCounter, path: readonly PropertyKey[]): { line: number; col: number } {
  // The deepest node that exists on the issue's path (a missing key points at its parent).
  for (let depth = path.length; depth >= 0; depth--) {
    const node = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth) as (string | number)[], true);
    if (isNode(node) && node.range) return counter.linePos(node.range[0]);
  }
  return { line: 1, col: 1 };
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.length === 0 ? '(profile)' : path.map((p) => (typeof p === 'number' ? `[${p}]` : String(p))).join('.').replace(/\.\[/g, '[');
}

const SECRET_KEY = /^(?:password|passwd|secret|token)$/i;

/** Paths of keys that would hold a secret (a password must come from the environment). */
function secretKeys(value: unknown, path: PropertyKey[] = []): PropertyKey[][] {
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, child]) => {
    const here = [...path, Array.isArray(value) ? Number(key) : key];
    return SECRET_KEY.test(key) ? [here] : secretKeys(child, here);
  });
}

/** Parses `text` as the profile stored at `file` (used for messages and relative paths). */
export function parseProfile(text: string, file: string): Profile {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  const problems: string[] = [];
  for (const error of doc.errors) {
    const pos = counter.linePos(error.pos[0]);
    problems.push(`${file}:${pos.line}:${pos.col} ${error.message.split('\n')[0]}`);
  }
  if (problems.length === 0) {
    const data: unknown = doc.toJS() ?? {};
    for (const path of secretKeys(data)) {
      const pos = positionOf(doc, counter, path);
      problems.push(`${file}:${pos.line}:${pos.col} ${formatPath(path)}: secrets never go in a profile; name an environment variable with passwordEnv`);
    }
    if (problems.length) throw new FocusHarnessError('FH_PROFILE_INVALID', `invalid profile:\n  ${problems.join('\n  ')}`, { where: file });
    const result = profileSchema.safeParse(data);
    if (result.success) return result.data;
    for (const issue of result.error.issues) {
      const path = issue.path as PropertyKey[];
      const pos = positionOf(doc, counter, path);
      problems.push(`${file}:${pos.line}:${pos.col} ${formatPath(path)}: ${issue.message}`);
    }
  }
  throw new FocusHarnessError('FH_PROFILE_INVALID', `invalid profile:\n  ${problems.join('\n  ')}`, { where: file });
}

export function loadProfile(file: string): LoadedProfile {
  const path = resolve(file);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new FocusHarnessError('FH_PROFILE_INVALID', `cannot read the profile: ${(error as Error).message}`, { where: path, cause: error });
  }
  return { path, profile: parseProfile(text, file) };
}
