import { type Charity } from '#app/config/charity.ts'

/** What every template receives besides its own data. */
export type EmailContext = {
	charity: Charity
	appUrl: string
	/** Set for coaching and update emails: one-click unsubscribe from this kind of email (signed). */
	unsubscribeUrl?: string
	/** Set with unsubscribeUrl: the person's email preferences page (signed). */
	preferencesUrl?: string
}

export type RenderedEmail = { subject: string; html: string; text: string }

export function escapeHtml(value: string): string {
	return value
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;')
		.replace(/'/g, '&#39;')
}

/** A bulletproof call-to-action button (table-based, works in Outlook). */
export function button(href: string, label: string, ctx: EmailContext) {
	return `<table role="presentation" cellspacing="0" cellpadding="0" style="margin:24px 0"><tr><td style="border-radius:6px;background:${ctx.charity.accentColor}"><a href="${escapeHtml(href)}" style="display:inline-block;padding:12px 22px;font-weight:bold;color:#ffffff;text-decoration:none;border-radius:6px">${escapeHtml(label)}</a></td></tr></table>`
}

/** Wraps a body in the charity's branded frame: narrow-screen and dark-mode friendly. */
export function emailLayout(ctx: EmailContext, options: { preheader: string; bodyHtml: string; bodyText: string }) {
	const { charity } = ctx
	const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="supported-color-schemes" content="light dark">
<title>${escapeHtml(charity.name)}</title>
<style>
  body { margin:0; padding:0; background:#f4f1ec; }
  a { color:${charity.primaryColor}; }
  @media (prefers-color-scheme: dark) {
    body, .page { background:#1c1b1a !important; }
    .card { background:#2a2826 !important; color:#f4f1ec !important; }
    .card a { color:#9fd3ea !important; }
    .muted { color:#c9c3ba !important; }
  }
  @media (max-width: 620px) { .card { padding:20px !important; } }
</style>
</head>
<body>
<div style="display:none;max-height:0;overflow:hidden">${escapeHtml(options.preheader)}</div>
<table role="presentation" class="page" width="100%" cellspacing="0" cellpadding="0" style="background:#f4f1ec">
<tr><td align="center" style="padding:24px 12px">
  <table role="presentation" width="100%" cellspacing="0" cellpadding="0" style="max-width:600px">
    <tr><td style="padding:0 0 16px 0;font-family:Georgia,serif;font-size:20px;font-weight:bold;color:${charity.primaryColor}">
      <img src="${escapeHtml(ctx.appUrl + charity.logoUrl)}" width="36" height="36" alt="${escapeHtml(charity.name)} logo" style="vertical-align:middle;margin-right:8px">${escapeHtml(charity.name)}
    </td></tr>
    <tr><td class="card" style="background:#ffffff;border-radius:10px;padding:32px;font-family:Helvetica,Arial,sans-serif;font-size:16px;line-height:1.6;color:#24211e">
      ${options.bodyHtml}
    </td></tr>
    <tr><td class="muted" style="padding:16px 8px;font-family:Helvetica,Arial,sans-serif;font-size:12px;line-height:1.5;color:#5f5850">
      ${escapeHtml(charity.legalName)} · ${escapeHtml(charity.registration)}<br>
      ${escapeHtml(charity.address)}<br>
      <a href="mailto:${escapeHtml(charity.contactEmail)}">${escapeHtml(charity.contactEmail)}</a>${
				ctx.unsubscribeUrl
					? `<br><br>You are receiving this because you signed up or fundraise with us. <a href="${escapeHtml(ctx.unsubscribeUrl)}">Unsubscribe</a>${
							ctx.preferencesUrl ? ` · <a href="${escapeHtml(ctx.preferencesUrl)}">Email preferences</a>` : ''
						}`
					: ''
			}
    </td></tr>
  </table>
</td></tr>
</table>
</body>
</html>`
	const unsubscribe = ctx.unsubscribeUrl
		? `\nUnsubscribe: ${ctx.unsubscribeUrl}${ctx.preferencesUrl ? `\nEmail preferences: ${ctx.preferencesUrl}` : ''}\n`
		: ''
	const text = `${options.bodyText.trim()}\n\n--\n${charity.legalName} · ${charity.registration}\n${charity.address}\n${charity.contactEmail}\n${unsubscribe}`
	return { html, text }
}
