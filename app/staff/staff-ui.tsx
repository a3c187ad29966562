import { type ReactNode } from 'react'

/**
 * A wide table that scrolls inside its own box on phones. The region is
 * focusable and labelled so keyboard users can scroll it too.
 */
export function ScrollTable({
	label,
	className = '',
	scrollHint = false,
	children,
}: {
	label: string
	className?: string
	/** Say on phones that the table scrolls sideways (for tables with many columns). */
	scrollHint?: boolean
	children: ReactNode
}) {
	return (
		<>
			{scrollHint ? (
				<p aria-hidden="true" className="mt-2 text-xs text-muted md:hidden">
					Scroll the table sideways to see every column →
				</p>
			) : null}
			<div
				className={`relative overflow-x-auto rounded-xl border border-stone-200 ${className}`}
				role="region"
				aria-label={label}
				tabIndex={0}
			>
				{children}
			</div>
		</>
	)
}
