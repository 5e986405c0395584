export * from '../../src/conference/index.js';
import { isFocusHarnessError, type FocusHarnessErrorCode } from '../../src/errors.js';

/** True when `value` is a FocusHarnessError with `code`. */
export function isFocusHarnessErrorLike(value: unknown, code: FocusHarnessErrorCode): boolean {
  return isFocusHarnessError(value) && value.code === code;
}
