import type { listCampaignReports } from '#app/staff/moderation.server.ts'

export type CampaignReport = Awaited<ReturnType<typeof listCampaignReports>>[number]

/** When a report was made or closed, in the charity's locale. */
export function reportTime(value: string | Date, locale: string) {
	return new Date(value).toLocaleString(locale, {
		day: 'numeric',
		month: 'short',
		year: 'numeric',
		hour: '2-digit',
		minute: '2-digit',
	})
}
