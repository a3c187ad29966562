import { parseWithZod } from '@conform-to/zod/v4'
import { type SubmissionResult } from '@conform-to/react'
import { data } from '@remix-run/node'
import { getCharity } from '#app/config/charity.server.ts'
import { getEnv } from '#app/config/env.server.ts'
import { stripeMinimumChargeMinor } from '#app/donations/stripe-minimums.ts'
import { processCoverUpload } from '#app/media/images.server.ts'
import { readFormData } from '#app/utils/forms.server.ts'
import { formatMoney, minorToMajorString } from '#app/utils/money.ts'
import { zonedParts } from '#app/utils/zoned-time.ts'
import { type Event } from '#db/schema.ts'
import { type EventDetails } from '../events-admin.server.ts'
import { eventFormSchema } from './event-form-schema.ts'
import { type EventFormDefaults, type EventFormSettings } from './event-form-types.ts'

/** What the form needs besides its fields: the currency, the zone, what the event already has. */
export function eventFormSettings(event: Event | null): EventFormSettings {
	const charity = getCharity()
	const currency = event?.currency ?? charity.currency
	const symbol =
		new Intl.NumberFormat(charity.locale, { style: 'currency', currency })
			.formatToParts(0)
			.find((part) => part.type === 'currency')?.value ?? currency
	return {
		currency,
		locale: charity.locale,
		timeZone: event?.timeZone ?? getEnv().CHARITY_TIME_ZONE,
		participantCount: event?.participantCount ?? 0,
		requireFuture: !event,
		currencySymbol: symbol,
		feeMinimumLabel: formatMoney(stripeMinimumChargeMinor(currency), currency, charity.locale),
		coverImage: event?.coverImage ?? null,
	}
}

/** The fields as a person would type them: an event's saved values, or a new event's starting suggestions. */
export function eventFormDefaults(event: Event | null, now = new Date()): EventFormDefaults {
	if (!event) {
		const today = zonedParts(now, getEnv().CHARITY_TIME_ZONE).date
		return {
			name: '',
			kind: 'polar_dip',
			date: '',
			startTime: '10:00',
			place: '',
			mapUrl: '',
			description: '',
			coverAlt: '',
			goal: '',
			suggestedGoal: '',
			minimumPledge: '',
			registrationFee: '',
			opensOn: today,
			closesOn: '',
			capacity: '',
			giftsOpenDays: '30',
			charityPaysCosts: '',
		}
	}
	const money = (minor: number | null) => (minor === null ? '' : minorToMajorString(minor, event.currency))
	const starts = zonedParts(event.startsAt, event.timeZone)
	// Registration closes at the end of its day (or at the start): show the day it is still open on.
	const closes = zonedParts(new Date(event.registrationClosesAt.getTime() - 1), event.timeZone)
	return {
		name: event.name,
		kind: event.kind,
		date: starts.date,
		startTime: starts.time,
		place: event.place,
		mapUrl: event.mapUrl ?? '',
		description: event.description,
		coverAlt: event.coverAlt ?? '',
		goal: money(event.goalMinor),
		suggestedGoal: money(event.suggestedGoalMinor),
		minimumPledge: money(event.minimumPledgeMinor),
		registrationFee: money(event.registrationFeeMinor),
		opensOn: zonedParts(event.registrationOpensAt, event.timeZone).date,
		closesOn: closes.date,
		capacity: event.capacity === null ? '' : String(event.capacity),
		giftsOpenDays: String(event.giftsOpenDaysAfterEnd),
		charityPaysCosts: event.charityPaysParticipantCosts ? 'on' : '',
	}
}

/** An answer with the form's errors, for the page to show beside its fields. */
type EventFormReply = ReturnType<typeof data<{ result: SubmissionResult<string[]> }>>

export type EventFormOutcome =
	| {
			ok: true
			formData: FormData
			details: EventDetails
			/** An error answer for a refusal found when saving (a stale token, a capacity overtaken by joins). */
			refuse: (errors: { fieldErrors?: Record<string, string[]>; formErrors?: string[] }) => EventFormReply
	  }
	| { ok: false; response: EventFormReply }

/**
 * Reads and checks a post of the event form, and processes a new cover photo
 * through the campaigns' checked upload. Errors come back beside the fields.
 */
export async function readEventForm(request: Request, event: Event | null): Promise<EventFormOutcome> {
	const formData = await readFormData(request)
	const schema = eventFormSchema({ ...eventFormSettings(event), now: new Date() })
	const submission = parseWithZod(formData, { schema })
	if (submission.status !== 'success')
		return { ok: false, response: data({ result: submission.reply() }, { status: 400 }) }
	const { cover, ...details } = submission.value
	const refuse = (errors: { fieldErrors?: Record<string, string[]>; formErrors?: string[] }) =>
		data({ result: submission.reply(errors) }, { status: 400 })
	if (!cover) return { ok: true, formData, details, refuse }
	const processed = await processCoverUpload(cover)
	if (!processed.ok)
		return {
			ok: false,
			response: data({ result: submission.reply({ fieldErrors: { cover: [processed.error] } }) }, { status: 400 }),
		}
	return { ok: true, formData, details: { ...details, coverImage: processed.image.url }, refuse }
}
