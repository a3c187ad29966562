import { type CampaignKind } from '#db/schema.ts'

export type KindTemplate = {
	kind: CampaignKind
	label: string
	/** The idea in a sentence's middle: "you are thinking about a polar dip". */
	phrase: string
	/** One line that helps someone pick. */
	pitch: string
	cover: string
	coverAlt: string
	/** Suggested goal in major units of the charity's currency. */
	suggestedGoal: number
	/** Quick-choice gift amounts on the donation form, in major units. */
	presetAmounts: number[]
	/** Label of the optional end-date field for this kind. */
	dateLabel: string
	/** The starting title; `remembered` is who a page in memory of someone remembers, once given. */
	title: (firstName: string, remembered?: string) => string
	/** The starting story in the charity's voice; `date` is the kind's date, written out, once the person has set it. */
	story: (firstName: string, charityShortName: string, date?: string, remembered?: string) => string
}

/** The ideas a supporter can fundraise with, in the order we offer them. */
export const campaignKinds: KindTemplate[] = [
	{
		kind: 'birthday',
		label: 'Birthday',
		phrase: 'a birthday fundraiser',
		pitch: 'Ask friends to give to justice instead of presents.',
		cover: '/images/kinds/birthday.svg',
		coverAlt: 'A birthday cake with lit candles, balloons and bunting',
		suggestedGoal: 500,
		presetAmounts: [10, 20, 30, 50],
		dateLabel: 'Your birthday',
		title: (name) => `${possessive(name)} birthday for freedom`,
		story: (name, org, date) =>
			`${date ? `My birthday is on ${date}, and this` : 'This'} year, instead of presents, I'm asking for something that matters far more: freedom for children and women trapped in sex trafficking.\n\n**2 million children are exploited in the global commercial sex trade.** ${org} rescues victims, brings traffickers to justice and helps survivors rebuild their lives.\n\nIf you were thinking of getting me a gift, please give here instead. It would be the best birthday present I could ask for.\n\nThank you!${signOff(name)}`,
	},
	{
		kind: 'challenge',
		label: 'Polar dip / challenge',
		phrase: 'a polar dip or another challenge',
		pitch: 'Take the plunge — cold water, a climb, a dare — and get sponsored.',
		cover: '/images/kinds/challenge.svg',
		coverAlt: 'People running into a cold winter sea under a low sun',
		suggestedGoal: 750,
		presetAmounts: [10, 25, 50, 100],
		dateLabel: 'Date of your challenge',
		title: (name) => `${possessive(name)} polar dip for justice`,
		story: (name, org, date) =>
			`${date ? `On ${date} I'm` : "I'm"} taking on a challenge to stand with survivors of sex trafficking. It will be cold, it will be uncomfortable, and it will be nothing compared to what victims of trafficking endure.\n\nPlease sponsor me. Every gift helps ${org} rescue victims, bring traffickers to justice and strengthen the justice systems that protect the vulnerable.\n\nThank you for backing me!${signOff(name)}`,
	},
	{
		kind: 'run_walk_ride',
		label: 'Run, walk or ride',
		phrase: 'a run, walk or ride',
		pitch: 'Turn every kilometre of your race or ride into freedom.',
		cover: '/images/kinds/run_walk_ride.svg',
		coverAlt: 'A runner and a cyclist on a country road through green hills',
		suggestedGoal: 1000,
		presetAmounts: [10, 25, 50, 100],
		dateLabel: 'Race or event day',
		title: (name) => (name ? `${name} runs for freedom` : 'Running for freedom'),
		story: (name, org, date) =>
			`I'm training for my event${date ? ` on ${date}` : ''}, and every step is for people trapped in sex trafficking.\n\nTraffickers profit because they don't expect to be caught. ${org} changes that: rescuing victims, supporting prosecutions and restoring survivors.\n\nPlease sponsor me — whatever you can give will keep me going on the hard miles.${signOff(name)}`,
	},
	{
		kind: 'celebration',
		label: 'Wedding or celebration',
		phrase: 'a wedding or celebration',
		pitch: 'Share your joy by giving guests a way to protect others.',
		cover: '/images/kinds/celebration.svg',
		coverAlt: 'Two glasses raised in a toast with wedding rings and confetti',
		suggestedGoal: 1500,
		presetAmounts: [20, 50, 100, 250],
		dateLabel: 'Date of your celebration',
		title: (name) => `${possessive(name)} celebration for justice`,
		story: (name, org, date) =>
			`We're celebrating${date ? ` on ${date}` : ''}, and we'd love you to celebrate with us by helping people who have had their freedom taken from them.\n\nInstead of gifts, please consider a donation to ${org}, which rescues victims of sex trafficking, brings criminals to justice and helps survivors rebuild their lives.\n\nThank you for sharing our joy.${signOff(name)}`,
	},
	{
		kind: 'in_memory',
		label: 'In memory of someone',
		phrase: 'a page in memory of someone',
		pitch: 'Honour someone you love with a legacy of justice.',
		cover: '/images/kinds/in_memory.svg',
		coverAlt: 'A single candle glowing at dusk among forget-me-not flowers',
		suggestedGoal: 1000,
		presetAmounts: [20, 50, 100, 250],
		dateLabel: 'A date that matters',
		title: (_name, remembered) => (remembered ? `In loving memory of ${remembered}` : 'In loving memory'),
		story: (name, org, _date, remembered) =>
			`We are raising money in memory of ${remembered ?? 'someone very dear to us'}, who believed that everyone deserves to be safe and free.\n\nGifts in their memory will help ${org} rescue victims of sex trafficking, hold perpetrators to account and care for survivors.\n\nThank you for remembering with us.${signOff(name)}`,
	},
	{
		kind: 'own_idea',
		label: 'My own idea',
		phrase: 'your own idea',
		pitch: 'Bake sale, gaming marathon, concert — your idea, your way.',
		cover: '/images/kinds/own_idea.svg',
		coverAlt: 'A lightbulb with a heart above a bake sale table',
		suggestedGoal: 300,
		presetAmounts: [5, 10, 25, 50],
		dateLabel: 'End date',
		title: (name) => `${possessive(name)} fundraiser for freedom`,
		story: (name, org) =>
			`I'm fundraising to help end sex trafficking — sexual violence run as a business.\n\nEvery gift helps ${org} rescue victims, bring traffickers to justice and restore survivors. Please give what you can and share this page with a friend.\n\nThank you!${signOff(name)}`,
	},
]

/** "Amara's", or "My" when we don't know their name yet. */
function possessive(name: string) {
	return name ? `${name}'s` : 'My'
}

/** The story's signature line, left off when we don't know their name. */
function signOff(name: string) {
	return name ? `\n${name}` : ''
}

export function campaignKindTemplate(kind: CampaignKind): KindTemplate {
	return campaignKinds.find((k) => k.kind === kind) ?? campaignKinds[campaignKinds.length - 1]!
}

export function campaignKindLabel(kind: CampaignKind): string {
	return campaignKindTemplate(kind).label
}

/** The idea as a phrase for running text, or null for a value that names no kind. */
export function campaignKindPhrase(kind: string): string | null {
	return campaignKinds.find((k) => k.kind === kind)?.phrase ?? null
}

export const campaignKindValues = campaignKinds.map((k) => k.kind) as [CampaignKind, ...CampaignKind[]]
