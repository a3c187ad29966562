import { Link } from '@remix-run/react'
import { campaignPath } from '#app/campaigns/urls.ts'
import type { listDisputesForStaff, listFeeDisputesForStaff } from '#app/staff/payments.server.ts'
import { StaffTable, StaffTime } from '#app/staff/staff-ui.tsx'
import { formatMoney } from '#app/utils/money.ts'
import { disputeStatusLabels, donationStatusLabels } from '#app/utils/status-labels.ts'
import { PaymentsSection } from '#app/staff/payments/section.tsx'

type DonationDispute = Awaited<ReturnType<typeof listDisputesForStaff>>[number]
type FeeDispute = Awaited<ReturnType<typeof listFeeDisputesForStaff>>[number]
/** One row of the table: a donation's dispute, or a registration fee's (which moves nothing in the money record). */
type Dispute = (DonationDispute & { fee?: undefined }) | (FeeDispute & { fee: true })

/** The statuses that wait on the charity's answer before a deadline. */
const needsResponse = new Set(['warning_needs_response', 'needs_response'])

/** Every dispute and inquiry, with the money it moved and the donation it is about. */
export function Disputes({
	disputes: donationDisputes,
	feeDisputes,
	locale,
}: {
	disputes: DonationDispute[]
	feeDisputes: FeeDispute[]
	locale: string
}) {
	const disputes: Dispute[] = [...donationDisputes, ...feeDisputes.map((d) => ({ ...d, fee: true as const }))].sort(
		(a, b) => new Date(b.updatedAt).getTime() - new Date(a.updatedAt).getTime(),
	)
	return (
		<PaymentsSection
			id="disputes"
			heading={`Disputes (${disputes.length})`}
			explanation={
				<>
					<p>
						Every dispute and inquiry a donor’s bank opened. <strong>An inquiry moves no money.</strong> A chargeback’s
						amount leaves the fundraiser’s total when Stripe withdraws the funds, and comes back if the charity wins. A
						dispute of a <strong>registration fee</strong> is event income: it never touches any fundraising total.
					</p>
					<p>
						<strong>What to do:</strong> answer any dispute that needs a response in the Stripe dashboard (search for
						its id) before its deadline; the status here follows by itself.
					</p>
				</>
			}
		>
			<StaffTable
				label="Disputes table"
				minWidth="min-w-[56rem]"
				className="mt-4"
				columns={['Dispute', 'Status', 'Disputed', 'Money moved', 'Payment', 'Last change']}
				rows={disputes}
				rowKey={(dispute) => dispute.id}
				empty="No disputes."
			>
				{(dispute) => (
					<>
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
						<td className="p-3 whitespace-nowrap">{formatMoney(dispute.amountMinor, dispute.currency, locale)}</td>
						{dispute.fee ? (
							<>
								<td className="p-3 text-muted">None (not in any total)</td>
								<td className="p-3">
									<span className="font-semibold">Registration fee</span> of{' '}
									<span className="wrap-anywhere">{dispute.participant}</span>
									<br />
									<Link to={`/staff/events/${dispute.eventId}`} className="text-brand underline wrap-anywhere">
										{dispute.eventName}
									</Link>
								</td>
							</>
						) : (
							<>
								<td className="p-3">
									<MoneyMoved dispute={dispute} locale={locale} />
								</td>
								<td className="p-3">
									<span className="wrap-anywhere">{dispute.donorName}</span>
									<span className="text-sm text-muted"> ({donationStatusLabels[dispute.donationStatus]})</span>
									<br />
									<Link to={campaignPath(dispute.campaignSlug)} className="text-brand underline wrap-anywhere">
										{dispute.campaignTitle}
									</Link>
								</td>
							</>
						)}
						<td className="p-3 whitespace-nowrap">
							<StaffTime value={dispute.updatedAt} locale={locale} />
						</td>
					</>
				)}
			</StaffTable>
		</PaymentsSection>
	)
}

function MoneyMoved({ dispute, locale }: { dispute: DonationDispute; locale: string }) {
	if (dispute.withdrawnMinor === 0 && dispute.reinstatedMinor === 0) return <span className="text-muted">None</span>
	return (
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
	)
}
