import { type ReactNode } from 'react'

/**
 * A wide table that scrolls inside its own box on phones. The region is
 * focusable and labelled so keyboard users can scroll it too.
 */
export function ScrollTable({
	label,
	className = '',
	children,
}: {
	label: string
	className?: string
	children: ReactNode
}) {
	return (
		<div
			className={`relative overflow-x-auto rounded-xl border border-stone-200 ${className}`}
			role="region"
			aria-label={label}
			tabIndex={0}
		>
			{children}
		</div>
	)
}

/** What happened after a staff action: green when done, amber when nothing changed. */
export function ActionNotice({ notice }: { notice: { text: string; tone: 'good' | 'warn' } | null | undefined }) {
	if (!notice) return null
	return (
		<p
			role="status"
			className={`rounded-md border p-3 ${notice.tone === 'good' ? 'border-emerald-300 bg-emerald-50 text-emerald-950' : 'border-amber-300 bg-amber-50 text-amber-950'}`}
		>
			{notice.text}
		</p>
	)
}
