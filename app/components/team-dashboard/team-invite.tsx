/** The captain's invite link, selectable without JavaScript; the copy button is wired by public/enhance.js. */
export function TeamInvite({ inviteUrl, teamName }: { inviteUrl: string; teamName: string }) {
	return (
		<section aria-labelledby="invite-heading" className="rounded-xl border border-stone-200 p-6 shadow-sm">
			<h2 id="invite-heading" className="text-xl font-bold">
				Invite people to {teamName}
			</h2>
			<label htmlFor="invite-url" className="mt-3 block text-sm font-semibold">
				Invite link
			</label>
			<div className="mt-1 flex gap-2">
				<input
					id="invite-url"
					readOnly
					value={inviteUrl}
					className="field-input min-w-0 text-sm"
					data-select-on-focus
				/>
				<button type="button" className="btn-secondary shrink-0 px-3 py-2 text-sm" data-copy-link={inviteUrl}>
					Copy
				</button>
			</div>
			<p aria-live="polite" className="sr-only" data-copy-status />
			<p className="mt-2 text-sm text-muted">Whoever opens it joins the event straight into your team.</p>
		</section>
	)
}
