import { type ReactNode } from 'react'

type Props = {
	/** Names the heading's id (`<id>-heading`), which labels the section. */
	id: string
	heading: ReactNode
	/** A line under the heading on what the section does, if it needs one. */
	intro?: string
	/** The delete section's red ring. */
	danger?: boolean
	children: ReactNode
}

/** One of the account page's white cards. */
export function AccountSection({ id, heading, intro, danger, children }: Props) {
	return (
		<section
			aria-labelledby={`${id}-heading`}
			className={`rounded-xl bg-white p-6 shadow-sm${danger ? ' ring-2 ring-red-200' : ''}`}
		>
			<h2 id={`${id}-heading`} className="text-xl font-bold">
				{heading}
			</h2>
			{intro ? <p className="mt-2 text-muted">{intro}</p> : null}
			{children}
		</section>
	)
}
