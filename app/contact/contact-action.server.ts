import { parseWithZod } from '@conform-to/zod/v4'
import { data, redirect, type AppLoadContext } from '@remix-run/node'
import { readFormData } from '#app/utils/forms.server.ts'
import { readFormToken, STALE_FORM_MESSAGE } from '#app/utils/form-token.server.ts'
import { HONEYPOT_FIELD } from '#app/utils/forms.ts'
import { checkSignupRateLimit } from '#app/utils/rate-limit-ip.server.ts'
import { contactSchema } from './contact-schema.ts'
import { recordContactMessage } from './contact.server.ts'

/** The action behind both contact forms; `path` is where to return with the thank-you. */
export async function submitContactForm(
	request: Request,
	context: AppLoadContext,
	topic: 'help' | 'media',
	path: string,
) {
	const formData = await readFormData(request)
	const submission = parseWithZod(formData, { schema: contactSchema })
	if (submission.status !== 'success') {
		return data({ result: submission.reply() }, { status: 400 })
	}
	if (submission.value[HONEYPOT_FIELD]) return redirect(`${path}?sent=1`)
	const limited = await checkSignupRateLimit(`contact-${topic}`, context.clientIp)
	if (limited) {
		return data(
			{ result: submission.reply({ formErrors: [limited.message] }) },
			{ status: 429, headers: { 'Retry-After': String(limited.retryAfterSeconds) } },
		)
	}
	const { name, email, organisation, phone, message } = submission.value
	const recorded = await recordContactMessage(
		{ topic, name, email, organisation, phone, message },
		readFormToken(formData),
	)
	if (recorded.status === 'stale')
		return data({ result: submission.reply({ formErrors: [STALE_FORM_MESSAGE] }) }, { status: 400 })
	return redirect(`${path}?sent=1`)
}
