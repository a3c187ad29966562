import { campaignKindLabel } from '#app/campaigns/kinds.ts'
import { type CampaignKind } from '#db/schema.ts'

type Props = {
	campaign: { kind: CampaignKind; title: string; organiserPhotoUrl: string | null }
	/** The organiser's name, or "A supporter" when they gave none. */
	organiser: string
}

/** The page's kind, title and who organises it. */
export function CampaignHeading({ campaign, organiser }: Props) {
	return (
		<>
			<p className="text-sm font-semibold uppercase tracking-wider text-accent-dark">
				{campaignKindLabel(campaign.kind)}
			</p>
			<h1 className="mt-2 text-3xl font-bold sm:text-4xl">{campaign.title}</h1>
			<p className="mt-2 flex items-center gap-2 text-muted">
				{campaign.organiserPhotoUrl ? (
					<img
						src={campaign.organiserPhotoUrl}
						alt=""
						width={32}
						height={32}
						className="h-8 w-8 rounded-full object-cover"
					/>
				) : null}
				<span>Organised by {organiser}</span>
			</p>
		</>
	)
}

// The cover is the page's largest paint: fetch it first. React 18 knows
// the attribute only in lower case.
const coverPriority = { fetchpriority: 'high' }

/** The cover picture, or the kind's illustration when the organiser added none. */
export function CampaignCover({
	campaign,
}: {
	campaign: { kind: CampaignKind; coverImage: string | null; coverAlt: string | null }
}) {
	return (
		<img
			src={campaign.coverImage ?? `/images/kinds/${campaign.kind}.svg`}
			alt={campaign.coverAlt ?? ''}
			width={1200}
			height={630}
			{...coverPriority}
			className="aspect-[1200/630] w-full rounded-xl object-cover"
		/>
	)
}
