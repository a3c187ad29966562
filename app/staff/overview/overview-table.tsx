import { type ReactNode } from 'react'
import { ScrollTable } from '#app/staff/staff-ui.tsx'

/**
 * An overview table in the shared scrolling box: a header row, then the rows
 * the page gives. Columns from `figuresFrom` on hold figures and are
 * right-aligned; amounts (right-aligned cells) never wrap, so a phone shows whole figures.
 */
export function OverviewTable({
	label,
	wide = false,
	columns,
	figuresFrom = 1,
	children,
}: {
	label: string
	/** Many columns: say on phones that the table scrolls sideways. */
	wide?: boolean
	columns: readonly string[]
	figuresFrom?: number
	children: ReactNode
}) {
	return (
		<ScrollTable label={`${label} (table)`} scrollHint={wide} className="mt-2">
			<table className="w-full border-collapse text-left text-sm [&_.text-right]:whitespace-nowrap [&_td]:px-3 [&_td]:py-2 [&_th]:px-3 [&_th]:py-2 [&_thead_th]:bg-stone-50 [&_thead_th]:font-semibold [&_tbody_tr]:border-t [&_tbody_tr]:border-stone-200">
				<thead>
					<tr>
						{columns.map((column, i) => (
							<th key={column} scope="col" className={i >= figuresFrom ? 'text-right' : undefined}>
								{column}
							</th>
						))}
					</tr>
				</thead>
				<tbody className="tabular-nums">{children}</tbody>
			</table>
		</ScrollTable>
	)
}
