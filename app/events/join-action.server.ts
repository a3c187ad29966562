import { parseWithZod } from '@conform-to/zod/v4'
import { data, redirect } from '@remix-run/node'
import { getCharity } from '#app/config/charity.server.ts'
import { requireSessionPerson } from '#app/people/session.server.ts'
import { newFormToken, readFormToken, STALE_FORM_MESSAGE } from '#app/utils/form-token.server.ts'
import { readFormData } from '#app/utils/forms.server.ts'
import { parseMajorToMinor, minorToMajorString } from '#app/utils/money.ts'
import { getPublicEvent, listEventTeams } from './events.server.ts'
import { joinSchema } from './join-schema.ts'
import { getRegistration, joinEvent, registrationProblem, suggestedJoinPage, type TeamChoice } from './join.server.ts'

async function requireJoinableEvent(slug: string) {
	const event = await getPublicEvent(slug)
	if (!event) throw data({ error: 'We couldn’t find that event.' }, { status: 404 })
	return event
}

/**
 * The join form for a signed-in supporter (a signed-out one signs in first
 * and comes back with the query, so an invite link's team stays chosen).
 */
export async function loadJoinPage(request: Request, slug: string) {
	const person = await requireSessionPerson(request)
	const event = await requireJoinableEvent(slug)
	const query = new URL(request.url).searchParams
	const [registration, teams] = await Promise.all([getRegistration(event.id, person.id), listEventTeams(event.id)])
	const suggested = suggestedJoinPage(event, person)
	const invited = teams.find((t) => t.slug === query.get('teamSlug'))
	const teamChoice = query.get('team')
	return {
		event: {
			slug: event.slug,
			name: event.name,
			currency: event.currency,
			registrationFeeMinor: event.registrationFeeMinor,
			minimumPledgeMinor: event.minimumPledgeMinor,
		},
		alreadyIn: registration
			? {
					campaignId: registration.registration.campaignId,
					awaitingFee: registration.registration.status === 'awaiting_fee',
				}
			: null,
		problem: registrationProblem(event),
		needsName: !person.firstName.trim(),
		teams: teams.map((t) => ({ id: t.id, name: t.name })),
		defaults: {
			title: suggested.title,
			story: suggested.story,
			goal: minorToMajorString(suggested.goalMinor, event.currency),
			team: invited ? 'join' : teamChoice === 'start' || teamChoice === 'join' ? teamChoice : 'alone',
			teamId: invited?.id ?? '',
			teamName: '',
			teamGoal: minorToMajorString(suggested.goalMinor * 5, event.currency),
			firstName: '',
			lastName: '',
		},
		formToken: newFormToken(),
		locale: getCharity().locale,
	}
}

/** Creates the page (and team), or answers the form with errors beside their fields. */
export async function submitJoin(request: Request, slug: string) {
	const person = await requireSessionPerson(request)
	const event = await requireJoinableEvent(slug)
	const formData = await readFormData(request)
	const submission = parseWithZod(formData, { schema: joinSchema })
	if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
	const v = submission.value
	const minor = (text: string) => parseMajorToMinor(text, event.currency)!
	const team: TeamChoice =
		v.team === 'start'
			? { kind: 'start', name: v.teamName!, goalMinor: minor(v.teamGoal!) }
			: v.team === 'join'
				? { kind: 'join', teamId: v.teamId! }
				: { kind: 'alone' }
	const joined = await joinEvent(
		person,
		event.id,
		{
			title: v.title,
			story: v.story,
			goalMinor: minor(v.goal),
			team,
			organiserName: { firstName: v.firstName, lastName: v.lastName },
		},
		readFormToken(formData),
	)
	if (joined.status === 'stale')
		return data({ result: submission.reply({ formErrors: [STALE_FORM_MESSAGE] }) }, { status: 400 })
	if (joined.status === 'refused') {
		const { field, message } = joined.refusal
		const reply =
			field === 'form'
				? submission.reply({ formErrors: [message] })
				: submission.reply({ fieldErrors: { [field]: [message] } })
		return data({ result: reply }, { status: 400 })
	}
	const registration = await getRegistration(event.id, person.id)
	const done = registration?.registration.status === 'awaiting_fee' ? 'joined-awaiting-fee' : 'joined'
	return redirect(`/dashboard/${joined.id}?done=${done}`)
}
