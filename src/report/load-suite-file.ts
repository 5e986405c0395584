/**
 * Suite files for `focus-harness suite --suite FILE`: a YAML (or JSON) list of scenarios, either a
 * bare list or `{ scenarios: [...], profile?: FILE }`. Scenario files and the profile are
 * resolved relative to the suite file.
 *
 * ```yaml
 * # nightly.suite.yaml
 * profile: ../profiles/example-server.yaml
 * scenarios:
 *   - eject
 *   - join-and-chat
 *   - ./scenarios/lock-and-eject.ts
 * ```
 */
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { FocusHarnessError } from '../errors.js';

export interface SuiteFile {
  readonly path: string;
  /** Built-in names as written; file paths made absolute. */
  readonly scenarios: readonly string[];
  readonly profile?: string;
}

const entry = z.string().min(1, 'a scenario name or path');
const suiteSchema = z.union([
  z.array(entry).min(1, 'list at least one scenario'),
  z.strictObject({ scenarios: z.array(entry).min(1, 'list at least one scenario'), profile: z.string().min(1).optional() }),
]);

function looksLikePath(spec: string): boolean {
  return /[\\/]/.test(spec) || /\.(?:[cm]?[jt]s)$/.test(spec);
}

export function parseSuiteFile(text: string, path: string): SuiteFile {
  let raw: unknown;
  try {
    raw = parse(text);
  } catch (error) {
    throw new FocusHarnessError('FH_USAGE', `suite file ${path} is not valid YAML: ${(error as Error).message}`, { where: path });
  }
  const parsed = suiteSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new FocusHarnessError(
      'FH_USAGE',
      `suite file ${path}: ${issue?.path.length ? `${issue.path.join('.')}: ` : ''}${issue?.message ?? 'invalid'}; expected a list of scenarios or { scenarios: [...], profile?: FILE }`,
      { where: path },
    );
  }
  const base = dirname(path);
  const at = (p: string): string => (isAbsolute(p) ? p : resolve(base, p));
  const value = parsed.data;
  const list = Array.isArray(value) ? value : value.scenarios;
  const profile = Array.isArray(value) ? undefined : value.profile;
  return {
    path,
    scenarios: list.map((s) => (looksLikePath(s) ? at(s) : s)),
    ...(profile === undefined ? {} : { profile: at(profile) }),
  };
}

export function loadSuiteFile(path: string): SuiteFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new FocusHarnessError('FH_USAGE', `cannot read suite file ${path}: ${(error as Error).message}`, { where: path, cause: error });
  }
  return parseSuiteFile(text, path);
}
