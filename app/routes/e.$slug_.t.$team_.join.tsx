import { redirect, type LoaderFunctionArgs } from '@remix-run/node'
import { eventPath } from '#app/events/kinds.ts'

/**
 * A captain's invite link: the join form with their team already chosen
 * (the form checks the team belongs to the event).
 */
export function loader({ params }: LoaderFunctionArgs) {
	const query = new URLSearchParams({ team: 'join', teamSlug: params.team ?? '' })
	return redirect(`${eventPath(params.slug ?? '')}/join?${query.toString()}`)
}
