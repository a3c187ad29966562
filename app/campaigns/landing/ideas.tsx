import { Link } from '@remix-run/react'
import { campaignKinds } from '#app/campaigns/kinds.ts'

/** Every kind of campaign, each a link that starts one. */
export function PickYourIdea() {
	return (
		<section className="bg-sand" aria-labelledby="ideas-heading">
			<div className="mx-auto max-w-6xl px-4 py-14">
				<h2 id="ideas-heading" className="text-3xl font-bold">
					Pick your idea
				</h2>
				<p className="mt-2 max-w-2xl text-muted">
					Any moment in your life can become a stand against violence. Choose one to begin:
				</p>
				<ul className="mt-8 grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
					{campaignKinds.map((k) => (
						<li key={k.kind}>
							<Link
								to={`/start?kind=${k.kind}`}
								className="flex h-full items-start gap-4 rounded-xl border border-stone-200 bg-white p-4 no-underline shadow-sm hover:border-brand hover:shadow-md"
							>
								<img
									src={k.cover}
									alt=""
									width={96}
									height={50}
									className="h-14 w-24 flex-none rounded-md object-cover"
								/>
								<span>
									<span className="block font-semibold text-ink">{k.label}</span>
									<span className="block text-sm text-muted">{k.pitch}</span>
								</span>
							</Link>
						</li>
					))}
				</ul>
			</div>
		</section>
	)
}
