import { type FieldMetadata } from '@conform-to/react'
import { getInputProps } from '@conform-to/react'
import { FieldErrors } from '#app/components/form-fields.tsx'
import { formatMoney } from '#app/utils/money.ts'

/**
 * The gift: a preset or "Other", and the typed amount. Without JavaScript a
 * typed amount wins over the preset still selected; with it (enhance.ts),
 * typing selects "Other" and choosing a preset clears what was typed.
 */
export function AmountChoice({
	amount,
	otherAmount,
	presets,
	currency,
	locale,
	limits,
}: {
	amount: FieldMetadata<string | undefined>
	otherAmount: FieldMetadata<string | undefined>
	presets: number[]
	currency: string
	locale: string
	limits: { minLabel: string; maxLabel: string }
}) {
	const chosen = String(amount.initialValue ?? '')
	return (
		<fieldset>
			<legend className="field-label">Amount</legend>
			<div className="mt-2 grid grid-cols-2 gap-3 sm:grid-cols-5">
				{[...presets.map(String), 'other'].map((value) => {
					const id = `${amount.id}-${value}`
					return (
						<div key={value} className={value === 'other' ? 'col-span-2 sm:col-span-1' : undefined}>
							<input
								type="radio"
								id={id}
								name={amount.name}
								value={value}
								defaultChecked={chosen === value}
								aria-describedby={amount.errors ? amount.errorId : undefined}
								className="peer sr-only"
							/>
							<label
								htmlFor={id}
								className="block cursor-pointer rounded-md border-2 border-stone-300 px-3 py-3 text-center font-semibold hover:border-brand peer-checked:border-brand peer-checked:bg-brand peer-checked:text-white peer-focus-visible:outline peer-focus-visible:outline-3 peer-focus-visible:outline-offset-2 peer-focus-visible:outline-accent"
							>
								{value === 'other' ? 'Other' : formatMoney(Number(value), currency, locale, { wholeUnits: true })}
							</label>
						</div>
					)
				})}
			</div>
			<FieldErrors id={amount.errorId} errors={amount.errors} />
			<div className="mt-3">
				<label htmlFor={otherAmount.id} className="field-label">
					Other amount ({currency}){' '}
					<span className="font-normal text-muted">— typing one here replaces the choice above</span>
				</label>
				<input
					{...getInputProps(otherAmount, { type: 'text' })}
					key={otherAmount.key}
					inputMode="decimal"
					className="field-input max-w-48"
				/>
				<p className="mt-1 text-sm text-muted">
					Between {limits.minLabel} and {limits.maxLabel}.
				</p>
				<FieldErrors id={otherAmount.errorId} errors={otherAmount.errors} />
			</div>
		</fieldset>
	)
}
