import { getInputProps, type FieldMetadata } from '@conform-to/react'
import { FieldErrors, TextField } from '#app/components/form-fields.tsx'
import { type GiftAidOffer } from '#app/donations/donation-schema.ts'
import { GIFT_AID_HOUSE_MAX, GIFT_AID_NAME_MAX, GIFT_AID_TITLE_MAX } from '#app/gift-aid/declaration-fields.ts'
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
					{(
						[
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
						] as const
					).map(([value, label]) => {
						const id = `${fields.giftAidScope.id}-${value}`
						return (
							<div key={value} className="mt-2 flex items-start gap-3">
								<input
									type="radio"
									id={id}
									name={fields.giftAidScope.name}
									value={value}
									defaultChecked={scope === value}
									aria-describedby={fields.giftAidScope.errors ? fields.giftAidScope.errorId : undefined}
									className="mt-1 h-5 w-5 accent-brand"
								/>
								<label htmlFor={id}>{label}</label>
							</div>
						)
					})}
					<FieldErrors id={fields.giftAidScope.errorId} errors={fields.giftAidScope.errors} />
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
						{(
							[
								['no', 'No'],
								['yes', 'Yes'],
							] as const
						).map(([value, label]) => {
							const id = `${fields.giftAidParticipant.id}-${value}`
							return (
								<div key={value} className="mt-2 flex items-center gap-3">
									<input
										type="radio"
										id={id}
										name={fields.giftAidParticipant.name}
										value={value}
										defaultChecked={participant === value}
										aria-describedby={fields.giftAidParticipant.errors ? fields.giftAidParticipant.errorId : undefined}
										className="h-5 w-5 accent-brand"
									/>
									<label htmlFor={id}>{label}</label>
								</div>
							)
						})}
						<FieldErrors id={fields.giftAidParticipant.errorId} errors={fields.giftAidParticipant.errors} />
					</fieldset>
				) : null}
				<fieldset className="space-y-4">
					<legend className="field-label">Your name and home address, as HMRC needs them</legend>
					<div className="grid gap-4 sm:grid-cols-[6rem_1fr_1fr]">
						<TextField
							field={details.title}
							label="Title"
							optional
							autoComplete="honorific-prefix"
							hint={`Up to ${GIFT_AID_TITLE_MAX} letters`}
						/>
						<TextField
							field={details.firstName}
							label="First name"
							autoComplete="given-name"
							hint={`Up to ${GIFT_AID_NAME_MAX}`}
						/>
						<TextField
							field={details.lastName}
							label="Last name"
							autoComplete="family-name"
							hint={`Up to ${GIFT_AID_NAME_MAX}`}
						/>
					</div>
					<div className="grid gap-4 sm:grid-cols-2">
						<TextField
							field={details.houseNameOrNumber}
							label="House name or number"
							autoComplete="address-line1"
							hint={`Up to ${GIFT_AID_HOUSE_MAX} characters`}
						/>
						<TextField
							field={details.postcode}
							label="Postcode"
							autoComplete="postal-code"
							hint="For example SW1A 1AA"
						/>
					</div>
					<div className="flex items-start gap-3">
						<input
							{...getInputProps(details.overseas, { type: 'checkbox' })}
							key={details.overseas.key}
							className="mt-1 h-5 w-5 accent-brand"
						/>
						<label htmlFor={details.overseas.id}>
							I live outside the UK (I pay UK Income Tax or Capital Gains Tax, and leave the postcode empty)
						</label>
					</div>
					<FieldErrors id={details.overseas.errorId} errors={details.overseas.errors} />
				</fieldset>
			</div>
		</fieldset>
	)
}
