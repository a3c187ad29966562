import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react'
import { ActionNotice } from '#app/components/action-notice.tsx'
import { FormErrors, SubmitButton } from '#app/components/form-fields.tsx'
import { getCharity } from '#app/config/charity.server.ts'
import { getFeeRefundView, refundRegistrationFee } from '#app/events/fee-refunds.server.ts'
import { requireStaff } from '#app/people/session.server.ts'
import { formValue, readFormData } from '#app/utils/forms.server.ts'
import { formatMoney } from '#app/utils/money.ts'
import { registrationStatusLabels } from '#app/utils/status-labels.ts'

export async function loader({ request, params }: LoaderFunctionArgs) {
	await requireStaff(request)
	const view = await getFeeRefundView(params.eventId ?? '', params.registrationId ?? '')
	if (!view) throw data({ error: 'There is no such registration.' }, { status: 404 })
	const { registration } = view
	const money = (minor: number) => formatMoney(minor, registration.currency, getCharity().locale)
	return {
		eventId: registration.eventId,
		eventName: view.eventName,
		participant: `${view.firstName} ${view.lastName}`.trim(),
		status: registration.status,
		fee: money(registration.feeMinor ?? 0),
		refunded: money(registration.feeRefundedMinor),
	}
}

export async function action({ request, params }: ActionFunctionArgs) {
	const staff = await requireStaff(request)
	const reason =
		formValue(await readFormData(request), 'reason')
			.trim()
			.slice(0, 500) || null
	const refunded = await refundRegistrationFee(staff, params.eventId ?? '', params.registrationId ?? '', reason)
	if (!refunded.ok) return data({ error: refunded.message }, { status: refunded.status })
	return redirect(`${new URL(request.url).pathname}?done=refunded`, 303)
}

export const meta: MetaFunction = () => [
	{ title: 'Refund a registration fee — Staff' },
	{ name: 'robots', content: 'noindex' },
]

/** Staff refund one participant's registration fee (event income, never part of any fundraising total). */
export default function RefundRegistrationFee() {
	const { eventId, eventName, participant, status, fee, refunded } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const navigation = useNavigation()
	const [searchParams] = useSearchParams()
	return (
		<div className="mx-auto max-w-xl px-4 py-10">
			<Link to={`/staff/events/${eventId}`} className="text-brand underline">
				← {eventName}
			</Link>
			<h1 className="mt-3 text-3xl font-bold">Refund {participant}’s registration fee</h1>
			{searchParams.get('done') === 'refunded' ? (
				<ActionNotice className="mt-4">
					The refund was sent to Stripe. It shows here once Stripe confirms it.
				</ActionNotice>
			) : null}
			<p className="mt-4">
				Fee {fee} · refunded so far {refunded} · {registrationStatusLabels[status]}
			</p>
			{status === 'paid' ? (
				<Form method="post" className="mt-6 space-y-4">
					<FormErrors errors={actionData?.error ? [actionData.error] : undefined} />
					<div>
						<label htmlFor="reason" className="field-label">
							Reason (kept in the audit log)
						</label>
						<input id="reason" name="reason" maxLength={500} className="field-input" />
					</div>
					<SubmitButton pending={navigation.state !== 'idle'}>Refund the {fee} fee</SubmitButton>
				</Form>
			) : null}
		</div>
	)
}
