import { type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { getCharity } from '#app/config/charity.server.ts'
import { guideIntro, guideSections, guideTitle, withCharityNames } from '#app/guide/tips.ts'
import { TextWithBold } from '#app/components/rich-text.tsx'
import { publicPageHeaders } from '#app/utils/page-cache.ts'

export function loader() {
	const charity = getCharity()
	const fill = (text: string) => withCharityNames(text, charity)
	return {
		intro: fill(guideIntro),
		sections: guideSections.map((section) => ({
			...section,
			intro: fill(section.intro),
			tips: section.tips.map((tip) => ({ ...tip, title: fill(tip.title), body: fill(tip.body) })),
		})),
	}
}

export const headers = publicPageHeaders

export const meta: MetaFunction = () => [
	{ title: guideTitle },
	{ name: 'description', content: 'Free guide: 25 practical tips to help first-time fundraisers reach their goal.' },
]

export default function Guide() {
	const { intro, sections } = useLoaderData<typeof loader>()
	return (
		<article className="mx-auto max-w-3xl px-4 py-12">
			<p className="text-sm font-semibold uppercase tracking-wider text-accent-dark">Free guide</p>
			<h1 className="mt-2 text-3xl font-bold sm:text-4xl">{guideTitle}</h1>
			<p className="mt-4 text-lg leading-relaxed text-muted">{intro}</p>
			<p className="mt-5">
				<a href="/guide/25-tips.pdf" download="25-tips-for-the-novice-fundraiser.pdf" className="btn-secondary">
					Download the guide as a PDF<span className="sr-only"> (printable, A4)</span>
				</a>
			</p>
			<nav aria-label="Guide sections" className="mt-8 rounded-xl bg-sand p-5">
				<h2 className="text-lg font-bold">In this guide</h2>
				<ol className="mt-2 list-decimal space-y-1 pl-6">
					{sections.map((section) => (
						<li key={section.id}>
							<a href={`#${section.id}`} className="text-brand underline">
								{section.title}
							</a>
						</li>
					))}
				</ol>
			</nav>
			{sections.map((section) => (
				<section key={section.id} id={section.id} aria-labelledby={`${section.id}-heading`} className="mt-12">
					<h2 id={`${section.id}-heading`} className="text-2xl font-bold">
						{section.title}
					</h2>
					<p className="mt-2 text-muted">{section.intro}</p>
					<ol className="mt-6 space-y-6">
						{section.tips.map((tip) => (
							<li key={tip.number} className="flex gap-3 sm:gap-4">
								<span
									aria-hidden="true"
									className="flex h-8 w-8 flex-none items-center justify-center rounded-full bg-brand text-sm font-bold text-white sm:h-10 sm:w-10 sm:text-base"
								>
									{tip.number}
								</span>
								<div className="min-w-0">
									<h3 className="text-lg font-bold sm:pt-1.5">
										<span className="sr-only">Tip {tip.number}: </span>
										{tip.title}
									</h3>
									<p className="mt-1 leading-relaxed">
										<TextWithBold text={tip.body} />
									</p>
								</div>
							</li>
						))}
					</ol>
				</section>
			))}
			<div className="mt-14 rounded-xl bg-brand-light p-6 text-center">
				<h2 className="text-2xl font-bold">Ready to start?</h2>
				<p className="mt-2">Your page takes about three minutes to set up.</p>
				<div className="mt-5 flex flex-col justify-center gap-3 sm:flex-row">
					<Link to="/start" className="btn-primary">
						Start a fundraiser
					</Link>
					<a href="/guide/25-tips.pdf" download="25-tips-for-the-novice-fundraiser.pdf" className="btn-secondary">
						Download the PDF
					</a>
					<Link to="/fundraise" className="btn-secondary">
						Get the guide by email
					</Link>
				</div>
			</div>
		</article>
	)
}
