import { getInputProps, type FieldMetadata } from '@conform-to/react'
import { coverFeeMinor } from '#app/donations/fees.ts'
import { formatMoney } from '#app/utils/money.ts'

/**
 * "Cover the processing fee", naming the fee for the gift chosen when the
 * page was made; enhance.ts keeps both amounts in step as the donor changes
 * the gift, and shows the rate instead while no amount can be read.
 */
export function FeeCover({
	field,
	giftMinor,
	fee,
	currency,
	locale,
}: {
	field: FieldMetadata<boolean | undefined>
	giftMinor: number | null
	fee: { bps: number; fixedMinor: number }
	currency: string
	locale: string
}) {
	const money = (minor: number) => formatMoney(minor, currency, locale)
	const known = giftMinor !== null && giftMinor > 0
	return (
		<div className="flex items-start gap-3">
			<input {...getInputProps(field, { type: 'checkbox' })} key={field.key} className="mt-1 h-5 w-5 accent-brand" />
			<label htmlFor={field.id}>
				<span data-fee-known hidden={!known}>
					Add <strong data-fee-amount>{known ? money(coverFeeMinor(giftMinor, fee)) : null}</strong> to cover the
					processing fee, so the charity receives the full <span data-fee-gift>{known ? money(giftMinor) : null}</span>.
				</span>
				<span data-fee-unknown hidden={known}>
					Cover the processing fee ({(fee.bps / 100).toLocaleString(locale)}% + {money(fee.fixedMinor)}), so the charity
					receives your full gift.
				</span>
			</label>
		</div>
	)
}
