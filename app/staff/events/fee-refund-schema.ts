import { z } from 'zod'
import { formText } from '#app/utils/forms.ts'
import { amountTextProblem, formatMoney, parseMajorToMinor } from '#app/utils/money.ts'

export const FEE_REFUND_REASON_MAX = 500

/**
 * Staff refund all or part of a paid registration fee. The amount is typed in
 * major units and comes out in minor units, never more than is left of the
 * fee; `refundedBefore` is what had been refunded when the form was drawn, so
 * a resent form names the same cumulative refund (and Stripe's idempotency
 * key) as the first.
 */
export function feeRefundSchema(context: { currency: string; locale: string; leftMinor: number }) {
	const money = (minor: number) => formatMoney(minor, context.currency, context.locale)
	return z.object({
		amount: formText({ error: 'Please enter the amount to refund' })
			.trim()
			.min(1, 'Please enter the amount to refund')
			.transform((text, ctx) => {
				const minor = parseMajorToMinor(text, context.currency)
				if (minor === null) ctx.addIssue({ code: 'custom', message: amountTextProblem(text, '15') })
				else if (minor <= 0) ctx.addIssue({ code: 'custom', message: 'The refund must be more than nothing' })
				else if (minor > context.leftMinor)
					ctx.addIssue({
						code: 'custom',
						message:
							context.leftMinor === 0
								? 'The whole fee has been refunded already'
								: `Only ${money(context.leftMinor)} of the fee is left to refund`,
					})
				return minor ?? 0
			}),
		reason: formText()
			.trim()
			.max(FEE_REFUND_REASON_MAX, `The reason must be at most ${FEE_REFUND_REASON_MAX} characters`)
			.optional()
			.transform((text) => text || null),
		refundedBefore: z.coerce.number().int().min(0).catch(-1),
	})
}
