/** A running REPL: its node:repl server, the session behind it, and how to end it. */
import type { REPLServer } from 'node:repl';
import type { ReplSession } from './repl-session.js';

export interface ReplHandle {
  readonly server: REPLServer;
  readonly session: ReplSession;
  /** Resolves once the REPL has exited and the endpoints and lab are closed. */
  readonly closed: Promise<void>;
  /** Ends the REPL (as `.exit` does) and waits for {@link ReplHandle.closed}. */
  close(): Promise<void>;
}
