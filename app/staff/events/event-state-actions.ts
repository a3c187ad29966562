import { type EventState } from '#db/schema.ts'

/** The state buttons on an event's report page: where each takes the event, and from which states. */
export const eventStateActions = {
	open: { to: 'open', from: ['draft', 'closed'], label: 'Open registration' },
	close: { to: 'closed', from: ['open'], label: 'Close registration' },
	end: { to: 'ended', from: ['open', 'closed'], label: 'End the event' },
} as const satisfies Record<string, { to: EventState; from: readonly EventState[]; label: string }>

export type EventStateAction = keyof typeof eventStateActions

export const eventStateActionNames = Object.keys(eventStateActions) as EventStateAction[]

export function stateActionOffered(action: EventStateAction, state: EventState): boolean {
	return (eventStateActions[action].from as readonly EventState[]).includes(state)
}
