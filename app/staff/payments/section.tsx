import { type ReactNode } from 'react'

/** One part of the payments page: a counted heading, what it means and what to do, then its table. */
export function PaymentsSection({
	id,
	heading,
	explanation,
	children,
}: {
	/** Names the heading (`<id>-heading`) that labels the section. */
	id: string
	heading: string
	explanation: ReactNode
	children: ReactNode
}) {
	const headingId = `${id}-heading`
	return (
		<section aria-labelledby={headingId}>
			<h2 id={headingId} className="text-2xl font-bold">
				{heading}
			</h2>
			<div className="mt-2 max-w-3xl space-y-2 text-[15px]">{explanation}</div>
			{children}
		</section>
	)
}
