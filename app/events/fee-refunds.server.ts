import { and, eq } from 'drizzle-orm'
import { getStripe } from '#app/donations/stripe.server.ts'
import { deliverTestFeeRefund } from '#app/donations/test-checkout.server.ts'
import { recordAudit } from '#app/staff/audit.server.ts'
import { isUuid } from '#app/utils/ids.ts'
import { db } from '#db/index.server.ts'
import { eventRegistrations, events, people, type Person } from '#db/schema.ts'
import { feeMetadata } from './registration-fees.server.ts'

export type FeeRefundResult = { ok: true } | { ok: false; status: number; message: string }

/**
 * Staff refund a paid fee in full. With Stripe keys the refund is asked of
 * Stripe (one idempotency key per registration, so a double click or a
 * resent form never refunds twice); the `charge.refunded` webhook then marks
 * the registration. Without keys the test checkout sends that webhook itself.
 * Audited once Stripe has accepted the request.
 */
export async function refundRegistrationFee(
	staff: Person,
	eventId: string,
	registrationId: string,
	reason: string | null,
): Promise<FeeRefundResult> {
	if (!isUuid(eventId) || !isUuid(registrationId))
		return { ok: false, status: 404, message: 'There is no such registration.' }
	const [registration] = await db()
		.select()
		.from(eventRegistrations)
		.where(and(eq(eventRegistrations.id, registrationId), eq(eventRegistrations.eventId, eventId)))
	if (!registration) return { ok: false, status: 404, message: 'There is no such registration.' }
	if (registration.status !== 'paid' || !registration.stripePaymentIntentId || !registration.feeMinor)
		return { ok: false, status: 400, message: 'Only a paid registration fee can be refunded.' }
	const paymentIntentId = registration.stripePaymentIntentId
	const refundMinor = registration.feeMinor - registration.feeRefundedMinor
	const stripe = getStripe()
	let refundId: string
	if (stripe) {
		try {
			const refund = await stripe.refunds.create(
				{ payment_intent: paymentIntentId, amount: refundMinor, metadata: feeMetadata(registration) },
				{ idempotencyKey: `registration-fee-refund-${registration.id}` },
			)
			refundId = refund.id
		} catch (error) {
			console.warn('[events] Stripe refused a registration fee refund:', (error as Error).message)
			return { ok: false, status: 503, message: 'Stripe did not accept the refund. Please try again in a moment.' }
		}
	} else {
		refundId = await deliverTestFeeRefund(registration, refundMinor)
	}
	await recordAudit(db(), {
		actorId: staff.id,
		action: 'event.registration_fee_refunded',
		subjectType: 'event_registration',
		subjectId: registration.id,
		reason,
		data: { eventId, amountMinor: refundMinor, currency: registration.currency, paymentIntentId, refundId },
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
