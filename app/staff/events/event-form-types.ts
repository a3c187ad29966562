import { type FieldMetadata } from '@conform-to/react'
import { type EventFormContext } from './event-form-schema.ts'

/** The form's fields as text, as a person types them (a new event's suggestions, or an event's saved values). */
export type EventFormDefaults = {
	name: string
	kind: string
	date: string
	startTime: string
	place: string
	mapUrl: string
	description: string
	coverAlt: string
	goal: string
	suggestedGoal: string
	minimumPledge: string
	registrationFee: string
	opensOn: string
	closesOn: string
	capacity: string
	giftsOpenDays: string
	/** "on" when the charity pays participants' costs (a checkbox). */
	charityPaysCosts: string
}

export type EventFormSettings = Omit<EventFormContext, 'now'> & {
	currencySymbol: string
	/** Stripe's smallest charge in the currency, written out ("£0.30"). */
	feeMinimumLabel: string
	coverImage: string | null
}

/** The form's fields as Conform gives them to the parts. */
export type EventFields = { [K in keyof EventFormDefaults]: FieldMetadata<string> } & {
	cover: FieldMetadata<File | undefined>
}
