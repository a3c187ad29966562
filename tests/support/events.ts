import { randomBytes } from 'node:crypto'
import { createEvent, type NewEventInput } from '#app/events/events.server.ts'
import { type Person } from '#db/schema.ts'

const day = 86_400_000

/**
 * An open polar dip taking registrations now (opened yesterday, closing in 20
 * days, the dip in 30), with a fresh slug: the event most tests start from.
 */
export function createOpenEvent(createdBy: Person, overrides: Partial<NewEventInput> = {}) {
	return createEvent(
		{
			slug: `dip-${randomBytes(8).toString('hex')}`,
			name: `Polar Dip ${randomBytes(3).toString('hex')}`,
			kind: 'polar_dip',
			startsAt: new Date(Date.now() + 30 * day),
			place: 'Portobello Beach',
			description: 'Run into the **sea**.',
			goalMinor: 1_000_000,
			suggestedGoalMinor: 25_000,
			currency: 'GBP',
			registrationOpensAt: new Date(Date.now() - day),
			registrationClosesAt: new Date(Date.now() + 20 * day),
			state: 'open',
			...overrides,
		},
		createdBy,
	)
}
