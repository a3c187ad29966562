import type {
	CampaignStatus,
	DisputeStatus,
	DonationStatus,
	emailStatus,
	EventRegistration,
	EventState,
	GiftAidClaim,
	PersonRole,
} from '#db/schema.ts'

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

/** What a person's role lets them do, as Staff → People shows it. */
export const personRoleLabels: Record<PersonRole, string> = {
	supporter: 'No staff access',
	staff: 'Staff',
	admin: 'Admin (manages staff access)',
}

type EmailStatus = (typeof emailStatus.enumValues)[number]

/** An email's delivery status as the staff emails page names it (filter, counts and list). */
export const emailStatusLabels: Record<EmailStatus, string> = {
	scheduled: 'Scheduled',
	cancelled: 'Cancelled',
	queued: 'Queued',
	sending: 'Sending',
	sent: 'Sent',
	delivered: 'Delivered',
	bounced: 'Bounced',
	failed: 'Failed',
	suppressed: 'Suppressed',
}

/**
 * The staff overview's longer wording for the email counts it shows, in its
 * order. It has no row for `sending` (an email a worker is handing to the
 * provider at that moment).
 */
export const emailStatusExplained = {
	scheduled: 'Scheduled (waiting for their time)',
	cancelled: 'Cancelled (sequence stopped or opted out)',
	queued: 'Queued',
	sent: 'Sent',
	delivered: 'Delivered',
	bounced: 'Bounced',
	failed: 'Failed after every retry',
	suppressed: 'Not sent (address suppressed)',
} as const satisfies Partial<Record<EmailStatus, string>>

export const eventStateLabels: Record<EventState, string> = {
	draft: 'Draft',
	open: 'Open for registration',
	closed: 'Registration closed',
	ended: 'Ended',
}

export const giftAidClaimStatusLabels: Record<GiftAidClaim['status'], string> = {
	draft: 'Created, not sent yet',
	submitted: 'Submitted to HMRC',
	paid: 'Paid by HMRC',
}
