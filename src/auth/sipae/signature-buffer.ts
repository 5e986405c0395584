/**
 * The buffer an MS-SIPAE signature covers (brief §3.6; MS-SIPAE 3.2.5.2, MS-SIP 3.1.4.2): fields
 * each wrapped in `<…>`, no separators, values as they appear in the message.
 *
 * ```
 * <scheme><rand><num><realm><targetname><Call-ID><CSeq#><CSeq method><From URI><From tag>
 * [<To URI>]<To tag>[<PAI sip URI><PAI tel URI>]<Expires>[<status>]
 *   [..] only with version 3 and later      [<status>] only for responses
 * ```
 */
import {
  getCSeq,
  getCallId,
  getFrom,
  getTo,
  isResponse,
  parseNameAddr,
  splitHeaderValues,
  type NameAddr,
  type SipMessage,
} from '../../sip/index.js';

export interface SignatureBufferInput {
  readonly scheme: string;
  /** `crand` for a client signature, `srand` for a server one. */
  readonly rand: string;
  /** `cnum` / `snum`. */
  readonly num: string;
  readonly realm: string;
  readonly targetname: string;
  /** The SIPAE version of the SA; 3 and later add To URI and P-Asserted-Identity. */
  readonly version: number;
}

export function buildSignatureBuffer(message: SipMessage, sa: SignatureBufferInput): string {
  const cseq = getCSeq(message);
  const from = getFrom(message);
  const to = getTo(message);
  const v3 = sa.version >= 3;
  const fields: string[] = [
    sa.scheme,
    sa.rand,
    sa.num,
    sa.realm,
    sa.targetname,
    getCallId(message),
    String(cseq.seq),
    cseq.method,
    from.uri,
    tagOf(from),
  ];
  if (v3) fields.push(to.uri);
  fields.push(tagOf(to));
  if (v3) {
    const identities = assertedIdentities(message);
    fields.push(identities.sip, identities.tel);
  }
  fields.push(message.headers.get('Expires')?.trim() ?? '');
  if (isResponse(message)) fields.push(String(message.status));
  return fields.map((f) => `<${f}>`).join('');
}

function tagOf(nameAddr: NameAddr): string {
  const tag = nameAddr.params.get('tag');
  return typeof tag === 'string' ? tag : '';
}

/** The SIP and tel URIs of P-Asserted-Identity, else of P-Preferred-Identity (MS-SIP 3.1.4.2). */
function assertedIdentities(message: SipMessage): { sip: string; tel: string } {
  for (const header of ['P-Asserted-Identity', 'P-Preferred-Identity']) {
    const values = message.headers.getAll(header).flatMap(splitHeaderValues);
    if (values.length === 0) continue;
    let sip = '';
    let tel = '';
    for (const value of values) {
      let uri: string;
      try {
        uri = parseNameAddr(value.trim()).uri;
      } catch {
        continue;
      }
      const scheme = uri.slice(0, uri.indexOf(':')).toLowerCase();
      if ((scheme === 'sip' || scheme === 'sips') && sip === '') sip = uri;
      if (scheme === 'tel' && tel === '') tel = uri;
    }
    return { sip, tel };
  }
  return { sip: '', tel: '' };
}
