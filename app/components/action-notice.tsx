import { type ReactNode } from 'react'

/** How an outcome reads: done, done with a caveat (or nothing changed), or something is wrong. */
export type NoticeTone = 'good' | 'warn' | 'bad'

const toneClasses: Record<NoticeTone, string> = {
	good: 'border-emerald-300 bg-emerald-50 text-emerald-950',
	warn: 'border-amber-300 bg-amber-50 text-amber-950',
	bad: 'border-red-300 bg-red-50 text-red-950',
}

/**
 * What happened after an action (a saved form, a staff decision), announced
 * to screen readers as a status. The one notice every page uses.
 */
export function ActionNotice({
	tone = 'good',
	className = '',
	children,
}: {
	tone?: NoticeTone
	className?: string
	children: ReactNode
}) {
	return (
		<p role="status" className={`rounded-md border p-3 ${toneClasses[tone]} ${className}`}>
			{children}
		</p>
	)
}
