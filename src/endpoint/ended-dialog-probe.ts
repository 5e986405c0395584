/**
 * What {@link Endpoint.probeEndedDialog} writes into its probe: a test-only request on a dialog
 * that has already ended (brief §7.2 E3/E4: "afterwards requests on D1 get 481"). A Lync client
 * never sends one; the body only makes the probe look like the request a stale client would send.
 *
 * - INFO in the focus dialog (D1): a C3P getConference, as a client asking about its conference;
 * - MESSAGE in the IM dialog (D3): one line of plain text;
 * - anything else: no body.
 */
import { buildC3pRequest } from '../conference/index.js';
import { CCCP_MEDIA_TYPE } from './c3p-outcome-of.js';

/** The dialog a probe goes to: the focus dialog (D1) or the IM MCU dialog (D3). */
export type ProbedDialog = 'focus' | 'im';

export interface ProbeBody {
  readonly body: string;
  readonly contentType: string;
}

export interface ProbeBodyInit {
  readonly dialog: ProbedDialog;
  readonly method: string;
  /** Our AOR (the C3P `from`). */
  readonly aor: string;
  /** The focus URI (the C3P `to` and `confEntity`). */
  readonly focusUri: string;
  readonly requestId: string;
}

const PROBE_TEXT = 'focus-harness probe: this dialog has ended';

/** The body of a probe, or undefined for a bodiless one. */
export function endedDialogProbeBody(init: ProbeBodyInit): ProbeBody | undefined {
  const method = init.method.toUpperCase();
  if (init.dialog === 'focus' && method === 'INFO') {
    const body = buildC3pRequest({
      requestId: init.requestId,
      from: init.aor,
      to: init.focusUri,
      command: { name: 'getConference', confEntity: init.focusUri },
    });
    return { body, contentType: CCCP_MEDIA_TYPE };
  }
  if (method === 'MESSAGE') return { body: PROBE_TEXT, contentType: 'text/plain; charset=UTF-8' };
  return undefined;
}
