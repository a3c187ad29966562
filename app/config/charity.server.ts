import { type Charity } from './charity.ts'
import { getEnv } from './env.server.ts'

export function getCharity(): Charity {
	const env = getEnv()
	const social = [
		{ label: 'Facebook', href: env.SOCIAL_FACEBOOK_URL },
		{ label: 'Instagram', href: env.SOCIAL_INSTAGRAM_URL },
		{ label: 'LinkedIn', href: env.SOCIAL_LINKEDIN_URL },
		{ label: 'X (Twitter)', href: env.SOCIAL_TWITTER_URL },
	].filter((link): link is { label: string; href: string } => Boolean(link.href))
	return {
		name: env.CHARITY_NAME,
		shortName: env.CHARITY_SHORT_NAME,
		legalName: env.CHARITY_LEGAL_NAME,
		registration: env.CHARITY_REGISTRATION,
		address: env.CHARITY_ADDRESS,
		contactEmail: env.CHARITY_CONTACT_EMAIL,
		mediaEmail: env.CHARITY_MEDIA_EMAIL,
		phone: env.CHARITY_PHONE ?? null,
		website: env.CHARITY_WEBSITE,
		currency: env.CHARITY_CURRENCY,
		locale: env.CHARITY_LOCALE,
		country: env.CHARITY_COUNTRY,
		giftAid: env.CHARITY_GIFT_AID,
		receiptTaxWording: env.CHARITY_RECEIPT_TAX_WORDING ?? null,
		primaryColor: env.CHARITY_PRIMARY_COLOR,
		accentColor: env.CHARITY_ACCENT_COLOR,
		logoUrl: env.CHARITY_LOGO_URL,
		social,
	}
}
