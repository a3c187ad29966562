/** The organiser's updates, newest first. */
export function CampaignUpdates({
	updates,
	organiser,
	locale,
}: {
	updates: { id: string; body: string; createdAt: Date }[]
	organiser: string
	locale: string
}) {
	if (updates.length === 0) return null
	return (
		<section aria-labelledby="updates-heading">
			<h2 id="updates-heading" className="text-2xl font-bold">
				Updates from {organiser}
			</h2>
			<ol className="mt-4 space-y-4">
				{updates.map((update) => (
					<li key={update.id} className="rounded-xl bg-sand p-5">
						<p className="text-sm text-muted">
							<time dateTime={update.createdAt.toISOString()}>
								{update.createdAt.toLocaleDateString(locale, {
									day: 'numeric',
									month: 'long',
									year: 'numeric',
								})}
							</time>
						</p>
						<p className="mt-1 whitespace-pre-line wrap-anywhere">{update.body}</p>
					</li>
				))}
			</ol>
		</section>
	)
}
