/**
 * The run profile (`profiles/*.yaml`): which server to test, the users' domain and identities,
 * and the time budgets. Passwords never live in the file — only the names of environment
 * variables that hold them (`passwordEnv`).
 */
import { z } from 'zod';

const hostname = z.string().min(1, 'must not be empty');

export const serverSchema = z
  .object({
    host: hostname,
    port: z.number().int().min(1).max(65535),
    transport: z.enum(['tls', 'tcp']).default('tls'),
    /** CA certificate file (PEM), relative to the profile file. */
    ca: z.string().min(1).optional(),
    /** TLS SNI / expected certificate name. */
    servername: z.string().min(1).optional(),
    connectTimeoutMs: z.number().int().positive().optional(),
  })
  .strict();

export type ProfileServer = z.infer<typeof serverSchema>;

export const userSchema = z
  .object({
    aor: z.string().regex(/^sips?:[^@\s]+@[^@\s]+$/, 'must be a SIP address of record like sip:alice@contoso.com'),
    displayName: z.string().min(1).optional(),
    /** Authentication username when it differs from the AOR's user part (`DOMAIN\\user` for NTLM). */
    username: z.string().min(1).optional(),
    /** Name of the environment variable holding this user's password. */
    passwordEnv: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be an environment variable name').optional(),
  })
  .strict();

export const timeoutsSchema = z
  .object({
    stepMs: z.number().int().positive().optional(),
    expectMs: z.number().int().positive().optional(),
    settleMs: z.number().int().nonnegative().optional(),
    c3pMs: z.number().int().positive().optional(),
  })
  .strict();

export const profileSchema = z
  .object({
    /** A remote server, or `embedded` for the lab focus on loopback. @default 'embedded' */
    server: z
      .unknown()
      .default('embedded')
      .transform((value, ctx): 'embedded' | ProfileServer => {
        if (value === 'embedded') return 'embedded';
        const parsed = serverSchema.safeParse(value);
        if (parsed.success) return parsed.data;
        // Report the server object's own issues (a plain union would only say "Invalid input").
        for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
        return z.NEVER;
      }),
    domain: z.string().regex(/^[A-Za-z0-9.-]+$/, 'must be a DNS domain like contoso.com').optional(),
    /**
     * How the users' passwords answer 401/407: `digest` (lab proxies such as Kamailio) or `ntlm`
     * (MS-SIPAE, as Lync/Skype for Business front ends want: signed messages). @default 'digest'
     */
    auth: z.enum(['digest', 'ntlm']).default('digest'),
    users: z.record(z.string().regex(/^[a-z][a-z0-9_-]*$/, 'role names are lower-case words'), userSchema).default({}),
    timeouts: timeoutsSchema.default({}),
    /** Lab focus fault switches (embedded server only). */
    faults: z.array(z.string()).default([]),
  })
  .strict()
  .superRefine((profile, ctx) => {
    if (profile.server !== 'embedded' && profile.faults.length > 0) {
      ctx.addIssue({ code: 'custom', path: ['faults'], message: 'faults apply only to the embedded lab focus (server: embedded)' });
    }
  });

export type Profile = z.infer<typeof profileSchema>;
export type ProfileUser = z.infer<typeof userSchema>;
