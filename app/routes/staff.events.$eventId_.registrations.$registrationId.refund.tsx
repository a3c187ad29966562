import { parseWithZod } from '@conform-to/zod/v4'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { ActionNotice } from '#app/components/action-notice.tsx'
import { getCharity } from '#app/config/charity.server.ts'
import { getFeeRefundView, refundRegistrationFee } from '#app/events/fee-refunds.server.ts'
import { requireStaff } from '#app/people/session.server.ts'
import { FeeRefundForm } from '#app/staff/events/fee-refund-form.tsx'
import { feeRefundSchema } from '#app/staff/events/fee-refund-schema.ts'
import { formValue, readFormData } from '#app/utils/forms.server.ts'
import { formatMoney, minorToMajorString } from '#app/utils/money.ts'
import { registrationStatusLabels } from '#app/utils/status-labels.ts'

async function requireRefundView(params: LoaderFunctionArgs['params']) {
	const view = await getFeeRefundView(params.eventId ?? '', params.registrationId ?? '')
	if (!view) throw data({ error: 'There is no such registration.' }, { status: 404 })
	const { registration } = view
	const leftMinor = Math.max(0, (registration.feeMinor ?? 0) - registration.feeRefundedMinor)
	return { view, registration, leftMinor, locale: getCharity().locale }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
	await requireStaff(request)
	const { view, registration, leftMinor, locale } = await requireRefundView(params)
	const money = (minor: number) => formatMoney(minor, registration.currency, locale)
	return {
		eventId: registration.eventId,
		eventName: view.eventName,
		participant: `${view.firstName} ${view.lastName}`.trim(),
		status: registration.status,
		fee: money(registration.feeMinor ?? 0),
		refunded: money(registration.feeRefundedMinor),
		left: money(leftMinor),
		leftMinor,
		leftText: minorToMajorString(leftMinor, registration.currency),
		refundedBefore: registration.feeRefundedMinor,
		currency: registration.currency,
		locale,
	}
}

export async function action({ request, params }: ActionFunctionArgs) {
	const staff = await requireStaff(request)
	const { registration, locale } = await requireRefundView(params)
	const formData = await readFormData(request)
	// Checked against what was left when the form was drawn: a resent form is the same refund (the server decides
	// whether it has been made), and a stale one is caught by refundRegistrationFee.
	const before = Number(formValue(formData, 'refundedBefore'))
	const basis = Number.isSafeInteger(before) && before >= 0 ? before : registration.feeRefundedMinor
	const leftMinor = Math.max(0, (registration.feeMinor ?? 0) - basis)
	const schema = feeRefundSchema({ currency: registration.currency, locale, leftMinor })
	const submission = parseWithZod(formData, { schema })
	if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
	const refunded = await refundRegistrationFee(staff, registration.eventId, registration.id, {
		amountMinor: submission.value.amount,
		refundedBefore: submission.value.refundedBefore,
		reason: submission.value.reason,
	})
	if (!refunded.ok) {
		const reply =
			refunded.field === 'amount'
				? submission.reply({ fieldErrors: { amount: [refunded.message] } })
				: submission.reply({ formErrors: [refunded.message], resetForm: refunded.status === 409 })
		return data({ result: reply }, { status: refunded.status })
	}
	return redirect(`${new URL(request.url).pathname}?done=refunded`, 303)
}

export const meta: MetaFunction = () => [
	{ title: 'Refund a registration fee — Staff' },
	{ name: 'robots', content: 'noindex' },
]

/** Staff refund all or part of one participant's registration fee (event income, never part of any fundraising total). */
export default function RefundRegistrationFee() {
	const d = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const [searchParams] = useSearchParams()
	return (
		<div className="mx-auto max-w-xl px-4 py-10">
			<Link to={`/staff/events/${d.eventId}`} className="text-brand underline">
				← {d.eventName}
			</Link>
			<h1 className="mt-3 text-3xl font-bold">Refund {d.participant}’s registration fee</h1>
			{searchParams.get('done') === 'refunded' ? (
				<ActionNotice className="mt-4">
					The refund was sent to Stripe. It shows here once Stripe confirms it.
				</ActionNotice>
			) : null}
			<p className="mt-4">
				Fee {d.fee} · refunded so far {d.refunded} · {registrationStatusLabels[d.status]}
			</p>
			{d.status === 'paid' && d.leftMinor > 0 ? (
				<FeeRefundForm
					lastResult={actionData?.result}
					currency={d.currency}
					locale={d.locale}
					leftMinor={d.leftMinor}
					left={d.left}
					leftText={d.leftText}
					refundedBefore={d.refundedBefore}
				/>
			) : null}
		</div>
	)
}
