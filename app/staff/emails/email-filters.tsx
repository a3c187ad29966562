import type { EmailStatus } from '#app/staff/emails.server.ts'
import { emailStatusOrder } from '#app/staff/emails/email-status.ts'
import { FilterSearch, FilterSelect, StaffFilters } from '#app/staff/staff-ui.tsx'
import { emailStatusLabels } from '#app/utils/status-labels.ts'

/** Narrows the email list by status, template and address. */
export function EmailFilters({
	filters,
	templates,
}: {
	filters: { status?: EmailStatus; template?: string; to?: string }
	templates: string[]
}) {
	return (
		<StaffFilters
			className="grid gap-4 rounded-xl border border-stone-200 p-4 sm:grid-cols-2 lg:grid-cols-[1fr_1fr_2fr_auto] lg:items-end"
			submitLabel="Show"
			clearTo="/staff/emails"
			compact
		>
			<FilterSelect
				name="status"
				label="Status"
				anyLabel="Any status"
				value={filters.status}
				options={emailStatusOrder.map((status) => ({ value: status, label: emailStatusLabels[status] }))}
			/>
			<FilterSelect
				name="template"
				label="Template"
				anyLabel="Any template"
				value={filters.template}
				options={templates.map((template) => ({ value: template, label: template }))}
			/>
			<FilterSearch name="to" label="Address contains" value={filters.to} autoComplete="off" />
		</StaffFilters>
	)
}
