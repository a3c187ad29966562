import { Link } from '@remix-run/react'

/** The landing page's opening: the invitation and what supporters have raised so far. */
export function LandingHero({
	shortName,
	totalRaised,
	campaignCount,
}: {
	shortName: string
	totalRaised: string
	campaignCount: number
}) {
	return (
		<section className="focus-on-dark relative overflow-hidden bg-brand-dark text-white">
			<img
				src="/images/hero.svg"
				alt=""
				className="absolute inset-0 h-full w-full object-cover opacity-35"
				width={1200}
				height={600}
			/>
			<div className="relative mx-auto max-w-6xl px-4 py-16 sm:py-24">
				<p className="text-sm font-semibold uppercase tracking-wider text-amber-200">Make an Impact</p>
				<h1 className="mt-3 max-w-3xl text-4xl font-bold leading-tight text-white sm:text-5xl">
					From birthday parties to polar dips, your fundraising campaign can stop the violence.
				</h1>
				<p className="mt-5 max-w-2xl text-lg text-white/90">
					Your skills, talents and ideas are a force for change. Set up a page in minutes, share it with the people who
					love you, and send {shortName} to stop traffickers and restore survivors.
				</p>
				<div className="mt-8 flex flex-col gap-3 sm:flex-row">
					<Link to="/start" className="btn-primary text-lg">
						Start a fundraiser
					</Link>
					<Link to="/fundraise" className="btn border-2 border-white text-lg text-white hover:bg-white/10">
						Learn more
					</Link>
				</div>
				<dl className="mt-10 flex flex-wrap gap-x-10 gap-y-4">
					<div>
						<dt className="text-sm text-white/85">Raised by supporters so far</dt>
						<dd className="font-serif text-3xl font-bold" data-testid="platform-total">
							{totalRaised}
						</dd>
					</div>
					<div>
						<dt className="text-sm text-white/85">Campaigns with gifts</dt>
						<dd className="font-serif text-3xl font-bold">{campaignCount}</dd>
					</div>
				</dl>
			</div>
		</section>
	)
}
