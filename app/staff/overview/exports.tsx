/** Links to the CSV exports, and a date range for the donations file. */
export function Exports() {
	return (
		<section aria-labelledby="exports-heading">
			<h2 id="exports-heading" className="text-xl font-bold">
				Exports
			</h2>
			<p className="mt-1 max-w-3xl text-sm text-muted">
				Spreadsheet files (CSV) with amounts as exact decimals and a currency column. The donations file holds donors’
				names and email addresses: keep it somewhere safe and delete it when you are done.
			</p>
			<ul className="mt-3 flex flex-col gap-3 sm:flex-row">
				<li>
					<a href="/staff/exports/donations.csv" download className="btn-secondary">
						Download all donations (CSV)
					</a>
				</li>
				<li>
					<a href="/staff/exports/campaigns.csv" download className="btn-secondary">
						Download all campaigns (CSV)
					</a>
				</li>
			</ul>
			{/* A plain form: the answer is a file to download, not a page for Remix to render. */}
			<form method="get" action="/staff/exports/donations.csv" className="mt-5 flex flex-wrap items-end gap-3">
				<div>
					<label htmlFor="export-from" className="field-label">
						Donations from
					</label>
					<input id="export-from" name="from" type="date" className="field-input" />
				</div>
				<div>
					<label htmlFor="export-to" className="field-label">
						to (inclusive)
					</label>
					<input id="export-to" name="to" type="date" className="field-input" />
				</div>
				<button type="submit" className="btn-secondary">
					Download these dates
				</button>
			</form>
		</section>
	)
}
