import { and, eq } from 'drizzle-orm'
import { getStripe } from '#app/donations/stripe.server.ts'
import { deliverTestFeeRefund } from '#app/donations/test-checkout.server.ts'
import { recordAudit } from '#app/staff/audit.server.ts'
import { isUuid } from '#app/utils/ids.ts'
import { db } from '#db/index.server.ts'
import { eventRegistrations, events, people, type Person } from '#db/schema.ts'
import { feeMetadata } from './registration-fees.server.ts'

export type FeeRefundResult = { ok: true } | { ok: false; status: number; message: string; field?: 'amount' | 'form' }

/**
 * Staff refund all or part of a paid fee. Refunds add up: `refundedBefore` is
 * what had been refunded (as Stripe's cumulative `amount_refunded` reached us)
 * when the form was drawn, so this refund brings the total to
 * `refundedBefore + amountMinor`, and the idempotency key names that total:
 * a double click or a resent form asks Stripe for the same refund and gets it
 * once, while a second, later refund of another part is a new one. A form
 * whose total has already been reached answers as done; one drawn before
 * someone else's refund is refused, to be checked again. The
 * `charge.refunded` webhook then records it; without keys the test checkout
 * sends that webhook itself. Audited once Stripe has accepted the request.
 */
export async function refundRegistrationFee(
	staff: Person,
	eventId: string,
	registrationId: string,
	request: { amountMinor: number; refundedBefore: number; reason: string | null },
): Promise<FeeRefundResult> {
	if (!isUuid(eventId) || !isUuid(registrationId))
		return { ok: false, status: 404, message: 'There is no such registration.' }
	const [registration] = await db()
		.select()
		.from(eventRegistrations)
		.where(and(eq(eventRegistrations.id, registrationId), eq(eventRegistrations.eventId, eventId)))
	if (!registration) return { ok: false, status: 404, message: 'There is no such registration.' }
	const refundedNow = registration.feeRefundedMinor
	const target = request.refundedBefore + request.amountMinor
	if (request.refundedBefore >= 0 && target <= refundedNow) return { ok: true }
	if (registration.status !== 'paid' || !registration.stripePaymentIntentId || !registration.feeMinor)
		return { ok: false, status: 400, message: 'Only a paid registration fee can be refunded.' }
	if (request.refundedBefore !== refundedNow)
		return {
			ok: false,
			status: 409,
			field: 'form',
			message: 'The fee’s refunds changed while this form was open. Check what is left and send it again.',
		}
	if (request.amountMinor <= 0 || target > registration.feeMinor)
		return { ok: false, status: 400, field: 'amount', message: 'That is more than is left of the fee.' }
	const paymentIntentId = registration.stripePaymentIntentId
	const stripe = getStripe()
	let refundId: string
	if (stripe) {
		try {
			const refund = await stripe.refunds.create(
				{ payment_intent: paymentIntentId, amount: request.amountMinor, metadata: feeMetadata(registration) },
				{ idempotencyKey: `registration-fee-refund-${registration.id}-${target}` },
			)
			refundId = refund.id
		} catch (error) {
			console.warn('[events] Stripe refused a registration fee refund:', (error as Error).message)
			return { ok: false, status: 503, message: 'Stripe did not accept the refund. Please try again in a moment.' }
		}
	} else {
		refundId = await deliverTestFeeRefund(registration, request.amountMinor)
	}
	await recordAudit(db(), {
		actorId: staff.id,
		action: 'event.registration_fee_refunded',
		subjectType: 'event_registration',
		subjectId: registration.id,
		reason: request.reason,
		data: {
			eventId,
			amountMinor: request.amountMinor,
			refundedTotalMinor: target,
			currency: registration.currency,
			paymentIntentId,
			refundId,
		},
	})
	return { ok: true }
}

/** What the staff refund page shows about one registration, or null for an unknown one. */
export async function getFeeRefundView(eventId: string, registrationId: string) {
	if (!isUuid(eventId) || !isUuid(registrationId)) return null
	const [row] = await db()
		.select({
			registration: eventRegistrations,
			eventName: events.name,
			firstName: people.firstName,
			lastName: people.lastName,
		})
		.from(eventRegistrations)
		.innerJoin(events, eq(events.id, eventRegistrations.eventId))
		.innerJoin(people, eq(people.id, eventRegistrations.personId))
		.where(and(eq(eventRegistrations.id, registrationId), eq(eventRegistrations.eventId, eventId)))
	return row ?? null
}
