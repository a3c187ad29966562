import { getInputProps, type FieldMetadata } from '@conform-to/react'
import { FieldErrors, TextField } from '#app/components/form-fields.tsx'
import { type EventFields, type EventFormSettings } from './event-form-types.ts'

/** An amount in the charity's currency, with its symbol before the box. */
function MoneyField({
	field,
	label,
	hint,
	symbol,
	optional,
}: {
	field: FieldMetadata<string>
	label: string
	hint: string
	symbol: string
	optional?: boolean
}) {
	const hintId = `${field.id}-hint`
	return (
		<div>
			<label htmlFor={field.id} className="field-label">
				{label} {optional ? <span className="font-normal text-muted">(optional)</span> : null}
			</label>
			<p id={hintId} className="mb-1 text-sm text-muted sm:min-h-10">
				{hint}
			</p>
			<div className="flex items-stretch">
				<span
					aria-hidden="true"
					className="flex items-center rounded-l-md border border-r-0 border-stone-500 bg-sand px-3"
				>
					{symbol}
				</span>
				<input
					{...getInputProps(field, { type: 'text', ariaDescribedBy: hintId })}
					key={field.key}
					inputMode="decimal"
					className="field-input min-w-0 rounded-l-none"
				/>
			</div>
			<FieldErrors id={field.errorId} errors={field.errors} />
		</div>
	)
}

/** Goals, the minimum pledge and the registration fee. */
export function EventMoneyFields({ fields, settings }: { fields: EventFields; settings: EventFormSettings }) {
	const symbol = settings.currencySymbol
	return (
		<fieldset className="space-y-6">
			<legend className="text-xl font-bold">Money</legend>
			<div className="grid gap-6 sm:grid-cols-2">
				<MoneyField field={fields.goal} label="Event goal" hint="What the whole event aims to raise." symbol={symbol} />
				<MoneyField
					field={fields.suggestedGoal}
					label="Suggested personal goal"
					hint="Each participant's page starts with this goal."
					symbol={symbol}
				/>
				<MoneyField
					field={fields.minimumPledge}
					label="Minimum pledge"
					hint="Shown to participants as what we ask each to raise."
					symbol={symbol}
					optional
				/>
				<MoneyField
					field={fields.registrationFee}
					label="Registration fee"
					hint={`Paid when joining. At least ${settings.feeMinimumLabel} (the smallest card payment), or empty for free.`}
					symbol={symbol}
					optional
				/>
			</div>
			<div className="flex items-start gap-3">
				<input
					{...getInputProps(fields.charityPaysCosts, { type: 'checkbox', ariaDescribedBy: 'charity-pays-costs-hint' })}
					key={fields.charityPaysCosts.key}
					className="mt-1 h-5 w-5 accent-brand"
				/>
				<div>
					<label htmlFor={fields.charityPaysCosts.id} className="font-semibold">
						The charity pays participants’ costs (travel, entry, kit…)
					</label>
					<p id="charity-pays-costs-hint" className="text-sm text-muted">
						HMRC then allows no Gift Aid on participants’ own gifts or their families’: donors to the event’s pages are
						asked whether they are taking part or family of someone who is.
					</p>
					<FieldErrors id={fields.charityPaysCosts.errorId} errors={fields.charityPaysCosts.errors} />
				</div>
			</div>
		</fieldset>
	)
}

/** The registration window, capacity and how long pages take gifts after the day. */
export function EventRegistrationFields({
	fields,
	participantCount,
}: {
	fields: EventFields
	participantCount: number
}) {
	return (
		<fieldset className="space-y-6">
			<legend className="text-xl font-bold">Registration</legend>
			<div className="grid gap-6 sm:grid-cols-2">
				<TextField field={fields.opensOn} label="Registration opens" type="date" hint="From the start of this day." />
				<TextField
					field={fields.closesOn}
					label="Registration closes"
					type="date"
					hint="At the end of this day, or when the event starts."
				/>
				<TextField
					field={fields.capacity}
					label="Capacity"
					hint={
						participantCount > 0
							? `Most participants allowed. ${participantCount} have joined so far.`
							: 'Most participants allowed. Empty for no limit.'
					}
					optional
				/>
				<TextField
					field={fields.giftsOpenDays}
					label="Days pages take gifts after the event"
					hint="About a fifth of gifts come after the day. 30 if left empty."
					optional
				/>
			</div>
		</fieldset>
	)
}
