import { parseWithZod } from '@conform-to/zod/v4'
import { data, redirect } from '@remix-run/node'
import { and, eq, gt, ne, sql } from 'drizzle-orm'
import { getCharity } from '#app/config/charity.server.ts'
import { getEnv } from '#app/config/env.server.ts'
import { queueEmail } from '#app/email/outbox.server.ts'
import { requireSessionPerson } from '#app/people/session.server.ts'
import { createOnce, newFormToken, readFormToken, STALE_FORM_MESSAGE } from '#app/utils/form-token.server.ts'
import { readFormData } from '#app/utils/forms.server.ts'
import { isUuid } from '#app/utils/ids.ts'
import { minorToMajorString, parseMajorToMinor } from '#app/utils/money.ts'
import { db } from '#db/index.server.ts'
import { campaigns, events, formSubmissions, people, teams } from '#db/schema.ts'
import { listTeamMembers, readTeamTotal } from './boards.server.ts'
import { setTeamGoal } from './events.server.ts'
import { teamPath } from './kinds.ts'
import { teamGoalSchema, teamMessageSchema } from './team-dashboard-schema.ts'

/** How many emails a captain may send their team in a day: enough to rally, too few to become a nuisance. */
export const TEAM_MESSAGES_PER_DAY = 3

const messageAction = (teamId: string) => `team-message:${teamId}`

/** The team the signed-in person captains: 404 for no such team, 403 for anyone but its captain. */
async function requireCaptainedTeam(request: Request, teamId: string) {
	const person = await requireSessionPerson(request)
	const [row] = isUuid(teamId)
		? await db()
				.select({ team: teams, eventSlug: events.slug, eventName: events.name, currency: events.currency })
				.from(teams)
				.innerJoin(events, eq(events.id, teams.eventId))
				.where(eq(teams.id, teamId))
		: []
	if (!row) throw data({ error: 'We couldn’t find that team.' }, { status: 404 })
	if (row.team.captainId !== person.id)
		throw data({ error: 'Only the team’s captain can open its dashboard.' }, { status: 403 })
	return { person, ...row }
}

/** Emails the team sent in the last day (each post of the form is one, however many members it reached). */
async function messagesSentToday(teamId: string) {
	const [row] = await db()
		.select({ count: sql<number>`count(*)::int` })
		.from(formSubmissions)
		.where(
			and(
				eq(formSubmissions.action, messageAction(teamId)),
				gt(formSubmissions.createdAt, sql`now() - interval '1 day'`),
			),
		)
	return row?.count ?? 0
}

/** The captain's dashboard: invite link, members and their totals, the team's total and goal, the email form. */
export async function loadTeamDashboard(request: Request, teamId: string) {
	const { team, eventSlug, eventName, currency } = await requireCaptainedTeam(request, teamId)
	const [members, total, sent] = await Promise.all([
		listTeamMembers(team.id),
		readTeamTotal(team.id),
		messagesSentToday(team.id),
	])
	return {
		team: { id: team.id, name: team.name, goalMinor: team.goalMinor, slug: team.slug },
		event: { slug: eventSlug, name: eventName },
		currency,
		inviteUrl: `${getEnv().APP_URL}${teamPath(eventSlug, team.slug, 'join')}`,
		members: members.map((m) => ({ slug: m.slug, name: m.name, raisedMinor: m.raisedMinor, donorCount: m.donorCount })),
		total,
		goal: minorToMajorString(team.goalMinor, currency),
		messagesLeft: Math.max(0, TEAM_MESSAGES_PER_DAY - sent),
		formToken: newFormToken(),
		locale: getCharity().locale,
	}
}

/** The dashboard's two forms: the team goal, and the email to the team. */
export async function handleTeamDashboardAction(request: Request, teamId: string) {
	const captained = await requireCaptainedTeam(request, teamId)
	const formData = await readFormData(request)
	const intent = formData.get('intent')
	if (intent === 'team-goal') {
		const submission = parseWithZod(formData, { schema: teamGoalSchema })
		if (submission.status !== 'success') return data({ intent, result: submission.reply() }, { status: 400 })
		await setTeamGoal(captained.team.id, parseMajorToMinor(submission.value.goal, captained.currency)!)
		return redirect(`/dashboard/team/${captained.team.id}?done=goal`, 303)
	}
	const submission = parseWithZod(formData, { schema: teamMessageSchema })
	if (submission.status !== 'success') return data({ intent, result: submission.reply() }, { status: 400 })
	const sent = await sendTeamMessage(captained, submission.value, readFormToken(formData))
	if (sent.status === 'stale')
		return data({ intent, result: submission.reply({ formErrors: [STALE_FORM_MESSAGE] }) }, { status: 400 })
	if (sent.status === 'refused')
		return data({ intent, result: submission.reply({ formErrors: [sent.refusal] }) }, { status: 429 })
	return redirect(`/dashboard/team/${captained.team.id}?done=message`, 303)
}

/**
 * Queues the captain's email to every other member of the team, once per
 * form token (a resent form sends nothing twice) and at most
 * TEAM_MESSAGES_PER_DAY a day per team, counted under the team's row lock so
 * two posts at once cannot both take the last one. Members who turned off
 * updates email are not sent it (the outbox checks their preferences).
 */
async function sendTeamMessage(
	captained: Awaited<ReturnType<typeof requireCaptainedTeam>>,
	message: { subject: string; body: string },
	token: string | null,
) {
	const { person, team } = captained
	return createOnce<string>({ token, action: messageAction(team.id), personId: person.id }, async (tx) => {
		await tx.select({ id: teams.id }).from(teams).where(eq(teams.id, team.id)).for('update')
		const [today] = await tx
			.select({ count: sql<number>`count(*)::int` })
			.from(formSubmissions)
			.where(
				and(
					eq(formSubmissions.action, messageAction(team.id)),
					gt(formSubmissions.createdAt, sql`now() - interval '1 day'`),
				),
			)
		// This post's own claim is already counted.
		if ((today?.count ?? 0) > TEAM_MESSAGES_PER_DAY)
			return {
				refused: `You have sent your team ${TEAM_MESSAGES_PER_DAY} emails in the last 24 hours, the most we allow. Please try again tomorrow.`,
			}
		const members = await tx
			.select({ personId: people.id, email: people.email, firstName: people.firstName })
			.from(campaigns)
			.innerJoin(people, eq(people.id, campaigns.ownerId))
			.where(and(eq(campaigns.teamId, team.id), eq(campaigns.purpose, 'personal'), ne(people.id, person.id)))
		for (const member of members) {
			await queueEmail(tx, {
				template: 'team-message',
				causeKey: `team-message:${token}:${member.personId}`,
				to: member.email,
				personId: member.personId,
				category: 'updates',
				data: {
					memberName: member.firstName,
					captainName: `${person.firstName} ${person.lastName}`.trim(),
					teamName: team.name,
					teamSlug: team.slug,
					eventName: captained.eventName,
					eventSlug: captained.eventSlug,
					subject: message.subject,
					body: message.body,
				},
			})
		}
		return { id: team.id }
	})
}
