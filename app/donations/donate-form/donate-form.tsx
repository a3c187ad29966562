import { getFormProps, useForm, type DefaultValue, type SubmissionResult } from '@conform-to/react'
import { getZodConstraint } from '@conform-to/zod/v4'
import { Form } from '@remix-run/react'
import { type z } from 'zod'
import { DonationCheck } from '#app/components/donation-check.tsx'
import { FormErrors, Honeypot } from '#app/components/form-fields.tsx'
import { donationFields, type GiftAidOffer } from '#app/donations/donation-schema.ts'
import { useNonce } from '#app/utils/nonce.tsx'
import { parseMajorToMinor } from '#app/utils/money.ts'
import { AmountChoice } from './amount-choice.tsx'
import { DonorDetails, PrivacyChoices } from './donor-choices.tsx'
import { FeeCover } from './fee-cover.tsx'
import { GiftAidChoice } from './gift-aid.tsx'
// Vite bundles a `?worker` import into one standalone classic script with its
// imports inlined (the fee and money helpers); the page loads it as a script.
// In development Vite serves it unbundled, as an ES module.
import enhanceScript from './enhance.ts?worker&url'

type DonationFormFields = z.input<typeof donationFields>

export type DonationChallenge = { altcha: string; waitPass: string; waitWords: string }

/**
 * The donation form, rendered on the server only (the page ships no React):
 * the server checks every post with the same schema and answers errors beside
 * the fields with what was typed kept; enhance.ts adds the live fee and the
 * ALTCHA widget.
 */
export function DonateForm({
	lastResult,
	challenge,
	defaults,
	presets,
	limits,
	fee,
	currency,
	locale,
	organiser,
	charityName,
	giftAid,
}: {
	lastResult: SubmissionResult<string[]> | undefined
	challenge: DonationChallenge | null
	defaults: DefaultValue<DonationFormFields>
	presets: number[]
	limits: { minLabel: string; maxLabel: string }
	fee: { bps: number; fixedMinor: number }
	currency: string
	locale: string
	organiser: string
	charityName: string
	giftAid: GiftAidOffer
}) {
	const nonce = useNonce()
	const [form, fields] = useForm<DonationFormFields>({
		id: 'donate',
		lastResult,
		constraint: getZodConstraint(donationFields),
		defaultValue: defaults,
	})
	// As on the server, a typed amount wins over a preset.
	const otherText = String(fields.otherAmount.initialValue ?? '').trim()
	const choice = String(fields.amount.initialValue ?? '')
	const giftMinor =
		choice === 'other' || otherText !== '' ? parseMajorToMinor(otherText, currency) : Number(choice) || null
	return (
		<Form
			method="post"
			{...getFormProps(form)}
			className="mt-6 space-y-6 rounded-xl bg-white p-6 shadow-sm"
			data-donate-form
			data-currency={currency}
			data-locale={locale}
			data-fee-bps={fee.bps}
			data-fee-fixed-minor={fee.fixedMinor}
		>
			<FormErrors id={form.errorId} errors={form.errors} />
			<AmountChoice
				amount={fields.amount}
				otherAmount={fields.otherAmount}
				presets={presets}
				currency={currency}
				locale={locale}
				limits={limits}
			/>
			<FeeCover field={fields.coverFee} giftMinor={giftMinor} fee={fee} currency={currency} locale={locale} />
			{giftAid.offered ? (
				<GiftAidChoice
					offer={giftAid}
					fields={fields}
					giftMinor={giftMinor}
					currency={currency}
					locale={locale}
					charityName={charityName}
				/>
			) : null}
			<DonorDetails donorName={fields.donorName} donorEmail={fields.donorEmail} message={fields.message} />
			<PrivacyChoices fields={fields} organiser={organiser} charityName={charityName} />
			<Honeypot />
			{challenge ? <DonationCheck {...challenge} /> : null}
			<button type="submit" className="btn-primary w-full sm:text-lg">
				Continue to secure payment
			</button>
			<script nonce={nonce} src={enhanceScript} defer type={import.meta.env.DEV ? 'module' : undefined} />
		</Form>
	)
}
