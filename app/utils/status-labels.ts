import type { CampaignStatus, DisputeStatus, DonationStatus, EventRegistration } from '#db/schema.ts'

/**
 * The words people read for each status, in one place, so the dashboard, the
 * staff pages and exports say the same thing. Safe on the client.
 */

export const campaignStatusLabels: Record<CampaignStatus, string> = {
	draft: 'Draft',
	active: 'Live',
	ended: 'Ended',
	hidden: 'Hidden by staff',
}

export const donationStatusLabels: Record<DonationStatus, string> = {
	pending: 'Checkout started',
	processing: 'Payment settling',
	succeeded: 'Paid',
	failed: 'Payment failed',
	expired: 'Checkout abandoned',
	pending_confirmation: 'Pending confirmation',
	rejected: 'Not confirmed by our team',
	partially_refunded: 'Partly refunded',
	refunded: 'Refunded',
	disputed: 'Disputed by the donor’s bank',
	dispute_lost: 'Lost to a bank dispute',
	dispute_won: 'Dispute won',
}

export const registrationStatusLabels: Record<EventRegistration['status'], string> = {
	free: 'No fee',
	awaiting_fee: 'Fee not paid yet',
	paid: 'Fee paid',
	fee_refunded: 'Fee refunded',
}

/** Statuses of a gift that was counted and then (partly) taken back, or might be. */
export const takenBackStatuses: ReadonlySet<DonationStatus> = new Set([
	'partially_refunded',
	'refunded',
	'disputed',
	'dispute_lost',
	'dispute_won',
])

export const disputeStatusLabels: Record<DisputeStatus, string> = {
	warning_needs_response: 'Inquiry: needs a response',
	warning_under_review: 'Inquiry: under review',
	warning_closed: 'Inquiry closed',
	needs_response: 'Chargeback: needs a response',
	under_review: 'Chargeback: under review',
	won: 'Won',
	lost: 'Lost',
	prevented: 'Prevented',
}
