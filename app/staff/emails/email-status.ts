import type { EmailStatus } from '#app/staff/emails.server.ts'
import { emailStatusLabels } from '#app/utils/status-labels.ts'

/** The colour of each status's badge and count. */
export const emailStatusTones: Record<EmailStatus, string> = {
	scheduled: 'bg-stone-100 text-stone-900',
	cancelled: 'bg-stone-100 text-stone-900',
	queued: 'bg-sky-100 text-sky-950',
	sending: 'bg-sky-100 text-sky-950',
	sent: 'bg-emerald-100 text-emerald-950',
	delivered: 'bg-emerald-100 text-emerald-950',
	bounced: 'bg-red-100 text-red-950',
	failed: 'bg-red-100 text-red-950',
	suppressed: 'bg-amber-100 text-amber-950',
}

// Typed as a record over every status, so a new status in the schema cannot be forgotten here.
export const emailStatusOrder = Object.keys(emailStatusLabels) as EmailStatus[]
