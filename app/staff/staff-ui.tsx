import { Form, Link } from '@remix-run/react'
import { type ReactNode } from 'react'
import { staffTime } from '#app/utils/time.ts'

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

/**
 * A staff list as a table: a sand header row, one top-aligned row per item
 * and, when there are none, the page's sentence saying so in place of the table.
 */
export function StaffTable<Row>({
	label,
	minWidth,
	small = false,
	scrollHint = false,
	className,
	columns,
	rows,
	rowKey,
	empty,
	emptyClassName = className,
	children,
}: {
	label: string
	/** A Tailwind min-w-[…] class, written out in full so Tailwind finds it: the width below which the table scrolls. */
	minWidth: string
	/** Smaller text, for tables with many columns. */
	small?: boolean
	/** Say on phones that the table scrolls sideways (see ScrollTable). */
	scrollHint?: boolean
	/** Spacing above the table (and above the empty sentence, unless `emptyClassName` says otherwise). */
	className?: string
	columns: readonly ReactNode[]
	rows: readonly Row[]
	rowKey: (row: Row) => string
	/** What to say when there are no rows; nothing when left out. */
	empty?: ReactNode
	emptyClassName?: string
	/** The cells of one row. */
	children: (row: Row) => ReactNode
}) {
	if (rows.length === 0) {
		return empty === undefined ? null : (
			<p className={emptyClassName ? `${emptyClassName} text-muted` : 'text-muted'}>{empty}</p>
		)
	}
	return (
		<ScrollTable label={label} className={className} scrollHint={scrollHint}>
			<table className={`w-full ${minWidth} text-left ${small ? 'text-sm' : 'text-[15px]'}`}>
				<thead className="bg-sand">
					<tr>
						{columns.map((column, i) => (
							// The columns are fixed for each table, so their place is their identity.
							<th key={i} scope="col" className="p-3">
								{column}
							</th>
						))}
					</tr>
				</thead>
				<tbody className="divide-y divide-stone-200">
					{rows.map((row) => (
						<tr key={rowKey(row)} className="align-top">
							{children(row)}
						</tr>
					))}
				</tbody>
			</table>
		</ScrollTable>
	)
}

/** A moment on a staff page: machine-readable in `dateTime`, shown in UTC by `staffTime`. */
export function StaffTime({ value, locale }: { value: Date | string; locale: string }) {
	return <time dateTime={new Date(value).toISOString()}>{staffTime(value, locale)}</time>
}

/**
 * The filter bar above a staff list: a GET form (so a filtered list is a link
 * that can be shared and works without JavaScript), its fields, then the submit
 * button and a way back to the unfiltered list. The page gives the layout.
 */
export function StaffFilters({
	className,
	submitLabel,
	clearTo,
	showClear = true,
	compact = false,
	children,
}: {
	className: string
	submitLabel: string
	/** The unfiltered list. */
	clearTo: string
	/** Offer "Clear" (some pages offer it only once a filter is set). */
	showClear?: boolean
	/** Slightly shorter buttons, for a bar whose fields sit in a grid. */
	compact?: boolean
	children: ReactNode
}) {
	const buttonSize = compact ? 'px-4 py-2' : 'px-4 py-2.5'
	return (
		<Form method="get" className={className}>
			{children}
			<div className="flex gap-3">
				<button type="submit" className={`btn-primary ${buttonSize}`}>
					{submitLabel}
				</button>
				{showClear ? (
					<Link to={clearTo} className={`btn-secondary ${buttonSize}`}>
						Clear
					</Link>
				) : null}
			</div>
		</Form>
	)
}

/** A filter that picks one value, or "any" (the empty value). Its id is `filter-<name>`. */
export function FilterSelect({
	name,
	label,
	anyLabel,
	value,
	options,
}: {
	name: string
	label: string
	anyLabel: string
	value: string | null | undefined
	options: readonly { value: string; label: string }[]
}) {
	const id = `filter-${name}`
	return (
		<div>
			<label htmlFor={id} className="field-label">
				{label}
			</label>
			<select id={id} name={name} defaultValue={value ?? ''} className="field-input">
				<option value="">{anyLabel}</option>
				{options.map((option) => (
					<option key={option.value} value={option.value}>
						{option.label}
					</option>
				))}
			</select>
		</div>
	)
}

/** A free-text filter. Its id is `filter-<name>`. */
export function FilterSearch({
	name,
	label,
	value,
	placeholder,
	autoComplete,
	className,
}: {
	name: string
	label: string
	value: string | null | undefined
	placeholder?: string
	autoComplete?: string
	className?: string
}) {
	const id = `filter-${name}`
	return (
		<div className={className}>
			<label htmlFor={id} className="field-label">
				{label}
			</label>
			<input
				id={id}
				name={name}
				type="search"
				defaultValue={value ?? ''}
				placeholder={placeholder}
				autoComplete={autoComplete}
				className="field-input"
			/>
		</div>
	)
}
