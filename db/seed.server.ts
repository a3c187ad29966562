import { count, sql } from 'drizzle-orm'
import { getEnv } from '#app/config/env.server.ts'
import { db } from './index.server.ts'
import { createCampaign, createPerson, createSucceededDonation } from './factories.server.ts'
import { campaigns, type CampaignKind } from './schema.ts'
import { seedDemoEvent } from './seed-event.server.ts'

type DemoCampaign = {
	owner: { firstName: string; lastName: string }
	kind: CampaignKind
	slug: string
	title: string
	story: string
	goal: number
	featured?: boolean
	daysAgo: number
	endsInDays?: number
	gifts: [name: string, amount: number, message?: string, flags?: 'anonymous' | 'hidden'][]
}

const demoCampaigns: DemoCampaign[] = [
	{
		owner: { firstName: 'Amara', lastName: 'Okafor' },
		kind: 'birthday',
		slug: 'amara-turns-30',
		title: "Amara's 30th: freedom instead of presents",
		story:
			"I'm turning 30 and I already have everything I need. What I want is for every girl sold for sex to have what I had growing up: safety.\n\n**Instead of presents, please give to stop sex trafficking.** Every gift helps rescue victims, bring traffickers to justice and restore survivors.",
		goal: 1000,
		featured: true,
		daysAgo: 12,
		endsInDays: 18,
		gifts: [
			['Tom Becker', 50, 'Happy birthday! What a brilliant idea.'],
			['Priya Shah', 30, 'So proud of you, Amara.'],
			['Jo', 25, undefined, 'anonymous'],
			['Nadia Haddad', 100, 'For every girl who deserves a birthday.'],
			['Leon Park', 20],
			['Grace Mensah', 40, 'Have the best day!', 'hidden'],
			['Ruth Allen', 35],
		],
	},
	{
		owner: { firstName: 'Callum', lastName: 'Reid' },
		kind: 'challenge',
		slug: 'new-year-polar-dip',
		title: "Callum's New Year polar dip",
		story:
			"On 1 January I'm running into the North Sea. It will be freezing, it will be short, and it will be nothing compared to what survivors of trafficking endure.\n\nSponsor my dip and help strengthen justice systems so that traffickers face real consequences.",
		goal: 750,
		featured: true,
		daysAgo: 20,
		endsInDays: 35,
		gifts: [
			['Moira Reid', 50, 'Rather you than me!'],
			['Dan Fraser', 20, 'Wear a hat.'],
			['Iona McLeod', 25],
			['The Thursday five-a-side', 60, 'From all the lads.'],
			['Ewan Scott', 15, undefined, 'anonymous'],
		],
	},
	{
		owner: { firstName: 'Sofia', lastName: 'Martins' },
		kind: 'run_walk_ride',
		slug: 'sofia-runs-london',
		title: 'Sofia runs the marathon for freedom',
		story:
			"26.2 miles. Sixteen weeks of training. One reason: **2 million children are exploited in the global commercial sex trade**, and it doesn't have to be that way.\n\nEvery mile I run, I'm asking you to help rescue victims and bring the people who profit from them to justice.",
		goal: 2000,
		featured: true,
		daysAgo: 40,
		endsInDays: 60,
		gifts: [
			['Marco Martins', 100, 'Força, Sofia!'],
			['Hannah Lee', 50, 'See you at mile 20 with jelly babies.'],
			['Office of Ward & Co', 250, 'Proud to support you.'],
			['Beth Carter', 20],
			['Anonymous', 500, 'For the survivors.', 'anonymous'],
			['Chris Doyle', 25],
			['Fatima Noor', 30, 'Go go go!'],
			['Ollie Grant', 15],
		],
	},
	{
		owner: { firstName: 'Ben', lastName: 'Adeyemi' },
		kind: 'run_walk_ride',
		slug: 'coast-to-coast-ride',
		title: 'Coast to coast by bike: 140 miles for justice',
		story:
			'Three friends, three days, 140 miles from the Irish Sea to the North Sea. We ride so that children hidden in private homes and internet cafes are found and freed.\n\nPlease back us — every pound supports rescue operations and survivor aftercare.',
		goal: 1500,
		daysAgo: 6,
		endsInDays: 50,
		gifts: [
			['Kemi Adeyemi', 40, 'Safe riding!'],
			['Sam Turner', 25],
		],
	},
	{
		owner: { firstName: 'Lucy', lastName: 'and James' },
		kind: 'celebration',
		slug: 'lucy-and-james-wedding',
		title: 'Lucy & James: our wedding gift list for justice',
		story:
			"We're getting married! We've been given so much love already, so instead of a gift list we're asking our guests to help protect women and girls from traffickers.\n\nThank you for celebrating with us — and for standing with survivors.",
		goal: 3000,
		daysAgo: 30,
		endsInDays: 45,
		gifts: [
			['Auntie Pat', 100, 'Wishing you a lifetime of happiness.'],
			['Mike & Sarah', 75, 'Congratulations, you two!'],
			['Gran', 50, 'With all my love.'],
			['Jonny B', 40],
			['The Hendersons', 120, 'Cheers to the happy couple.', 'hidden'],
			['Ella Wright', 30],
		],
	},
	{
		owner: { firstName: 'Margaret', lastName: 'Hughes' },
		kind: 'in_memory',
		slug: 'in-memory-of-david-hughes',
		title: 'In memory of David Hughes',
		story:
			"David spent his life standing up for people who had no one else to stand up for them. In his memory, we're raising money to help rescue victims of trafficking and restore survivors.\n\nThank you for honouring him with us.",
		goal: 2500,
		featured: true,
		daysAgo: 15,
		gifts: [
			['Margaret Hughes', 200, 'For David, always.'],
			['St Mary’s choir', 150, 'He is missed every Sunday.'],
			['Peter Lane', 50, 'A true gentleman.'],
			['A neighbour', 30, undefined, 'anonymous'],
			['Anne Roberts', 40],
		],
	},
	{
		owner: { firstName: 'Jade', lastName: 'Thompson' },
		kind: 'own_idea',
		slug: 'bake-sale-for-freedom',
		title: 'Bake sale for freedom',
		story:
			"Our sixth-form bake sale is back! Every brownie, every slice of lemon drizzle, every cup of tea goes to ending sex trafficking.\n\nCan't make it? You can still give here.",
		goal: 400,
		daysAgo: 3,
		endsInDays: 10,
		gifts: [['Mrs Patel', 10, 'Save me a brownie!']],
	},
	{
		owner: { firstName: 'Arjun', lastName: 'Mehta' },
		kind: 'own_idea',
		slug: '24-hour-gaming-marathon',
		title: '24-hour gaming marathon',
		story:
			"I'm streaming for 24 hours straight to raise money for rescue and justice. Drop a donation and pick the next game.\n\nCybersex trafficking is on the rise as internet access grows: let's use the internet to fight back.",
		goal: 600,
		daysAgo: 9,
		endsInDays: 5,
		gifts: [
			['xXLunaXx', 5, 'gg'],
			['Rory', 20, 'Play Tetris next!'],
			['Kai Nguyen', 15],
			['Mum', 50, 'Go to bed after, please.'],
		],
	},
]

// Several processes starting together on an empty database all try to seed it.
const SEED_LOCK = 7_301_966

/**
 * Fills an empty database with demo campaigns and donations. Returns null when
 * data exists. The emptiness check and the seeding share one transaction under
 * an advisory lock, so of several processes starting at once exactly one seeds.
 */
export async function seedDemoDataIfEmpty() {
	return seedDemoData({ onlyIfEmpty: true })
}

export async function seedDemoData(options: { onlyIfEmpty?: boolean } = {}) {
	const currency = getEnv().CHARITY_CURRENCY
	const now = Date.now()
	const day = 86_400_000
	let donationCount = 0
	const seeded = await db().transaction(async (tx) => {
		await tx.execute(sql`select pg_advisory_xact_lock(${SEED_LOCK})`)
		if (options.onlyIfEmpty) {
			const [existing] = await tx.select({ n: count() }).from(campaigns)
			if (existing && existing.n > 0) return null
		}
		// A staff account for trying the staff area: sign in as it with the code from /dev/mail.
		const staff = await createPerson(tx, {
			email: 'staff@demo.example.org',
			firstName: 'Demo',
			lastName: 'Staff',
			role: 'staff',
		})
		for (const demo of demoCampaigns) {
			const owner = await createPerson(tx, {
				...demo.owner,
				email: `${demo.slug}@demo.example.org`,
			})
			const publishedAt = new Date(now - demo.daysAgo * day)
			const campaign = await createCampaign(tx, {
				ownerId: owner.id,
				kind: demo.kind,
				slug: demo.slug,
				title: demo.title,
				story: demo.story,
				goalMinor: demo.goal * 100,
				currency,
				featured: demo.featured ?? false,
				status: 'active',
				publishedAt,
				createdAt: publishedAt,
				coverImage: `/images/kinds/${demo.kind}.svg`,
				coverAlt: '',
				endsOn: demo.endsInDays ? new Date(now + demo.endsInDays * day).toISOString().slice(0, 10) : null,
			})
			for (const [index, [name, amount, message, flag]] of demo.gifts.entries()) {
				// Spread the gifts between publication and now, oldest first.
				const at = new Date(
					publishedAt.getTime() + ((index + 1) * (now - publishedAt.getTime())) / (demo.gifts.length + 1),
				)
				await createSucceededDonation(tx, {
					campaignId: campaign.id,
					amountMinor: amount * 100,
					currency,
					donorName: name,
					message: message ?? null,
					anonymous: flag === 'anonymous',
					hideAmount: flag === 'hidden',
					succeededAt: at,
				})
				donationCount++
			}
		}
		return seedDemoEvent(tx, staff, currency, now)
	})
	return seeded
		? { campaigns: demoCampaigns.length + seeded.campaigns, donations: donationCount + seeded.donations }
		: null
}
