import { Link } from '@remix-run/react'
import type { EmailStatus } from '#app/staff/emails.server.ts'
import { emailStatusOrder, emailStatusTones } from '#app/staff/emails/email-status.ts'
import { emailStatusLabels } from '#app/utils/status-labels.ts'

/** How many emails are in each status; each count is a link that filters by it (or, when chosen, clears it). */
export function EmailStatusCounts({
	counts,
	current,
	linkWith,
}: {
	counts: Record<EmailStatus, number>
	current: EmailStatus | undefined
	linkWith: (changes: Record<string, string | null>) => string
}) {
	return (
		<section aria-labelledby="counts-heading">
			<h2 id="counts-heading" className="sr-only">
				Emails by status
			</h2>
			<ul className="flex flex-wrap gap-2">
				{emailStatusOrder.map((status) => (
					<li key={status}>
						<Link
							to={linkWith({ status: current === status ? null : status, page: null })}
							aria-current={current === status ? 'true' : undefined}
							className={`inline-block rounded-full px-3 py-1 text-sm no-underline ${emailStatusTones[status]} ${current === status ? 'ring-2 ring-brand' : ''}`}
						>
							{emailStatusLabels[status]}: <strong>{counts[status]}</strong>
						</Link>
					</li>
				))}
			</ul>
		</section>
	)
}
