import { DashboardPanel } from './dashboard-panel.tsx'

/** The iframe code for putting the progress card on another website. */
export function EmbedWidget({ widgetUrl, title }: { widgetUrl: string; title: string }) {
	const code = `<iframe src="${widgetUrl}" width="420" height="240" style="border:0;max-width:100%" title="${title.replace(/"/g, '&quot;')} — fundraising progress" loading="lazy"></iframe>`
	return (
		<DashboardPanel
			id="embed"
			heading="Show your progress on another website"
			intro="Paste this code into a club page, a blog or a wedding website. It shows your total and a Donate button, and updates itself."
		>
			<label htmlFor="embed-code" className="field-label mt-3 text-sm">
				Embed code
			</label>
			<textarea
				id="embed-code"
				readOnly
				rows={4}
				value={code}
				className="field-input font-mono text-xs"
				onFocus={(e) => e.currentTarget.select()}
			/>
			<p className="mt-2 text-sm">
				<a href={widgetUrl} target="_blank" rel="noopener" className="text-brand underline">
					Preview the progress card<span className="sr-only"> (opens in a new tab)</span>
				</a>
			</p>
		</DashboardPanel>
	)
}
