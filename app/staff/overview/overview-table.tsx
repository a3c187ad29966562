import { type ReactNode } from 'react'
import { ScrollTable } from '#app/staff/staff-ui.tsx'

/** An overview table in the shared scrolling box; amounts (right-aligned cells) never wrap, so a phone shows whole figures. */
export function OverviewTable({
	label,
	wide = false,
	children,
}: {
	label: string
	wide?: boolean
	children: ReactNode
}) {
	return (
		<ScrollTable label={`${label} (table)`} scrollHint={wide} className="mt-2">
			<table className="w-full border-collapse text-left text-sm [&_.text-right]:whitespace-nowrap [&_td]:px-3 [&_td]:py-2 [&_th]:px-3 [&_th]:py-2 [&_thead_th]:bg-stone-50 [&_thead_th]:font-semibold [&_tbody_tr]:border-t [&_tbody_tr]:border-stone-200">
				{children}
			</table>
		</ScrollTable>
	)
}
