type Props = {
	campaign: {
		title: string
		kindLabel: string
		coverImage: string | null
		coverAlt: string
		/** The goal, formatted. */
		goal: string
		/** The end date, formatted, or null without one. */
		endsOn: string | null
		url: string
		storyHtml: string
	}
}

/** The page as it will look once published: cover, title, goal, date, link and story. */
export function ReviewPreview({ campaign }: Props) {
	return (
		<article className="mt-6 overflow-hidden rounded-xl bg-white shadow-sm">
			{campaign.coverImage ? (
				<img
					src={campaign.coverImage}
					alt={campaign.coverAlt}
					width={1200}
					height={630}
					className="aspect-[1200/630] w-full object-cover"
				/>
			) : null}
			<div className="space-y-3 p-6">
				<p className="text-xs font-semibold uppercase tracking-wider text-accent-dark">{campaign.kindLabel}</p>
				<h2 className="text-2xl font-bold">{campaign.title}</h2>
				<dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-[15px]">
					<dt className="font-semibold">Goal</dt>
					<dd>{campaign.goal}</dd>
					{campaign.endsOn ? (
						<>
							<dt className="font-semibold">Date</dt>
							<dd>{campaign.endsOn}</dd>
						</>
					) : null}
					<dt className="font-semibold">Link</dt>
					<dd className="wrap-anywhere">{campaign.url}</dd>
				</dl>
				<div
					className="prose-story border-t border-stone-200 pt-4"
					dangerouslySetInnerHTML={{ __html: campaign.storyHtml }}
				/>
			</div>
		</article>
	)
}
