import type { RequestInput } from '@shared/api';
import { invoke } from '../../../lib/invoke';

/** Builds the Dockerfile as it is and with a waste fix, and compares the files; progress comes as `waste-fix:event` into the operations store. */
export function verifyWasteFix(input: RequestInput<'waste:verify-fix'>) {
  return invoke('waste:verify-fix', input);
}

/** Stops a verification (and the build it is waiting for). */
export function cancelWasteFixVerification(id: string) {
  return invoke('waste:verify-cancel', { id });
}
