import { campaignUrl } from '#app/campaigns/urls.ts'
import { button, emailLayout, escapeHtml, type EmailContext, type RenderedEmail } from './layout.ts'

export type CampaignReportData = {
	reportId: string
	campaignTitle: string
	campaignSlug: string
	/** The reason as the reporter chose it, in words. */
	reason: string
	details: string
	/** Given only if the reporter wanted a reply. */
	reporterEmail: string | null
}

/** Tells staff someone reported a fundraiser; everything the public typed is escaped. */
export function campaignReportEmail(data: CampaignReportData, ctx: EmailContext): RenderedEmail {
	const pageUrl = campaignUrl(ctx.appUrl, data.campaignSlug)
	const reportsUrl = `${ctx.appUrl}/staff/reports`
	const reporter = data.reporterEmail ?? 'not given'
	const bodyHtml = `
<h1 style="font-family:Georgia,serif;font-size:22px;margin:0 0 16px 0">A fundraiser was reported</h1>
<table role="presentation" cellpadding="4" cellspacing="0">
<tr><th align="left" style="padding-right:12px">Fundraiser</th><td><a href="${escapeHtml(pageUrl)}">${escapeHtml(data.campaignTitle)}</a></td></tr>
<tr><th align="left" style="padding-right:12px">Reason</th><td>${escapeHtml(data.reason)}</td></tr>
<tr><th align="left" style="padding-right:12px">Reporter</th><td>${escapeHtml(reporter)}</td></tr>
</table>
<p style="white-space:pre-wrap;border-left:3px solid #ddd;padding-left:12px">${escapeHtml(data.details)}</p>
${button(reportsUrl, 'Review reports', ctx)}
<p style="font-size:13px;color:#5f5850">Reference: ${escapeHtml(data.reportId)}</p>`
	const bodyText = `A fundraiser was reported

Fundraiser: ${data.campaignTitle} (${pageUrl})
Reason: ${data.reason}
Reporter: ${reporter}

${data.details}

Review reports: ${reportsUrl}
Reference: ${data.reportId}`
	return {
		subject: `Fundraiser reported: ${data.campaignTitle}`.slice(0, 120),
		...emailLayout(ctx, { preheader: `${data.reason}: ${data.details}`.slice(0, 90), bodyHtml, bodyText }),
	}
}
