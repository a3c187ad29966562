import { contactNotificationEmail, type ContactNotificationData } from './contact-notification.ts'
import { type EmailContext, type RenderedEmail } from './layout.ts'
import { signupWelcomeEmail, type SignupWelcomeData } from './signup-welcome.ts'

/** Every email template, by the name stored in `emails.template`. */
export const emailTemplates = {
	'signup-welcome': signupWelcomeEmail,
	'contact-notification': contactNotificationEmail,
} satisfies Record<string, (data: any, ctx: EmailContext) => RenderedEmail>

export type EmailTemplateName = keyof typeof emailTemplates
export type EmailTemplateData = {
	'signup-welcome': SignupWelcomeData
	'contact-notification': ContactNotificationData
}

export function isEmailTemplateName(name: string): name is EmailTemplateName {
	return Object.hasOwn(emailTemplates, name)
}

export type { EmailContext, RenderedEmail }
