import { type MetaFunction } from '@remix-run/node'
import { Link, useSearchParams } from '@remix-run/react'
import { campaignKinds } from '#app/campaigns/kinds.ts'

export const meta: MetaFunction = () => [
	{ title: 'Start a fundraiser' },
	{ name: 'description', content: 'Birthday, polar dip, run, wedding, in memory of someone or your own idea: pick how you will fundraise.' },
]

// Until supporter accounts arrive, starting a page goes through the
// supporter team: the chosen idea is carried into the learn-more sign-up.
export default function StartFundraiser() {
	const [searchParams] = useSearchParams()
	const chosen = searchParams.get('kind')
	return (
		<div className="bg-sand">
			<div className="mx-auto max-w-5xl px-4 py-12">
				<p className="text-sm font-semibold uppercase tracking-wider text-accent-dark">Step 1 of 3</p>
				<h1 className="mt-2 text-3xl font-bold sm:text-4xl">How would you like to fundraise?</h1>
				<p className="mt-3 max-w-2xl text-lg text-muted">
					Pick the idea closest to yours. We'll send you our free guide and help you set up your page — it takes about
					three minutes.
				</p>
				<ul className="mt-8 grid gap-5 sm:grid-cols-2 lg:grid-cols-3">
					{campaignKinds.map((k) => (
						<li key={k.kind} className="relative">
							<Link
								to={`/fundraise?idea=${k.kind}`}
								aria-current={chosen === k.kind ? 'true' : undefined}
								className={`flex h-full flex-col overflow-hidden rounded-xl border-2 bg-white no-underline shadow-sm hover:border-brand hover:shadow-md ${chosen === k.kind ? 'border-accent' : 'border-transparent'}`}
							>
								<img src={k.cover} alt="" width={1200} height={630} className="aspect-[1200/630] w-full object-cover" />
								<span className="p-5">
									<span className="block text-lg font-bold text-ink">{k.label}</span>
									<span className="mt-1 block text-muted">{k.pitch}</span>
								</span>
							</Link>
						</li>
					))}
				</ul>
			</div>
		</div>
	)
}
