import { z } from 'zod'
import { stripeMinimumChargeMinor } from '#app/donations/stripe-minimums.ts'
import { formText, formTokenField, FORM_TOKEN_FIELD } from '#app/utils/forms.ts'
import { amountTextProblem, formatMoney, parseMajorToMinor } from '#app/utils/money.ts'
import { nextDay, zonedInstant } from '#app/utils/zoned-time.ts'
import { eventKinds } from '#app/events/kinds.ts'
import { type EventKind } from '#db/schema.ts'

export const EVENT_NAME_MAX = 90
export const EVENT_DESCRIPTION_MAX = 10_000
export const EVENT_CAPACITY_MAX = 100_000
export const GIFTS_OPEN_DAYS_MAX = 365
const MAX_COVER_BYTES = 8 * 1024 * 1024

/** The kinds, in the order the form offers them (core's list, which is safe in the browser). */
export const eventKindValues = Object.keys(eventKinds) as [EventKind, ...EventKind[]]

/** What the form needs to know beyond the fields: the currency, the zone, and what the event already has. */
export type EventFormContext = {
	currency: string
	locale: string
	timeZone: string
	/** Participants already in the event (0 for a new one): capacity cannot go below it. */
	participantCount: number
	/** A new event must be in the future; an existing one may keep a date that has passed. */
	requireFuture: boolean
	now: Date
}

const optionalField = () =>
	formText()
		.trim()
		.optional()
		.transform((v) => v || null)

/**
 * The staff form for an event, create and edit. Amounts are typed in major
 * units and come out in minor units; the date and start time are the
 * charity's wall clock and come out as an instant; registration opens at
 * the start of its opening day and closes at the end of its closing day (or
 * when the event starts, if that is sooner).
 */
export function eventFormSchema(context: EventFormContext) {
	const { currency, locale, timeZone } = context
	const money = (minor: number) => formatMoney(minor, currency, locale)
	const amount = (label: string, { required, minMinor }: { required: boolean; minMinor: number }) =>
		optionalField().transform((text, ctx) => {
			if (text === null) {
				if (required) ctx.addIssue({ code: 'custom', message: `Please enter the ${label}` })
				return null
			}
			const minor = parseMajorToMinor(text, currency)
			if (minor === null) ctx.addIssue({ code: 'custom', message: amountTextProblem(text, '500') })
			else if (minor < minMinor)
				ctx.addIssue({ code: 'custom', message: `The ${label} must be at least ${money(minMinor)}` })
			else if (minor > 100_000_000) ctx.addIssue({ code: 'custom', message: `The ${label} is too large` })
			return minor
		})
	const wholeNumber = (label: string, min: number, max: number) =>
		optionalField().transform((text, ctx) => {
			if (text === null) return null
			if (!/^\d{1,7}$/.test(text)) {
				ctx.addIssue({ code: 'custom', message: `Enter the ${label} as a whole number` })
				return null
			}
			const n = Number(text)
			if (n < min || n > max)
				ctx.addIssue({
					code: 'custom',
					message: `The ${label} must be between ${min} and ${max.toLocaleString('en-GB')}`,
				})
			return n
		})
	const isoDate = (missing: string) =>
		formText({ error: missing })
			.trim()
			.min(1, missing)
			.refine(
				(v) => /^\d{4}-\d{2}-\d{2}$/.test(v) && zonedInstant(v, '00:00', 'UTC') !== null,
				'Enter a date like 2027-01-01',
			)
	const feeMinimum = stripeMinimumChargeMinor(currency)

	return z
		.strictObject({
			[FORM_TOKEN_FIELD]: formTokenField,
			name: formText({ error: 'Please name the event' })
				.trim()
				.min(3, 'Please give the event a name of at least 3 characters')
				.max(EVENT_NAME_MAX, `The name must be at most ${EVENT_NAME_MAX} characters`),
			kind: z.enum(eventKindValues, { error: 'Please choose what kind of event it is' }),
			date: isoDate('Please enter the date of the event'),
			startTime: formText({ error: 'Please enter the start time' })
				.trim()
				.min(1, 'Please enter the start time')
				.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Enter the time as hours and minutes, like 10:30'),
			place: formText({ error: 'Please say where the event is' })
				.trim()
				.min(3, 'Please say where the event is')
				.max(300, 'The place must be at most 300 characters'),
			mapUrl: optionalField()
				.refine((v) => v === null || v.length <= 500, 'The map link must be at most 500 characters')
				.refine((v) => {
					if (v === null) return true
					try {
						return new URL(v).protocol === 'https:'
					} catch {
						return false
					}
				}, 'Enter a full link starting with https://, like https://maps.example.org/…'),
			description: formText({ error: 'Please describe the event' })
				.trim()
				.min(20, 'Please describe the event (at least 20 characters)')
				.max(
					EVENT_DESCRIPTION_MAX,
					`The description must be at most ${EVENT_DESCRIPTION_MAX.toLocaleString('en-GB')} characters`,
				),
			cover: z
				.instanceof(File)
				.optional()
				// An empty file input submits an empty, nameless file: no new photo.
				.transform((file) => (file && file.size > 0 ? file : undefined))
				.refine((file) => !file || file.size <= MAX_COVER_BYTES, 'Please choose a photo under 8 MB'),
			coverAlt: formText()
				.trim()
				.max(200, 'The photo description must be at most 200 characters')
				.optional()
				.transform((v) => v || null),
			goal: amount('event goal', { required: true, minMinor: 100 }),
			suggestedGoal: amount('suggested personal goal', { required: true, minMinor: 100 }),
			minimumPledge: amount('minimum pledge', { required: false, minMinor: 1 }),
			registrationFee: amount('registration fee', { required: false, minMinor: feeMinimum }),
			opensOn: isoDate('Please enter the day registration opens'),
			closesOn: isoDate('Please enter the day registration closes'),
			capacity: wholeNumber('capacity', 1, EVENT_CAPACITY_MAX),
			giftsOpenDays: wholeNumber('number of days', 0, GIFTS_OPEN_DAYS_MAX),
			/** The charity pays participants' costs: their own and their family's gifts get no Gift Aid. */
			charityPaysCosts: z.boolean().optional(),
		})
		.transform((form, ctx) => {
			const fail = (path: string, message: string) => {
				ctx.addIssue({ code: 'custom', path: [path], message })
				return z.NEVER
			}
			const startsAt = zonedInstant(form.date, form.startTime, timeZone)
			if (!startsAt) return fail('startTime', `That time does not exist on that day in ${timeZone} (the clocks change)`)
			if (context.requireFuture && startsAt <= context.now) return fail('date', 'The event must be in the future')
			if (form.closesOn < form.opensOn) return fail('closesOn', 'Registration cannot close before it opens')
			if (form.closesOn > form.date)
				return fail('closesOn', 'Registration must close on or before the day of the event')
			const registrationOpensAt = zonedInstant(form.opensOn, '00:00', timeZone)!
			const endOfClosingDay = zonedInstant(nextDay(form.closesOn), '00:00', timeZone)!
			const registrationClosesAt = endOfClosingDay < startsAt ? endOfClosingDay : startsAt
			if (registrationClosesAt <= registrationOpensAt)
				return fail('closesOn', 'Registration must be open for a while before the event starts')
			if (form.capacity !== null && form.capacity < context.participantCount)
				return fail('capacity', `${context.participantCount} people have already joined: the capacity cannot be lower`)
			if (form.goal !== null && form.suggestedGoal !== null && form.suggestedGoal > form.goal)
				return fail('suggestedGoal', 'The suggested personal goal cannot be more than the event goal')
			return {
				name: form.name,
				kind: form.kind,
				startsAt,
				timeZone,
				place: form.place,
				mapUrl: form.mapUrl,
				description: form.description,
				cover: form.cover,
				coverAlt: form.coverAlt,
				goalMinor: form.goal!,
				suggestedGoalMinor: form.suggestedGoal!,
				minimumPledgeMinor: form.minimumPledge,
				registrationFeeMinor: form.registrationFee,
				currency,
				registrationOpensAt,
				registrationClosesAt,
				capacity: form.capacity,
				giftsOpenDaysAfterEnd: form.giftsOpenDays ?? 30,
				charityPaysParticipantCosts: form.charityPaysCosts ?? false,
			}
		})
}

export type EventFormValue = z.output<ReturnType<typeof eventFormSchema>>
