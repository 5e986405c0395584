/**
 * Built-in scenario `eject`: MS-CONFIM 4.3.1 "A User Is Ejected from an IM Conference", with
 * Carol's client reacting as the seed's does — on the terminated subscription she BYEs her focus
 * (D1) and IM MCU (D3) dialogs herself. E3/E4 pass on either ending (the server's BYE or the answer
 * to hers); whether the server BYE'd too is recorded (L2). The flow and its assertions:
 * {@link runEjectFlow}; the variant where only the server can end the dialogs is `eject-passive`.
 */
import { defineScenario } from '../define-scenario.js';
import { runEjectFlow } from './eject-flow.js';

export default defineScenario({
  name: 'eject',
  title: 'A presenter ejects a participant from an IM conference',
  spec: 'MS-CONFIM 4.3.1',
  roles: ['alice', 'bob', 'carol'],
  run: (ctx) => runEjectFlow(ctx, 'leaves'),
});
