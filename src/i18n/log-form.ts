import type { Lang } from '../domain/types';
import { type Strings, strings } from './index';

/** The log form's field errors, plain text, in the group's language. */
export function logFormStrings(lang: Lang): Strings['formErrors'] {
  return strings(lang).formErrors;
}
