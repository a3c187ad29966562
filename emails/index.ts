import { eventJoinedEmail, type EventJoinedData } from './event-joined.ts'
import { eventLastPushEmail, type EventLastPushData } from './event-last-push.ts'
import { eventReminderEmail, type EventReminderData } from './event-reminder.ts'
import { eventThankYouEmail, type EventThankYouData } from './event-thank-you.ts'
import { teamMemberJoinedEmail, type TeamMemberJoinedData } from './team-member-joined.ts'
import { contactNotificationEmail, type ContactNotificationData } from './contact-notification.ts'
import { donationReceiptEmail, type DonationReceiptData } from './donation-receipt.ts'
import { donationReceivedEmail, type DonationReceivedData } from './donation-received.ts'
import { donorThanksEmail, type DonorThanksData } from './donor-thanks.ts'
import { signupDay2Email, type SignupDay2Data } from './signup-day2.ts'
import { signupDay5Email, type SignupDay5Data } from './signup-day5.ts'
import { signupDay9Email, type SignupDay9Data } from './signup-day9.ts'
import { campaignLiveEmail, type CampaignLiveData } from './campaign-live.ts'
import { campaignNudgeEmail, type CampaignNudgeData } from './campaign-nudge.ts'
import { firstDonationEmail, type FirstDonationData } from './first-donation.ts'
import { milestoneEmail, type MilestoneData } from './milestone.ts'
import { campaignLastDaysEmail, type CampaignLastDaysData } from './campaign-last-days.ts'
import { campaignEndedEmail, type CampaignEndedData } from './campaign-ended.ts'
import { campaignUpdateEmail, type CampaignUpdateData } from './campaign-update.ts'
import { campaignReportEmail, type CampaignReportData } from './campaign-report.ts'
import { eventMessageEmail, type EventMessageData } from './event-message.ts'
import { type EmailContext, type RenderedEmail } from './layout.ts'
import { refundConfirmationEmail, type RefundConfirmationData } from './refund-confirmation.ts'
import { refundNoticeEmail, type RefundNoticeData } from './refund-notice.ts'
import { signInCodeEmail, type SignInCodeData } from './sign-in-code.ts'
import { signupConfirmTipsEmail, type SignupConfirmTipsData } from './signup-confirm-tips.ts'
import { signupWelcomeEmail, type SignupWelcomeData } from './signup-welcome.ts'
import { teamMessageEmail, type TeamMessageData } from './team-message.ts'

/** Every email template, by the name stored in `emails.template`. */
export const emailTemplates = {
	'signup-welcome': signupWelcomeEmail,
	'signup-confirm-tips': signupConfirmTipsEmail,
	'contact-notification': contactNotificationEmail,
	'donor-thanks': donorThanksEmail,
	'donation-receipt': donationReceiptEmail,
	'donation-received': donationReceivedEmail,
	'sign-in-code': signInCodeEmail,
	'signup-day2': signupDay2Email,
	'signup-day5': signupDay5Email,
	'signup-day9': signupDay9Email,
	'campaign-live': campaignLiveEmail,
	'campaign-nudge': campaignNudgeEmail,
	'first-donation': firstDonationEmail,
	milestone: milestoneEmail,
	'campaign-last-days': campaignLastDaysEmail,
	'campaign-ended': campaignEndedEmail,
	'campaign-update': campaignUpdateEmail,
	'campaign-report': campaignReportEmail,
	'refund-confirmation': refundConfirmationEmail,
	'refund-notice': refundNoticeEmail,
	'event-message': eventMessageEmail,
	'team-message': teamMessageEmail,
	'event-joined': eventJoinedEmail,
	'event-reminder': eventReminderEmail,
	'event-thank-you': eventThankYouEmail,
	'event-last-push': eventLastPushEmail,
	'team-member-joined': teamMemberJoinedEmail,
} satisfies Record<string, (data: never, ctx: EmailContext) => RenderedEmail>

export type EmailTemplateName = keyof typeof emailTemplates
export type EmailTemplateData = {
	'signup-welcome': SignupWelcomeData
	'signup-confirm-tips': SignupConfirmTipsData
	'contact-notification': ContactNotificationData
	'donor-thanks': DonorThanksData
	'donation-receipt': DonationReceiptData
	'donation-received': DonationReceivedData
	'sign-in-code': SignInCodeData
	'signup-day2': SignupDay2Data
	'signup-day5': SignupDay5Data
	'signup-day9': SignupDay9Data
	'campaign-live': CampaignLiveData
	'campaign-nudge': CampaignNudgeData
	'first-donation': FirstDonationData
	milestone: MilestoneData
	'campaign-last-days': CampaignLastDaysData
	'campaign-ended': CampaignEndedData
	'campaign-update': CampaignUpdateData
	'campaign-report': CampaignReportData
	'refund-confirmation': RefundConfirmationData
	'refund-notice': RefundNoticeData
	'event-message': EventMessageData
	'team-message': TeamMessageData
	'event-joined': EventJoinedData
	'event-reminder': EventReminderData
	'event-thank-you': EventThankYouData
	'event-last-push': EventLastPushData
	'team-member-joined': TeamMemberJoinedData
}

export function isEmailTemplateName(name: string): name is EmailTemplateName {
	return Object.hasOwn(emailTemplates, name)
}

export type { EmailContext, RenderedEmail }
