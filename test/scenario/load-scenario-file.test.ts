import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadScenarioFile, looksLikeScenarioPath, resolveScenario, runScenario } from '../../src/scenario/index.js';

const fixture = (name: string): string => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

describe('scenario files', () => {
  it('tells names from paths', () => {
    expect(looksLikeScenarioPath('eject')).toBe(false);
    expect(looksLikeScenarioPath('./mine.ts')).toBe(true);
    expect(looksLikeScenarioPath('mine.mjs')).toBe(true);
  });

  it('loads a .ts scenario with tsx and runs it against the embedded lab focus', async () => {
    const scenario = await loadScenarioFile(fixture('two-users-chat.ts'));
    expect(scenario).toMatchObject({ name: 'two-users-chat', roles: ['alice', 'bob'] });
    const result = await runScenario(scenario, { timeouts: { expectMs: 2000 } });
    expect(result.exitCode, result.failures.map((f) => f.message).join('\n')).toBe(0);
    expect(result.steps.map((s) => s.status)).toEqual(['passed', 'passed', 'passed', 'passed']);
  }, 30_000);

  it('says what is wrong with a bad file, with its path (FH_SCENARIO_INVALID)', async () => {
    await expect(loadScenarioFile(fixture('not-a-scenario.ts'))).rejects.toMatchObject({
      code: 'FH_SCENARIO_INVALID',
      message: expect.stringContaining('no default export made with defineScenario'),
      where: expect.stringContaining('not-a-scenario.ts'),
    });
    const broken = join(mkdtempSync(join(tmpdir(), 'fh-scenario-')), 'broken-syntax.ts');
    writeFileSync(broken, "export default {{ name: 'broken'\n");
    await expect(loadScenarioFile(broken)).rejects.toMatchObject({
      code: 'FH_SCENARIO_INVALID',
      message: expect.stringContaining('cannot load the scenario module'),
      where: expect.stringContaining('broken-syntax.ts'),
    });
    await expect(resolveScenario('no-such')).rejects.toMatchObject({ code: 'FH_USAGE' });
  });
});
