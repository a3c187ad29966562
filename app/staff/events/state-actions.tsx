import { Form, Link } from '@remix-run/react'
import { type EventState } from '#db/schema.ts'
import { eventStateActionNames, eventStateActions, stateActionOffered } from './event-state-actions.ts'

/** The staff controls of one event: state changes, featuring, editing, messaging and the CSV. */
export function StateActions({ eventId, state, featured }: { eventId: string; state: EventState; featured: boolean }) {
	const offered = eventStateActionNames.filter((action) => stateActionOffered(action, state))
	return (
		<div className="flex flex-wrap gap-3">
			{offered.map((action) => (
				<Form key={action} method="post">
					<input type="hidden" name="intent" value={action} />
					<button type="submit" className={action === 'end' ? 'btn-secondary px-4 py-2' : 'btn-primary px-4 py-2'}>
						{eventStateActions[action].label}
					</button>
				</Form>
			))}
			{state !== 'draft' ? (
				<Form method="post">
					<input type="hidden" name="intent" value={featured ? 'unfeature' : 'feature'} />
					<button type="submit" className="btn-secondary px-4 py-2">
						{featured ? 'Stop featuring on the home page' : 'Feature on the home page'}
					</button>
				</Form>
			) : null}
			<Link to={`/staff/events/${eventId}/edit`} className="btn-secondary px-4 py-2">
				Edit details
			</Link>
			<Link to={`/staff/events/${eventId}/message`} className="btn-secondary px-4 py-2">
				Message participants
			</Link>
			<a href={`/staff/events/${eventId}/participants.csv`} className="btn-secondary px-4 py-2" download>
				Participants CSV
			</a>
		</div>
	)
}
