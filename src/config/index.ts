/**
 * Profiles: YAML run profiles validated with zod, errors as `file:line:col path: message`, and
 * their resolution with CLI overrides and environment passwords.
 */
export { profileSchema, serverSchema, userSchema, timeoutsSchema, type Profile, type ProfileServer, type ProfileUser } from './profile-schema.js';
export { loadProfile, parseProfile, type LoadedProfile } from './load-profile.js';
export {
  resolveProfile,
  parseHostPort,
  type ResolvedProfile,
  type ResolvedServer,
  type ResolvedUser,
  type ProfileOverrides,
  type ProfileTimeouts,
} from './resolve-profile.js';
