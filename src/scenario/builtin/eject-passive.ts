/**
 * Built-in scenario `eject-passive`: the ejection of MS-CONFIM 4.3.1 with a passive victim — Carol's
 * client does not BYE when its subscription ends with `reason=ParticipantRemoved`
 * (`leaveOnRemoval: false`), so the focus MUST send its BYE in D1 (E3, seed msg 6) and the IM MCU its
 * BYE in D3 (E4, seed msg 7); Carol answers them 200. Everything else is as in `eject`
 * ({@link runEjectFlow}).
 */
import { defineScenario } from '../define-scenario.js';
import { runEjectFlow } from './eject-flow.js';

export default defineScenario({
  name: 'eject-passive',
  title: 'A presenter ejects a passive participant; the server must end its dialogs',
  spec: 'MS-CONFIM 4.3.1',
  roles: ['alice', 'bob', 'carol'],
  endpointOptions: { carol: { leaveOnRemoval: false } },
  run: (ctx) => runEjectFlow(ctx, 'passive'),
});
