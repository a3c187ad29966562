import { Link } from '@remix-run/react'
import { type ReactNode } from 'react'
import { campaignPath } from '#app/campaigns/urls.ts'
import type { AttentionOutcome, PayloadAmount, listStripeEventsNeedingAttention } from '#app/staff/payments.server.ts'
import { StaffTable, StaffTime } from '#app/staff/staff-ui.tsx'
import { formatMoney } from '#app/utils/money.ts'
import { donationStatusLabels } from '#app/utils/status-labels.ts'
import { PaymentsSection } from '#app/staff/payments/section.tsx'

type AttentionEvent = Awaited<ReturnType<typeof listStripeEventsNeedingAttention>>[number]

const amountLabels: Record<PayloadAmount['label'], string> = { total: 'Total', amount: 'Amount', refunded: 'Refunded' }

/** The Stripe events a person should look at, one section per outcome, in this order. */
export const attentionSections: {
	outcome: AttentionOutcome
	heading: string
	explanation: ReactNode
	empty: string
}[] = [
	{
		outcome: 'held_for_review',
		heading: 'Held for review',
		explanation: (
			<>
				<p>
					Stripe told us about a payment, but its amount, its currency or the donation it names did not match what we
					expected, it named a second payment for a donation already paid, or it could not be read at all. To be safe,{' '}
					<strong>it was not counted</strong> in any fundraiser’s total.
				</p>
				<p>
					<strong>What to do:</strong> look the payment up in the Stripe dashboard (search for the payment or event id
					below) and compare it with the donation. If the money is real and belongs to the charity, contact the donor or
					refund it there; ask a developer before adjusting any total by hand.
				</p>
			</>
		),
		empty: 'Nothing is held for review.',
	},
	{
		outcome: 'deferred',
		heading: 'Deferred',
		explanation: (
			<>
				<p>
					A refund or dispute arrived for a payment we have not recorded yet (Stripe does not always send events in
					order). It is kept and <strong>applies by itself as soon as the payment arrives</strong>.
				</p>
				<p>
					<strong>What to do:</strong> usually nothing. If one stays here for more than a day, ask a developer to run{' '}
					<code className="rounded bg-sand px-1">npm run money:reconcile</code>, which fetches recent payments from
					Stripe and records any we missed; the deferred event then applies.
				</p>
			</>
		),
		empty: 'Nothing is deferred.',
	},
]

/** One outcome's events: what Stripe sent, why we set it aside, and the donation it names. */
export function AttentionEvents({
	section,
	events,
	locale,
}: {
	section: (typeof attentionSections)[number]
	events: AttentionEvent[]
	locale: string
}) {
	const rows = events.filter((event) => event.outcome === section.outcome)
	return (
		<PaymentsSection
			id={section.outcome}
			heading={`${section.heading} (${rows.length})`}
			explanation={section.explanation}
		>
			<StaffTable
				label={`${section.heading} table`}
				minWidth="min-w-[56rem]"
				className="mt-4"
				columns={['Event', 'Why it is here', 'Amount in the event', 'Donation', 'Received']}
				rows={rows}
				rowKey={(event) => event.id}
				empty={section.empty}
			>
				{(event) => (
					<>
						<td className="p-3">
							<span className="font-semibold">{event.type}</span>
							<br />
							<code className="text-sm break-all">{event.id}</code>
							{event.paymentIntentId ? (
								<>
									<br />
									<span className="text-sm text-muted">Payment </span>
									<code className="text-sm break-all">{event.paymentIntentId}</code>
								</>
							) : null}
						</td>
						<td className="p-3 wrap-anywhere">{event.note ?? <span className="text-muted">No note</span>}</td>
						<td className="p-3">
							{event.amounts.length === 0 ? (
								<span className="text-muted">Not given</span>
							) : (
								<ul>
									{event.amounts.map((amount) => (
										<li key={amount.label} className="whitespace-nowrap">
											{amountLabels[amount.label]}: {formatMoney(amount.amountMinor, amount.currency, locale)}
										</li>
									))}
								</ul>
							)}
						</td>
						<td className="p-3">
							<EventDonation event={event} locale={locale} />
						</td>
						<td className="p-3 whitespace-nowrap">
							<StaffTime value={event.receivedAt} locale={locale} />
						</td>
					</>
				)}
			</StaffTable>
		</PaymentsSection>
	)
}

function EventDonation({ event, locale }: { event: AttentionEvent; locale: string }) {
	if (!event.donationId || event.donorName === null) return <span className="text-muted">No matching donation</span>
	return (
		<>
			<span className="wrap-anywhere">{event.donorName}</span>
			{event.donationAmountMinor !== null && event.donationCurrency ? (
				<> · {formatMoney(event.donationAmountMinor, event.donationCurrency, locale)}</>
			) : null}
			<span className="text-sm text-muted">
				{' '}
				({event.donationStatus ? donationStatusLabels[event.donationStatus] : null})
			</span>
			<br />
			{event.campaignSlug !== null ? (
				<Link to={campaignPath(event.campaignSlug)} className="text-brand underline wrap-anywhere">
					{event.campaignTitle}
				</Link>
			) : null}
		</>
	)
}
