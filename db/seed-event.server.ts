import { type Tx } from './client.server.ts'
import { createPerson, createSucceededDonation } from './factories.server.ts'
import { campaigns, teams, type Person } from './schema.ts'
import { createEvent } from '#app/events/events.server.ts'
import { joinEventInTransaction, type TeamChoice } from '#app/events/join.server.ts'
import { and, eq } from 'drizzle-orm'

type DemoParticipant = {
	firstName: string
	lastName: string
	/** Starts this team (as its captain), joins it, or fundraises alone. */
	team?: { start: string } | { join: string }
	goal: number
	gifts: [name: string, amount: number, message?: string, flags?: 'anonymous' | 'hidden'][]
}

const participants: DemoParticipant[] = [
	{
		firstName: 'Isla',
		lastName: 'Campbell',
		team: { start: 'The Frozen Flamingos' },
		goal: 300,
		gifts: [
			['Fiona Campbell', 50, 'Go Isla!'],
			['Ali Hassan', 25],
			['Anon', 40, undefined, 'anonymous'],
		],
	},
	{ firstName: 'Ben', lastName: 'Murray', team: { join: 'The Frozen Flamingos' }, goal: 200, gifts: [['Kate', 20]] },
	{
		firstName: 'Chloe',
		lastName: 'Wright',
		team: { join: 'The Frozen Flamingos' },
		goal: 250,
		gifts: [['Sam Wright', 30, 'Brrr!', 'hidden']],
	},
	{ firstName: 'Dev', lastName: 'Patel', team: { join: 'The Frozen Flamingos' }, goal: 200, gifts: [] },
	{
		firstName: 'Erin',
		lastName: 'Doyle',
		team: { start: 'Office Ice Breakers' },
		goal: 400,
		gifts: [
			['Mark Doyle', 100, 'Proud of you.'],
			['Tess Quinn', 35],
		],
	},
	{
		firstName: 'Femi',
		lastName: 'Adeyemi',
		team: { join: 'Office Ice Breakers' },
		goal: 250,
		gifts: [['Bola', 60, 'For justice.']],
	},
	{ firstName: 'Gus', lastName: 'Holt', team: { join: 'Office Ice Breakers' }, goal: 150, gifts: [['Rosa', 15]] },
	{
		firstName: 'Hana',
		lastName: 'Kim',
		team: { start: 'Sea Shanty Swimmers' },
		goal: 300,
		gifts: [
			['Min Kim', 75],
			['Jo Lee', 20],
		],
	},
	{ firstName: 'Ivan', lastName: 'Novak', team: { join: 'Sea Shanty Swimmers' }, goal: 200, gifts: [['Lena', 45]] },
	{ firstName: 'Jade', lastName: 'Evans', team: { join: 'Sea Shanty Swimmers' }, goal: 200, gifts: [] },
	{
		firstName: 'Kit',
		lastName: 'Morgan',
		goal: 500,
		gifts: [
			['Pat Morgan', 120, 'Mad but brilliant.'],
			['Ola', 25],
		],
	},
	{ firstName: 'Lou', lastName: 'Bennett', goal: 150, gifts: [['Nina', 10]] },
]

/**
 * "Polar Dip 2027": New Year's Day 2027 at Portobello beach, open for
 * registration, featured on the landing page, with three teams, twelve
 * participants and gifts to pages, to a team and to the event itself, all
 * through the ledger. Returns how many campaigns (pages, team and event
 * gift pages) and donations it made.
 */
export async function seedDemoEvent(tx: Tx, staff: Person, currency: string, now: number) {
	const day = 86_400_000
	const event = await createEvent(
		{
			slug: 'polar-dip-2027',
			name: 'Polar Dip 2027',
			kind: 'polar_dip',
			startsAt: new Date('2027-01-01T11:00:00Z'),
			timeZone: 'Europe/London',
			place: 'Portobello Beach, Edinburgh',
			mapUrl: 'https://www.openstreetmap.org/#map=16/55.9536/-3.1086',
			description:
				'Start 2027 with a splash. Run into the North Sea on **New Year’s Day** with hundreds of others and raise money to stop sex trafficking.\n\nFundraise on your own or as a team: every participant gets their own page, and every gift counts towards the event total.',
			coverImage: '/images/kinds/challenge.svg',
			coverAlt: '',
			goalMinor: 10_000 * 100,
			suggestedGoalMinor: 250 * 100,
			minimumPledgeMinor: 100 * 100,
			currency,
			registrationOpensAt: new Date(now - 60 * day),
			// Noon on New Year's Eve; a demo seeded later than that still takes registrations for a week.
			registrationClosesAt: new Date(Math.max(Date.parse('2026-12-31T12:00:00Z'), now + 7 * day)),
			capacity: 500,
			state: 'open',
			giftsOpenDaysAfterEnd: 30,
			featured: true,
		},
		staff,
		tx,
	)
	let donationCount = 0
	for (const [index, p] of participants.entries()) {
		const person = await createPerson(tx, {
			firstName: p.firstName,
			lastName: p.lastName,
			email: `polar-dip-${p.firstName.toLowerCase()}@demo.example.org`,
		})
		const team = await demoTeamChoice(tx, event.id, p)
		const joined = await joinEventInTransaction(
			tx,
			person,
			event.id,
			{
				title: `${p.firstName}’s Polar Dip 2027`,
				story: `On New Year’s Day I’m running into the North Sea with ${team.kind === 'alone' ? 'hundreds of others' : 'my team'}. Please sponsor my dip and help stop sex trafficking.`,
				goalMinor: p.goal * 100,
				team,
			},
			{ coachingEmails: false },
		)
		if ('refused' in joined) throw new Error(`demo participant ${p.firstName}: ${joined.refused.message}`)
		for (const [g, [name, amount, message, flag]] of p.gifts.entries()) {
			await createSucceededDonation(tx, {
				campaignId: joined.id,
				amountMinor: amount * 100,
				currency,
				donorName: name,
				message: message ?? null,
				anonymous: flag === 'anonymous',
				hideAmount: flag === 'hidden',
				succeededAt: new Date(now - (30 - index - g) * day),
			})
			donationCount++
		}
	}
	const giftPages = await tx
		.select({ id: campaigns.id, purpose: campaigns.purpose })
		.from(campaigns)
		.where(and(eq(campaigns.eventId, event.id)))
	const eventPage = giftPages.find((c) => c.purpose === 'event')!
	const teamPage = giftPages.find((c) => c.purpose === 'team')!
	await createSucceededDonation(tx, {
		campaignId: eventPage.id,
		amountMinor: 250 * 100,
		currency,
		donorName: 'Portobello Rotary Club',
		message: 'Good luck to every dipper!',
		succeededAt: new Date(now - 5 * day),
	})
	await createSucceededDonation(tx, {
		campaignId: teamPage.id,
		amountMinor: 80 * 100,
		currency,
		donorName: 'The team’s office',
		succeededAt: new Date(now - 3 * day),
	})
	return { campaigns: giftPages.length, donations: donationCount + 2 }
}

async function demoTeamChoice(tx: Tx, eventId: string, p: DemoParticipant): Promise<TeamChoice> {
	if (!p.team) return { kind: 'alone' }
	if ('start' in p.team) return { kind: 'start', name: p.team.start, goalMinor: 1_000 * 100 }
	const [team] = await tx
		.select({ id: teams.id })
		.from(teams)
		.where(and(eq(teams.eventId, eventId), eq(teams.name, p.team.join)))
	return { kind: 'join', teamId: team!.id }
}
