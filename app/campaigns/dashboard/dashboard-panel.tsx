import { type ReactNode } from 'react'

type Props = {
	/** Names the heading's id (`<id>-heading`), which labels the section. */
	id: string
	heading: string
	intro: string
	children: ReactNode
}

/** One of the manage page's side panels: a bordered section with its heading and a line on what it is for. */
export function DashboardPanel({ id, heading, intro, children }: Props) {
	return (
		<section aria-labelledby={`${id}-heading`} className="rounded-xl border border-stone-200 p-6">
			<h2 id={`${id}-heading`} className="text-xl font-bold">
				{heading}
			</h2>
			<p className="mt-1 text-sm text-muted">{intro}</p>
			{children}
		</section>
	)
}
