import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { ActionNotice } from '#app/components/action-notice.tsx'
import { FormErrors, FormTokenInput, SubmitButton } from '#app/components/form-fields.tsx'
import { eventPath } from '#app/events/kinds.ts'
import { loadFeePage, submitFeePayment } from '#app/events/registration-fees.server.ts'

export const loader = ({ request, params }: LoaderFunctionArgs) => loadFeePage(request, params.slug ?? '')

export const action = ({ request, params }: ActionFunctionArgs) => submitFeePayment(request, params.slug ?? '')

export const meta: MetaFunction<typeof loader> = ({ data }) => [
	{ title: data ? `Registration fee: ${data.eventName}` : 'Registration fee' },
	{ name: 'robots', content: 'noindex' },
]

export default function RegistrationFee() {
	const { eventName, eventSlug, campaignId, status, fee, returnedFromCheckout, formToken } =
		useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const navigation = useNavigation()
	return (
		<div className="mx-auto max-w-xl px-4 py-10">
			<Link to={eventPath(eventSlug)} className="text-brand underline">
				← {eventName}
			</Link>
			<h1 className="mt-3 text-3xl font-bold">Your registration fee</h1>
			{status === 'awaiting_fee' ? (
				<>
					{returnedFromCheckout ? (
						<ActionNotice className="mt-4" tone="warn">
							Thank you! We are waiting for the payment to be confirmed; this page will show it in a moment.
						</ActionNotice>
					) : null}
					<p className="mt-4">
						{eventName} has a registration fee of <strong>{fee}</strong>. It covers the event itself and does not count
						towards your fundraising total. Your page goes live as soon as it is paid.
					</p>
					<Form method="post" className="mt-6 space-y-4">
						<FormTokenInput token={formToken} />
						<FormErrors errors={actionData?.error ? [actionData.error] : undefined} />
						<SubmitButton pending={navigation.state !== 'idle'}>Pay the registration fee ({fee})</SubmitButton>
					</Form>
				</>
			) : (
				<ActionNotice className="mt-4">
					{status === 'fee_refunded'
						? 'Your registration fee has been refunded.'
						: 'Your registration is complete and your page is live.'}
				</ActionNotice>
			)}
			<p className="mt-6">
				<Link to={`/dashboard/${campaignId}`} className="text-brand underline">
					Go to your page’s dashboard
				</Link>
			</p>
		</div>
	)
}
