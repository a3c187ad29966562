import { type CampaignKind } from '#db/schema.ts'

/** The ideas a supporter can fundraise with, in the order we offer them. */
export const campaignKinds: {
	kind: CampaignKind
	label: string
	/** One line that helps someone pick. */
	pitch: string
	cover: string
}[] = [
	{ kind: 'birthday', label: 'Birthday', pitch: 'Ask friends to give to justice instead of presents.', cover: '/images/kinds/birthday.svg' },
	{ kind: 'challenge', label: 'Polar dip / challenge', pitch: 'Take the plunge — cold water, a climb, a dare — and get sponsored.', cover: '/images/kinds/challenge.svg' },
	{ kind: 'run_walk_ride', label: 'Run, walk or ride', pitch: 'Turn every kilometre of your race or ride into freedom.', cover: '/images/kinds/run_walk_ride.svg' },
	{ kind: 'celebration', label: 'Wedding or celebration', pitch: 'Share your joy by giving guests a way to protect others.', cover: '/images/kinds/celebration.svg' },
	{ kind: 'in_memory', label: 'In memory of someone', pitch: 'Honour someone you love with a legacy of justice.', cover: '/images/kinds/in_memory.svg' },
	{ kind: 'own_idea', label: 'My own idea', pitch: 'Bake sale, gaming marathon, concert — your idea, your way.', cover: '/images/kinds/own_idea.svg' },
]

export function campaignKindLabel(kind: CampaignKind): string {
	return campaignKinds.find((k) => k.kind === kind)?.label ?? kind
}

export const campaignKindValues = campaignKinds.map((k) => k.kind) as [CampaignKind, ...CampaignKind[]]
