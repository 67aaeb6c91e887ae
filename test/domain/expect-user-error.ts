import { type ErrorParams, isUserError, type UserErrorCode } from '../../src/domain/errors';

/** Runs `fn`, expecting it to refuse with a UserError; returns the error's code and params. */
export function userErrorOf(fn: () => unknown): { code: UserErrorCode; params: ErrorParams } {
  try {
    fn();
  } catch (err) {
    if (isUserError(err)) return { code: err.code, params: err.params };
    throw err;
  }
  throw new Error('expected a UserError, but nothing was thrown');
}
