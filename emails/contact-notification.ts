import { emailLayout, escapeHtml, type EmailContext, type RenderedEmail } from './layout.ts'

export type ContactNotificationData = {
	topic: 'help' | 'media'
	name: string
	email: string
	organisation: string | null
	phone: string | null
	message: string
	messageId: string
}

/** Tells staff a supporter or journalist wrote in. */
export function contactNotificationEmail(data: ContactNotificationData, ctx: EmailContext): RenderedEmail {
	const what = data.topic === 'media' ? 'Media enquiry' : 'Supporter question'
	const rows: [string, string | null][] = [
		['Name', data.name],
		['Email', data.email],
		['Organisation', data.organisation],
		['Phone', data.phone],
	]
	const present = rows.filter((row): row is [string, string] => Boolean(row[1]))
	const bodyHtml = `
<h1 style="font-family:Georgia,serif;font-size:22px;margin:0 0 16px 0">${what} from ${escapeHtml(data.name)}</h1>
<table role="presentation" cellpadding="4" cellspacing="0">
${present.map(([label, value]) => `<tr><th align="left" style="padding-right:12px">${label}</th><td>${escapeHtml(value)}</td></tr>`).join('\n')}
</table>
<p style="white-space:pre-wrap;border-left:3px solid #ddd;padding-left:12px">${escapeHtml(data.message)}</p>
<p>Reply directly to <a href="mailto:${escapeHtml(data.email)}">${escapeHtml(data.email)}</a>. Reference: ${escapeHtml(data.messageId)}</p>`
	const bodyText = `${what} from ${data.name}

${present.map(([label, value]) => `${label}: ${value}`).join('\n')}

${data.message}

Reply directly to ${data.email}. Reference: ${data.messageId}`
	return {
		subject: `${what}: ${data.name}`.slice(0, 120),
		...emailLayout(ctx, { preheader: data.message.slice(0, 90), bodyHtml, bodyText }),
	}
}
