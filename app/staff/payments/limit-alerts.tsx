import { Link } from '@remix-run/react'
import { campaignPath } from '#app/campaigns/urls.ts'
import type { listDonationLimitAlerts } from '#app/staff/payments.server.ts'
import { StaffTable, StaffTime } from '#app/staff/staff-ui.tsx'
import { PaymentsSection } from '#app/staff/payments/section.tsx'

type LimitAlert = Awaited<ReturnType<typeof listDonationLimitAlerts>>[number]

/** What each donation limit means, in staff's words, and the window its count covers. */
const limitSignals: Record<LimitAlert['signal'], { label: string; counted: string }> = {
	ip_failures: { label: 'Failed or abandoned payments from one connection', counted: 'in the last hour' },
	email_failures: { label: 'Failed or abandoned payments for one email address', counted: 'in the last hour' },
	ip_starts: { label: 'Many donations started from one connection', counted: 'in 10 minutes' },
	campaign_velocity: { label: 'Many donations started on one fundraiser', counted: 'in a minute' },
	global_velocity: { label: 'Many donations started across all fundraisers', counted: 'in a minute' },
}

/** Donation limits that tripped lately: each asked donors for a quick browser check, and refused nobody. */
export function LimitAlerts({ alerts, locale }: { alerts: LimitAlert[]; locale: string }) {
	return (
		<PaymentsSection
			id="limits"
			heading={`Donation limits tripped in the last 7 days (${alerts.length})`}
			explanation={
				<>
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
				</>
			}
		>
			<StaffTable
				label="Donation limits table"
				minWidth="min-w-[56rem]"
				className="mt-4"
				columns={['What tripped', 'About', 'Counted (limit)', 'Checks asked / passed', 'Seen']}
				rows={alerts}
				rowKey={(alert) => alert.id}
				empty="No donation limit has tripped."
			>
				{(alert) => (
					<>
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
							<StaffTime value={alert.firstSeenAt} locale={locale} />
							{' – '}
							<StaffTime value={alert.lastSeenAt} locale={locale} />
						</td>
					</>
				)}
			</StaffTable>
		</PaymentsSection>
	)
}
