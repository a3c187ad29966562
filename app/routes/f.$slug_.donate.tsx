import { campaignPath } from '#app/campaigns/urls.ts'
import { getFormProps, getInputProps, getTextareaProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useState } from 'react'
import { redirectFromFormerSlug } from '#app/campaigns/campaigns.server.ts'
import { DonationCheck } from '#app/components/donation-check.tsx'
import { FieldErrors, FormErrors, Honeypot, TextField } from '#app/components/form-fields.tsx'
import { loadDonationPage, submitDonation } from '#app/donations/donate-page.server.ts'
import { donationFields, donationSchema, MESSAGE_MAX } from '#app/donations/donation-schema.ts'
import { coverFeeMinor } from '#app/donations/fees.ts'
import { formatMoney, parseMajorToMinor } from '#app/utils/money.ts'

export async function loader({ request, params }: LoaderFunctionArgs) {
	// A former link is never anyone's current one, so it can be looked up first.
	await redirectFromFormerSlug(request, params.slug ?? '')
	return loadDonationPage(params.slug ?? '', new URL(request.url).searchParams.get('cancelled'))
}

export const action = ({ request, context, params }: ActionFunctionArgs) =>
	submitDonation(request, context, params.slug ?? '')

export const meta: MetaFunction<typeof loader> = ({ data }) => [
	{ title: data ? `Donate to ${data.campaign.title}` : 'Donate' },
	{ name: 'robots', content: 'noindex' },
]

export default function Donate() {
	const { campaign, organiser, presets, limits, fee, locale, charityName, testMode, defaults, cancelled } =
		useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const navigation = useNavigation()
	const schema = donationSchema(limits)
	const [form, fields] = useForm({
		id: 'donate',
		lastResult: actionData?.result,
		constraint: getZodConstraint(donationFields),
		defaultValue: defaults,
		shouldValidate: 'onBlur',
		shouldRevalidate: 'onInput',
		onValidate: ({ formData }) => parseWithZod(formData, { schema }),
	})
	const [choice, setChoice] = useState<string>(String(fields.amount.initialValue ?? defaults.amount ?? ''))
	const [otherText, setOtherText] = useState<string>(String(fields.otherAmount.initialValue ?? ''))
	const money = (minor: number) => formatMoney(minor, campaign.currency, locale)
	// As on the server, a typed amount wins over a preset.
	const chosenMinor =
		choice === 'other' || otherText.trim() !== ''
			? parseMajorToMinor(otherText, campaign.currency)
			: Number(choice) || null
	const challenge = actionData?.challenge ?? null
	const feeMinor = chosenMinor && chosenMinor > 0 ? coverFeeMinor(chosenMinor, fee) : null
	const feeRate = `${(fee.bps / 100).toLocaleString(locale)}% + ${money(fee.fixedMinor)}`

	if (!campaign.takingGifts) {
		return (
			<div className="mx-auto max-w-2xl px-4 py-14">
				<h1 className="text-3xl font-bold">This fundraiser has ended</h1>
				<p className="mt-4 text-lg">{campaign.title} is no longer taking donations. Thank you for thinking of it.</p>
				<Link to={campaignPath(campaign.slug)} className="btn-primary mt-6">
					Back to the fundraiser
				</Link>
			</div>
		)
	}
	return (
		<div className="bg-sand">
			<div className="mx-auto max-w-2xl px-4 py-10">
				<Link to={campaignPath(campaign.slug)} className="text-brand underline">
					← Back to the fundraiser
				</Link>
				<h1 className="mt-3 text-2xl font-bold sm:text-3xl">Donate to {campaign.title}</h1>
				<p className="mt-2 text-muted">
					Your gift goes to {charityName}. You'll pay securely with Stripe; we never see your card details.
				</p>
				{testMode ? (
					<p className="mt-4 rounded-md border-2 border-dashed border-amber-600 bg-amber-50 p-3 text-amber-950">
						<strong>Test mode:</strong> no Stripe account is configured, so no real money moves. You'll choose the
						outcome on a test checkout page.
					</p>
				) : null}
				{cancelled ? (
					<p role="status" className="mt-4 rounded-md bg-brand-light p-3">
						You left the checkout before paying. Your details are still here if you'd like to try again.
					</p>
				) : null}
				<Form method="post" {...getFormProps(form)} className="mt-6 space-y-6 rounded-xl bg-white p-6 shadow-sm">
					<FormErrors id={form.errorId} errors={form.errors} />
					<fieldset>
						<legend className="field-label">Amount</legend>
						<div className="mt-2 grid grid-cols-2 gap-3 sm:grid-cols-5">
							{[...presets.map(String), 'other'].map((value) => {
								const id = `${fields.amount.id}-${value}`
								return (
									<div key={value} className={value === 'other' ? 'col-span-2 sm:col-span-1' : undefined}>
										<input
											type="radio"
											id={id}
											name={fields.amount.name}
											value={value}
											defaultChecked={String(fields.amount.initialValue ?? '') === value}
											onChange={() => {
												setChoice(value)
												// Choosing a preset after typing an amount means the preset: clear the typed one so it cannot win.
												if (value !== 'other' && otherText !== '') {
													setOtherText('')
													form.update({ name: fields.otherAmount.name, value: '' })
												}
											}}
											aria-describedby={fields.amount.errors ? fields.amount.errorId : undefined}
											className="peer sr-only"
										/>
										<label
											htmlFor={id}
											className="block cursor-pointer rounded-md border-2 border-stone-300 px-3 py-3 text-center font-semibold hover:border-brand peer-checked:border-brand peer-checked:bg-brand peer-checked:text-white peer-focus-visible:outline peer-focus-visible:outline-3 peer-focus-visible:outline-offset-2 peer-focus-visible:outline-accent"
										>
											{value === 'other'
												? 'Other'
												: formatMoney(Number(value), campaign.currency, locale, { wholeUnits: true })}
										</label>
									</div>
								)
							})}
						</div>
						<FieldErrors id={fields.amount.errorId} errors={fields.amount.errors} />
						<div className="mt-3">
							<label htmlFor={fields.otherAmount.id} className="field-label">
								Other amount ({campaign.currency}){' '}
								<span className="font-normal text-muted">— typing one here replaces the choice above</span>
							</label>
							<input
								{...getInputProps(fields.otherAmount, { type: 'text' })}
								key={fields.otherAmount.key}
								inputMode="decimal"
								onChange={(e) => setOtherText(e.currentTarget.value)}
								onFocus={() => {
									const other = document.getElementById(`${fields.amount.id}-other`) as HTMLInputElement | null
									if (other && !other.checked) {
										other.checked = true
										setChoice('other')
									}
								}}
								className="field-input max-w-48"
							/>
							<p className="mt-1 text-sm text-muted">
								Between {limits.minLabel} and {limits.maxLabel}.
							</p>
							<FieldErrors id={fields.otherAmount.errorId} errors={fields.otherAmount.errors} />
						</div>
					</fieldset>
					<div className="flex items-start gap-3">
						<input
							{...getInputProps(fields.coverFee, { type: 'checkbox' })}
							key={fields.coverFee.key}
							className="mt-1 h-5 w-5 accent-brand"
						/>
						<label htmlFor={fields.coverFee.id}>
							{feeMinor !== null ? (
								<>
									Add <strong>{money(feeMinor)}</strong> to cover the processing fee, so the charity receives the full{' '}
									{money(chosenMinor!)}.
								</>
							) : (
								<>Cover the processing fee ({feeRate}), so the charity receives your full gift.</>
							)}
						</label>
					</div>
					<div className="grid gap-5 sm:grid-cols-2">
						<TextField field={fields.donorName} label="Your name" autoComplete="name" />
						<TextField
							field={fields.donorEmail}
							label="Email address"
							type="email"
							autoComplete="email"
							hint="For your receipt."
						/>
					</div>
					<div>
						<label htmlFor={fields.message.id} className="field-label">
							Message <span className="font-normal text-muted">(optional, shown on the page)</span>
						</label>
						<textarea
							{...getTextareaProps(fields.message)}
							key={fields.message.key}
							rows={3}
							maxLength={MESSAGE_MAX}
							className="field-input"
						/>
						<p className="mt-1 text-sm text-muted">Up to {MESSAGE_MAX} characters.</p>
						<FieldErrors id={fields.message.errorId} errors={fields.message.errors} />
					</div>
					<fieldset className="space-y-3">
						<legend className="field-label">Privacy and updates</legend>
						<div className="flex items-start gap-3">
							<input
								{...getInputProps(fields.anonymous, { type: 'checkbox' })}
								key={fields.anonymous.key}
								className="mt-1 h-5 w-5 accent-brand"
							/>
							<label htmlFor={fields.anonymous.id}>Don't show my name publicly (you'll appear as “Anonymous”)</label>
						</div>
						<div className="flex items-start gap-3">
							<input
								{...getInputProps(fields.hideAmount, { type: 'checkbox' })}
								key={fields.hideAmount.key}
								className="mt-1 h-5 w-5 accent-brand"
							/>
							<label htmlFor={fields.hideAmount.id}>Hide the amount of my gift on the page</label>
						</div>
						<div className="flex items-start gap-3">
							<input
								{...getInputProps(fields.updatesOptIn, { type: 'checkbox' })}
								key={fields.updatesOptIn.key}
								className="mt-1 h-5 w-5 accent-brand"
							/>
							<label htmlFor={fields.updatesOptIn.id}>Email me {organiser}'s updates about this fundraiser</label>
						</div>
						<div className="flex items-start gap-3">
							<input
								{...getInputProps(fields.shareEmailWithFundraiser, { type: 'checkbox' })}
								key={fields.shareEmailWithFundraiser.key}
								className="mt-1 h-5 w-5 accent-brand"
							/>
							<label htmlFor={fields.shareEmailWithFundraiser.id}>
								Let {organiser} have my email, to thank me in person
							</label>
						</div>
						<div className="flex items-start gap-3">
							<input
								{...getInputProps(fields.marketingOptIn, { type: 'checkbox' })}
								key={fields.marketingOptIn.key}
								className="mt-1 h-5 w-5 accent-brand"
							/>
							<label htmlFor={fields.marketingOptIn.id}>
								Yes, I'd like to hear from {charityName} by email about its work
							</label>
						</div>
					</fieldset>
					<Honeypot />
					{challenge ? (
						<DonationCheck altcha={challenge.altcha} waitPass={challenge.waitPass} waitWords={challenge.waitWords} />
					) : null}
					<button
						type="submit"
						className="btn-primary w-full sm:text-lg"
						aria-disabled={navigation.state !== 'idle' || undefined}
					>
						{navigation.state !== 'idle' ? 'Opening secure checkout…' : 'Continue to secure payment'}
					</button>
				</Form>
			</div>
		</div>
	)
}
