import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { getCharity } from '#app/config/charity.server.ts'
import { requireStaff } from '#app/people/session.server.ts'
import { AttentionEvents, attentionSections } from '#app/staff/payments/attention-events.tsx'
import { Disputes } from '#app/staff/payments/disputes.tsx'
import { LimitAlerts } from '#app/staff/payments/limit-alerts.tsx'
import {
	listDisputesForStaff,
	listDonationLimitAlerts,
	listFeeDisputesForStaff,
	listStripeEventsNeedingAttention,
} from '#app/staff/payments.server.ts'

export async function loader({ request }: LoaderFunctionArgs) {
	await requireStaff(request)
	const [events, disputes, feeDisputes, limitAlerts] = await Promise.all([
		listStripeEventsNeedingAttention(),
		listDisputesForStaff(),
		listFeeDisputesForStaff(),
		listDonationLimitAlerts(),
	])
	return { events, disputes, feeDisputes, limitAlerts, locale: getCharity().locale }
}

export const meta: MetaFunction = () => [
	{ title: 'Payments needing attention — Staff' },
	{ name: 'robots', content: 'noindex' },
]

export default function StaffPayments() {
	const { events, disputes, feeDisputes, limitAlerts, locale } = useLoaderData<typeof loader>()
	return (
		<div className="space-y-10">
			<header>
				<h1 className="text-3xl font-bold">Payments needing attention</h1>
				<p className="mt-2 max-w-3xl text-muted">
					Every payment event from Stripe is recorded once. Almost all are applied straight away; the few below need a
					person to look, or are waiting for something else to happen first.
				</p>
			</header>
			<LimitAlerts alerts={limitAlerts} locale={locale} />
			{attentionSections.map((section) => (
				<AttentionEvents key={section.outcome} section={section} events={events} locale={locale} />
			))}
			<Disputes disputes={disputes} feeDisputes={feeDisputes} locale={locale} />
		</div>
	)
}
