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
	primaryColor: string
	accentColor: string
	logoUrl: string
	social: { label: string; href: string }[]
}
