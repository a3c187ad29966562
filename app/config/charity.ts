/** The charity's public details: configuration, safe to send to the browser. */
export type Charity = {
	name: string
	shortName: string
	legalName: string
	registration: string
	address: string
	contactEmail: string
	mediaEmail: string
	phone: string | null
	website: string
	currency: string
	locale: string
	/** ISO 3166 country of registration: GB receipts speak of Gift Aid, others are neutral. */
	country: string
	/** The charity offers Gift Aid (a GB charity; only ever on GBP gifts). */
	giftAid: boolean
	/** The charity's own tax wording for receipts outside GB, if any. */
	receiptTaxWording: string | null
	primaryColor: string
	accentColor: string
	logoUrl: string
	social: { label: string; href: string }[]
}
