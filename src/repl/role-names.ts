/** The default cast: alice, bob, carol, then user4, user5 … */
const CAST = ['alice', 'bob', 'carol'] as const;

export function roleNames(count: number): string[] {
  const names: string[] = [];
  for (let i = 0; i < count; i++) names.push(CAST[i] ?? `user${i + 1}`);
  return names;
}

/** A role name is also a variable at the prompt, so it must be an identifier. */
export function isRoleName(name: string): boolean {
  return /^[a-z_$][\w$]*$/i.test(name);
}
