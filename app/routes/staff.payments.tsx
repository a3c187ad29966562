import { disputeStatusLabels, donationStatusLabels } from '#app/utils/status-labels.ts'
import { campaignPath } from '#app/campaigns/urls.ts'
import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { type ReactNode } from 'react'
import { getCharity } from '#app/config/charity.server.ts'
import { requireStaff } from '#app/people/session.server.ts'
import {
	listDisputesForStaff,
	listDonationLimitAlerts,
	listStripeEventsNeedingAttention,
	type AttentionOutcome,
	type PayloadAmount,
} from '#app/staff/payments.server.ts'
import { formatMoney } from '#app/utils/money.ts'
import { ScrollTable } from '#app/staff/staff-ui.tsx'
import { staffTime } from '#app/utils/time.ts'

export async function loader({ request }: LoaderFunctionArgs) {
	await requireStaff(request)
	const [events, disputes, limitAlerts] = await Promise.all([
		listStripeEventsNeedingAttention(),
		listDisputesForStaff(),
		listDonationLimitAlerts(),
	])
	return { events, disputes, limitAlerts, locale: getCharity().locale }
}

export const meta: MetaFunction = () => [
	{ title: 'Payments needing attention — Staff' },
	{ name: 'robots', content: 'noindex' },
]

const amountLabels: Record<PayloadAmount['label'], string> = { total: 'Total', amount: 'Amount', refunded: 'Refunded' }

const needsResponse = new Set(['warning_needs_response', 'needs_response'])

type LimitSignal = Awaited<ReturnType<typeof listDonationLimitAlerts>>[number]['signal']

/** What each donation limit means, in staff's words, and the window its count covers. */
const limitSignals: Record<LimitSignal, { label: string; counted: string }> = {
	ip_failures: { label: 'Failed or abandoned payments from one connection', counted: 'in the last hour' },
	email_failures: { label: 'Failed or abandoned payments for one email address', counted: 'in the last hour' },
	ip_starts: { label: 'Many donations started from one connection', counted: 'in 10 minutes' },
	campaign_velocity: { label: 'Many donations started on one fundraiser', counted: 'in a minute' },
	global_velocity: { label: 'Many donations started across all fundraisers', counted: 'in a minute' },
}

const sections: { outcome: AttentionOutcome; heading: string; explanation: ReactNode; empty: string }[] = [
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

export default function StaffPayments() {
	const { events, disputes, limitAlerts, locale } = useLoaderData<typeof loader>()
	return (
		<div className="space-y-10">
			<header>
				<h1 className="text-3xl font-bold">Payments needing attention</h1>
				<p className="mt-2 max-w-3xl text-muted">
					Every payment event from Stripe is recorded once. Almost all are applied straight away; the few below need a
					person to look, or are waiting for something else to happen first.
				</p>
			</header>
			<section aria-labelledby="limits-heading">
				<h2 id="limits-heading" className="text-2xl font-bold">
					Donation limits tripped in the last 7 days ({limitAlerts.length})
				</h2>
				<div className="mt-2 max-w-3xl space-y-2 text-[15px]">
					<p>
						When donations start unusually fast, or payments keep failing or being abandoned, donors are asked to let
						their browser do a quick check (about a second; without JavaScript, a short wait) before they go on to pay.{' '}
						<strong>Nobody is refused.</strong>
					</p>
					<p>
						<strong>What to do:</strong> usually nothing. Many checks passed looks like a crowd (an event, a shared
						Wi‑Fi); many asked and few passed looks like a script. If a script keeps at it, look at the payments in the
						Stripe dashboard.
					</p>
				</div>
				{limitAlerts.length === 0 ? (
					<p className="mt-4 text-muted">No donation limit has tripped.</p>
				) : (
					<ScrollTable label="Donation limits table" className="mt-4">
						<table className="w-full min-w-[56rem] text-left text-[15px]">
							<thead className="bg-sand">
								<tr>
									<th scope="col" className="p-3">
										What tripped
									</th>
									<th scope="col" className="p-3">
										About
									</th>
									<th scope="col" className="p-3">
										Counted (limit)
									</th>
									<th scope="col" className="p-3">
										Checks asked / passed
									</th>
									<th scope="col" className="p-3">
										Seen
									</th>
								</tr>
							</thead>
							<tbody className="divide-y divide-stone-200">
								{limitAlerts.map((alert) => (
									<tr key={alert.id} className="align-top">
										<td className="p-3 font-semibold">{limitSignals[alert.signal].label}</td>
										<td className="p-3 wrap-anywhere">
											{alert.campaignSlug ? (
												<Link to={campaignPath(alert.campaignSlug)} className="text-brand underline">
													{alert.campaignTitle}
												</Link>
											) : (
												(alert.subject ?? 'All fundraisers')
											)}
										</td>
										<td className="p-3">
											{alert.observed} {limitSignals[alert.signal].counted} ({alert.threshold})
										</td>
										<td className="p-3">
											{alert.challengesIssued} / {alert.challengesPassed}
										</td>
										<td className="p-3 whitespace-nowrap">
											<time dateTime={new Date(alert.firstSeenAt).toISOString()}>
												{staffTime(alert.firstSeenAt, locale)}
											</time>
											{' – '}
											<time dateTime={new Date(alert.lastSeenAt).toISOString()}>
												{staffTime(alert.lastSeenAt, locale)}
											</time>
										</td>
									</tr>
								))}
							</tbody>
						</table>
					</ScrollTable>
				)}
			</section>
			{sections.map((section) => {
				const rows = events.filter((event) => event.outcome === section.outcome)
				const headingId = `${section.outcome}-heading`
				return (
					<section key={section.outcome} aria-labelledby={headingId}>
						<h2 id={headingId} className="text-2xl font-bold">
							{section.heading} ({rows.length})
						</h2>
						<div className="mt-2 max-w-3xl space-y-2 text-[15px]">{section.explanation}</div>
						{rows.length === 0 ? (
							<p className="mt-4 text-muted">{section.empty}</p>
						) : (
							<ScrollTable label={`${section.heading} table`} className="mt-4">
								<table className="w-full min-w-[56rem] text-left text-[15px]">
									<thead className="bg-sand">
										<tr>
											<th scope="col" className="p-3">
												Event
											</th>
											<th scope="col" className="p-3">
												Why it is here
											</th>
											<th scope="col" className="p-3">
												Amount in the event
											</th>
											<th scope="col" className="p-3">
												Donation
											</th>
											<th scope="col" className="p-3">
												Received
											</th>
										</tr>
									</thead>
									<tbody className="divide-y divide-stone-200">
										{rows.map((event) => (
											<tr key={event.id} className="align-top">
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
												<td className="p-3 wrap-anywhere">
													{event.note ?? <span className="text-muted">No note</span>}
												</td>
												<td className="p-3">
													{event.amounts.length === 0 ? (
														<span className="text-muted">Not given</span>
													) : (
														<ul>
															{event.amounts.map((amount) => (
																<li key={amount.label} className="whitespace-nowrap">
																	{amountLabels[amount.label]}:{' '}
																	{formatMoney(amount.amountMinor, amount.currency, locale)}
																</li>
															))}
														</ul>
													)}
												</td>
												<td className="p-3">
													{event.donationId && event.donorName !== null ? (
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
																<Link
																	to={campaignPath(event.campaignSlug)}
																	className="text-brand underline wrap-anywhere"
																>
																	{event.campaignTitle}
																</Link>
															) : null}
														</>
													) : (
														<span className="text-muted">No matching donation</span>
													)}
												</td>
												<td className="p-3 whitespace-nowrap">
													<time dateTime={new Date(event.receivedAt).toISOString()}>
														{staffTime(event.receivedAt, locale)}
													</time>
												</td>
											</tr>
										))}
									</tbody>
								</table>
							</ScrollTable>
						)}
					</section>
				)
			})}
			<section aria-labelledby="disputes-heading">
				<h2 id="disputes-heading" className="text-2xl font-bold">
					Disputes ({disputes.length})
				</h2>
				<div className="mt-2 max-w-3xl space-y-2 text-[15px]">
					<p>
						Every dispute and inquiry a donor’s bank opened. <strong>An inquiry moves no money.</strong> A chargeback’s
						amount leaves the fundraiser’s total when Stripe withdraws the funds, and comes back if the charity wins.
					</p>
					<p>
						<strong>What to do:</strong> answer any dispute that needs a response in the Stripe dashboard (search for
						its id) before its deadline; the status here follows by itself.
					</p>
				</div>
				{disputes.length === 0 ? (
					<p className="mt-4 text-muted">No disputes.</p>
				) : (
					<ScrollTable label="Disputes table" className="mt-4">
						<table className="w-full min-w-[56rem] text-left text-[15px]">
							<thead className="bg-sand">
								<tr>
									<th scope="col" className="p-3">
										Dispute
									</th>
									<th scope="col" className="p-3">
										Status
									</th>
									<th scope="col" className="p-3">
										Disputed
									</th>
									<th scope="col" className="p-3">
										Money moved
									</th>
									<th scope="col" className="p-3">
										Donation
									</th>
									<th scope="col" className="p-3">
										Last change
									</th>
								</tr>
							</thead>
							<tbody className="divide-y divide-stone-200">
								{disputes.map((dispute) => (
									<tr key={dispute.id} className="align-top">
										<td className="p-3">
											<code className="text-sm break-all">{dispute.id}</code>
											{dispute.reason ? (
												<span className="block text-sm text-muted">Reason: {dispute.reason.replaceAll('_', ' ')}</span>
											) : null}
										</td>
										<td className="p-3">
											<span className={needsResponse.has(dispute.status) ? 'font-semibold text-red-900' : undefined}>
												{disputeStatusLabels[dispute.status]}
											</span>
										</td>
										<td className="p-3 whitespace-nowrap">
											{formatMoney(dispute.amountMinor, dispute.currency, locale)}
										</td>
										<td className="p-3">
											{dispute.withdrawnMinor === 0 && dispute.reinstatedMinor === 0 ? (
												<span className="text-muted">None</span>
											) : (
												<ul>
													{dispute.withdrawnMinor !== 0 ? (
														<li className="whitespace-nowrap">
															Withdrawn: {formatMoney(-dispute.withdrawnMinor, dispute.currency, locale)}
														</li>
													) : null}
													{dispute.reinstatedMinor !== 0 ? (
														<li className="whitespace-nowrap">
															Reinstated: {formatMoney(dispute.reinstatedMinor, dispute.currency, locale)}
														</li>
													) : null}
												</ul>
											)}
										</td>
										<td className="p-3">
											<span className="wrap-anywhere">{dispute.donorName}</span>
											<span className="text-sm text-muted"> ({donationStatusLabels[dispute.donationStatus]})</span>
											<br />
											<Link to={campaignPath(dispute.campaignSlug)} className="text-brand underline wrap-anywhere">
												{dispute.campaignTitle}
											</Link>
										</td>
										<td className="p-3 whitespace-nowrap">
											<time dateTime={new Date(dispute.updatedAt).toISOString()}>
												{staffTime(dispute.updatedAt, locale)}
											</time>
										</td>
									</tr>
								))}
							</tbody>
						</table>
					</ScrollTable>
				)}
			</section>
		</div>
	)
}
