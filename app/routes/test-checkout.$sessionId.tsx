import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { getCharity } from '#app/config/charity.server.ts'
import { completeTestCheckout, getTestCheckout } from '#app/donations/test-checkout.server.ts'
import { testOutcomes, type TestOutcome } from '#app/donations/test-outcomes.ts'
import { formValue, readFormData } from '#app/utils/forms.server.ts'
import { formatMoney } from '#app/utils/money.ts'

export async function loader({ params }: LoaderFunctionArgs) {
	const checkout = await getTestCheckout(params.sessionId ?? '')
	if (!checkout) throw data({ error: 'There is no test checkout here.' }, { status: 404 })
	return {
		what: checkout.what,
		open: checkout.open,
		cancelTo: checkout.cancelTo,
		total: formatMoney(checkout.amountMinor, checkout.currency, getCharity().locale),
		email: checkout.email,
	}
}

export async function action({ request, params }: ActionFunctionArgs) {
	const sessionId = params.sessionId ?? ''
	const formData = await readFormData(request)
	const outcome = formValue(formData, 'outcome')
	if (!testOutcomes.some((o) => o.value === outcome))
		return data({ error: 'Please choose what should happen.' }, { status: 400 })
	const result = await completeTestCheckout(sessionId, outcome as TestOutcome)
	if (!result.ok) throw data({ error: 'There is no test checkout here.' }, { status: 404 })
	if (result.declined)
		return data({ error: 'Your card was declined. Choose another outcome to try again.' }, { status: 402 })
	return redirect(result.doneTo, 303)
}

export const meta: MetaFunction = () => [
	{ title: 'Test checkout (no real payment)' },
	{ name: 'robots', content: 'noindex' },
]

export default function TestCheckout() {
	const { what, open, cancelTo, total, email } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const navigation = useNavigation()
	return (
		<div className="bg-sand">
			<div className="mx-auto max-w-xl px-4 py-10">
				<p className="rounded-md bg-amber-400 px-4 py-2 text-center font-bold tracking-wider text-black">
					TEST MODE — no real payment
				</p>
				<h1 className="mt-6 text-3xl font-bold">Test checkout</h1>
				<p className="mt-2 text-muted">
					This page stands in for Stripe Checkout while no Stripe account is configured. It sends Stripe-shaped, signed
					events to the same webhook that real Stripe uses.
				</p>
				<dl className="mt-6 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 rounded-xl bg-white p-5 shadow-sm">
					<dt className="font-semibold">Paying for</dt>
					<dd>{what}</dd>
					<dt className="font-semibold">Total</dt>
					<dd data-testid="checkout-total">{total}</dd>
					<dt className="font-semibold">Email</dt>
					<dd>{email}</dd>
				</dl>
				{!open ? (
					<p className="mt-4 rounded-md bg-brand-light p-3">This checkout has already been completed.</p>
				) : (
					<Form method="post" className="mt-6 space-y-4 rounded-xl bg-white p-5 shadow-sm">
						{actionData?.error ? (
							<p role="alert" className="rounded-md border border-red-300 bg-red-50 p-3 text-red-900">
								{actionData.error}
							</p>
						) : null}
						<fieldset>
							<legend className="field-label">What should happen?</legend>
							<div className="mt-2 space-y-2">
								{testOutcomes.map((outcome, index) => (
									<div key={outcome.value} className="flex items-center gap-3">
										<input
											type="radio"
											id={`outcome-${outcome.value}`}
											name="outcome"
											value={outcome.value}
											defaultChecked={index === 0}
											className="h-5 w-5 accent-brand"
										/>
										<label htmlFor={`outcome-${outcome.value}`}>{outcome.label}</label>
									</div>
								))}
							</div>
						</fieldset>
						<button
							type="submit"
							className="btn-primary w-full"
							aria-disabled={navigation.state !== 'idle' || undefined}
						>
							Pay {total} (test)
						</button>
					</Form>
				)}
				<p className="mt-6">
					<Link to={cancelTo} className="text-brand underline">
						Cancel and go back
					</Link>
				</p>
			</div>
		</div>
	)
}
