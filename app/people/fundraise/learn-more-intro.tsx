/** Why to fundraise, beside the sign-up form. */
export function LearnMoreIntro() {
	return (
		<div className="md:col-span-2">
			<p className="text-sm font-semibold uppercase tracking-wider text-accent-dark">Make an impact</p>
			<h1 className="mt-2 text-3xl font-bold sm:text-4xl">Learn more about fundraising</h1>
			<p className="mt-4 text-lg text-muted">
				Your skills, talents and ideas are a force for change. Tell us a little about yourself and we'll send you our
				free guide, <em>25 Tips for the Novice Fundraiser</em>, with everything you need to get started.
			</p>
			<ul className="mt-6 space-y-2 text-muted">
				<li>✓ No experience needed</li>
				<li>✓ A page of your own in about three minutes</li>
				<li>✓ Friendly help from our supporter team</li>
			</ul>
		</div>
	)
}
