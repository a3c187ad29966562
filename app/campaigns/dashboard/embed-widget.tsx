import { WidgetEmbed } from '#app/components/share-panel.tsx'
import { DashboardPanel } from './dashboard-panel.tsx'

/** The iframe code for putting the progress card on another website. */
export function EmbedWidget({ widgetUrl, title }: { widgetUrl: string; title: string }) {
	return (
		<DashboardPanel
			id="embed"
			heading="Show your progress on another website"
			intro="Paste this code into a club page, a blog or a wedding website. It shows your total and a Donate button, and updates itself."
		>
			<div className="mt-3">
				<WidgetEmbed widgetUrl={widgetUrl} title={title} label="Embed code" />
			</div>
		</DashboardPanel>
	)
}
