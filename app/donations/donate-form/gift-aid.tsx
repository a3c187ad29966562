import { getInputProps, type FieldMetadata } from '@conform-to/react'
import { type ReactNode } from 'react'
import { FieldErrors } from '#app/components/form-fields.tsx'
import { type GiftAidOffer } from '#app/donations/donation-schema.ts'
import { DeclarationDetailsFields } from '#app/gift-aid/declaration-details-fields.tsx'
import { giftAidOn, KEEP_US_INFORMED, TAXPAYER_STATEMENT } from '#app/gift-aid/wording.ts'
import { formatMoney } from '#app/utils/money.ts'

type Details = {
	title?: string
	firstName?: string
	lastName?: string
	houseNameOrNumber?: string
	postcode?: string
	overseas?: boolean
}

type Field<T> = FieldMetadata<T | undefined>

/**
 * "Add Gift Aid": unticked until the donor ticks it, with what it adds to the
 * gift chosen when the page was made (enhance.ts keeps it in step with the
 * amount), HMRC's declaration wording, and the details HMRC needs. The
 * details are required only when the box is ticked; the server says so
 * beside each field.
 */
export function GiftAidChoice({
	offer,
	fields,
	giftMinor,
	currency,
	locale,
	charityName,
}: {
	offer: Extract<GiftAidOffer, { offered: true }>
	fields: {
		giftAid: Field<boolean>
		giftAidScope: Field<string>
		giftAidParticipant: Field<string>
		giftAidDetails: FieldMetadata<Details | undefined>
	}
	giftMinor: number | null
	currency: string
	locale: string
	charityName: string
}) {
	const money = (minor: number) => formatMoney(minor, currency, locale)
	const known = giftMinor !== null && giftMinor > 0
	const gift = known ? money(giftMinor) : null
	const withGiftAid = known ? money(giftMinor + giftAidOn(giftMinor)) : null
	const details = fields.giftAidDetails.getFieldset()
	const scope = String(fields.giftAidScope.initialValue ?? 'this_gift')
	const participant = String(fields.giftAidParticipant.initialValue ?? '')
	const amountWords = <span data-gift-aid-gift>{gift ?? 'this gift'}</span>
	return (
		<fieldset className="space-y-4 rounded-lg border-2 border-brand-light p-4" data-gift-aid>
			<legend className="field-label px-1">Gift Aid</legend>
			<p>
				<span data-gift-aid-known hidden={!known}>
					Are you a UK taxpayer? With Gift Aid, <strong data-gift-aid-gift>{gift}</strong> becomes{' '}
					<strong data-gift-aid-total>{withGiftAid}</strong> at no extra cost to you.
				</span>
				<span data-gift-aid-unknown hidden={known}>
					Are you a UK taxpayer? Gift Aid adds 25p to every £1 you give, at no extra cost to you.
				</span>{' '}
				{charityName} claims it from HMRC. It is never added to a processing fee you cover.
			</p>
			<div className="flex items-start gap-3">
				<input
					{...getInputProps(fields.giftAid, { type: 'checkbox' })}
					key={fields.giftAid.key}
					className="mt-1 h-5 w-5 accent-brand"
					data-gift-aid-box
				/>
				<label htmlFor={fields.giftAid.id} className="font-semibold">
					Add Gift Aid
				</label>
			</div>
			<div className="space-y-4" data-gift-aid-details>
				<p className="text-sm text-muted">Only if you tick “Add Gift Aid”:</p>
				<fieldset>
					<legend className="field-label">Your declaration</legend>
					<Choices
						field={fields.giftAidScope}
						chosen={scope}
						choices={[
							[
								'this_gift',
								<>
									I want to Gift Aid my donation of {amountWords} to {charityName}.
								</>,
							],
							[
								'all_gifts',
								<>
									I want to Gift Aid my donation of {amountWords} and any donations I make in the future or have made in
									the past 4 years to {charityName}.
								</>,
							],
						]}
					/>
					<p className="mt-3 text-sm">{TAXPAYER_STATEMENT}</p>
					<p className="mt-2 text-sm text-muted">{KEEP_US_INFORMED} Your receipt has a link to do so.</p>
				</fieldset>
				{offer.askParticipant ? (
					<fieldset>
						<legend className="field-label">
							Are you taking part in {offer.eventName ?? 'this event'}, or a member of the family of someone who is?
						</legend>
						<p className="text-sm text-muted">
							The charity pays participants’ costs for this event, so HMRC does not allow Gift Aid on gifts from
							participants or their families.
						</p>
						<Choices
							field={fields.giftAidParticipant}
							chosen={participant}
							choices={[
								['no', 'No'],
								['yes', 'Yes'],
							]}
						/>
					</fieldset>
				) : null}
				<fieldset className="space-y-4">
					<legend className="field-label">Your name and home address, as HMRC needs them</legend>
					<DeclarationDetailsFields fields={details} />
				</fieldset>
			</div>
		</fieldset>
	)
}

/** Radio buttons for one field, with its error beside them. */
function Choices({
	field,
	chosen,
	choices,
}: {
	field: Field<string>
	chosen: string
	choices: [value: string, label: ReactNode][]
}) {
	return (
		<>
			{choices.map(([value, label]) => {
				const id = `${field.id}-${value}`
				return (
					<div key={value} className="mt-2 flex items-start gap-3">
						<input
							type="radio"
							id={id}
							name={field.name}
							value={value}
							defaultChecked={chosen === value}
							aria-describedby={field.errors ? field.errorId : undefined}
							className="mt-1 h-5 w-5 accent-brand"
						/>
						<label htmlFor={id}>{label}</label>
					</div>
				)
			})}
			<FieldErrors id={field.errorId} errors={field.errors} />
		</>
	)
}
