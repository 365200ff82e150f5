import type { SystemActor } from '../actor';

/** Who acts when Paystack confirms a payment (webhook or callback): shown in the activity feed. */
export const PAYSTACK_ACTOR: SystemActor = { kind: 'system', name: 'Paystack' };
