import { describe, expect, it } from 'vitest';
import { Dialog, DialogTable, unknownDialogResponse } from '../../src/dialog/index.js';
import { createResponse } from '../../src/sip/index.js';
import { seedRequest, seedResponse } from './seed.js';

describe('DialogTable', () => {
  // Carol's focus dialog (D1) from her side: rebuilt from seed msg 4 (her BYE) and msg 8 (its 200).
  const bye = seedRequest(4);
  const dialog = Dialog.asUac(bye, seedResponse(8));

  it('finds an inbound request by Call-ID + our To tag + their From tag', () => {
    const table = new DialogTable();
    table.add(dialog);
    expect(table.size).toBe(1);
    expect(table.find(seedRequest(6))).toBe(dialog);
    expect(table.find(seedRequest(7))).toBeUndefined();
  });

  it('finds a response by our From tag + their To tag', () => {
    const table = new DialogTable();
    table.add(dialog);
    expect(table.find(seedResponse(8))).toBe(dialog);
    expect(table.find(seedRequest(4), 'uac')).toBe(dialog);
    expect(table.find(seedRequest(4), 'uas')).toBeUndefined();
  });

  it('deletes', () => {
    const table = new DialogTable();
    table.add(dialog);
    expect(table.delete(dialog)).toBe(true);
    expect(table.find(seedRequest(6))).toBeUndefined();
    expect(table.delete(dialog)).toBe(false);
  });

  it('answers an unknown in-dialog request with 481 Call/Transaction Does Not Exist', () => {
    const request = seedRequest(7);
    const response = unknownDialogResponse(request);
    expect(response.status).toBe(481);
    expect(response.reason).toBe('Call/Transaction Does Not Exist');
    expect(response.headers.getAll('via')).toEqual(request.headers.getAll('via'));
    expect(response.headers.get('to')).toBe(request.headers.get('to'));
    expect(response.headers.get('cseq')).toBe('2 BYE');
    expect(createResponse(request, 481).headers.get('call-id')).toBe(response.headers.get('call-id'));
  });
});
