import type { CampaignStatus } from '#app/staff/moderation.server.ts'
import { FilterSearch, FilterSelect, StaffFilters } from '#app/staff/staff-ui.tsx'
import { campaignStatusLabels } from '#app/utils/status-labels.ts'

const campaignStatusOptions: CampaignStatus[] = ['active', 'ended', 'hidden', 'draft']

/** Narrows the campaigns list by status, a search and whether staff have reviewed it. */
export function CampaignFilters({
	filters,
}: {
	filters: { status: CampaignStatus | null; q: string; unreviewed: boolean }
}) {
	return (
		<StaffFilters
			className="flex flex-wrap items-end gap-4 rounded-xl bg-sand p-4"
			submitLabel="Filter"
			clearTo="/staff/campaigns"
			showClear={Boolean(filters.status || filters.q || filters.unreviewed)}
		>
			<FilterSelect
				name="status"
				label="Status"
				anyLabel="Any status"
				value={filters.status}
				options={campaignStatusOptions.map((status) => ({ value: status, label: campaignStatusLabels[status] }))}
			/>
			<FilterSearch
				name="q"
				label="Search"
				value={filters.q}
				placeholder="Title, short link, owner name or email"
				className="min-w-0 flex-1 basis-60"
			/>
			<div className="flex items-center gap-2 pb-3">
				<input
					id="filter-unreviewed"
					name="unreviewed"
					type="checkbox"
					value="1"
					defaultChecked={filters.unreviewed}
					className="h-5 w-5 accent-brand"
				/>
				<label htmlFor="filter-unreviewed">Not yet reviewed</label>
			</div>
		</StaffFilters>
	)
}
