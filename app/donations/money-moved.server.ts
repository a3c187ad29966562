import { queueFundraisingMilestones } from '#app/email/sequences.server.ts'
import { type Tx } from '#db/client.server.ts'
import { type RecordedMovement } from './ledger.server.ts'

/** Whether a movement brought a gift's money in (a counted online or offline gift), as opposed to a refund, a dispute or a reinstatement. */
export function isNewGiftMoney(moved: Pick<RecordedMovement, 'kind' | 'amountMinor'>) {
	return moved.amountMinor > 0 && (moved.kind === 'donation_succeeded' || moved.kind === 'offline_confirmed')
}

/**
 * What follows money moving, in the same transaction: new gift money may
 * cross a milestone or be the first gift, and the fundraiser hears of it.
 * The ledger itself only records money; callers that move it call this
 * (the demo seed does not, so demo data queues no emails).
 */
export async function afterMoneyMoved(tx: Tx, moved: RecordedMovement | null) {
	if (!moved || !isNewGiftMoney(moved)) return
	await queueFundraisingMilestones(tx, moved.campaignId, moved, moved.donationId)
}
