import { Link, NavLink } from '@remix-run/react'
import { type Charity } from '#app/config/charity.ts'

const nav = [
	{ to: '/#campaigns', label: 'Campaigns' },
	{ to: '/guide/25-tips', label: '25 tips' },
	{ to: '/fundraise', label: 'Learn more' },
	{ to: '/contact', label: 'Help' },
]

/** The signed-in person, as far as the header needs to know them. */
export type HeaderPerson = { firstName: string; role: string }

const accountLinkClass = ({ isActive }: { isActive: boolean }) =>
	`whitespace-nowrap font-medium no-underline hover:text-brand hover:underline ${isActive ? 'text-brand underline' : 'text-ink'}`

export function SiteHeader({ charity, person }: { charity: Charity; person?: HeaderPerson | null }) {
	return (
		<header className="border-b border-stone-200 bg-white">
			<div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-3 px-4 py-3">
				<Link to="/" className="flex items-center gap-2 text-lg font-bold text-brand no-underline">
					<img src={charity.logoUrl} alt="" width={36} height={36} className="h-9 w-9" />
					<span className="font-serif">
						{charity.name}
						<span className="sr-only"> — fundraising home</span>
					</span>
				</Link>
				<nav aria-label="Main" className="order-3 w-full sm:order-none sm:w-auto">
					<ul className="flex flex-wrap gap-x-5 gap-y-1 text-[15px]">
						{nav.map((item) => (
							<li key={item.to}>
								<NavLink
									to={item.to}
									className={({ isActive }) =>
										`font-medium no-underline hover:text-brand hover:underline ${isActive && !item.to.includes('#') ? 'text-brand underline' : 'text-ink'}`
									}
								>
									{item.label}
								</NavLink>
							</li>
						))}
					</ul>
				</nav>
				<div className="flex w-full flex-wrap items-center gap-x-3 gap-y-2 text-sm sm:w-auto sm:gap-x-4 sm:text-[15px]">
					{person ? (
						<>
							<NavLink to="/dashboard" className={accountLinkClass}>
								My fundraisers
							</NavLink>
							<NavLink to="/account" className={accountLinkClass}>
								Account
							</NavLink>
							{person.role === 'staff' || person.role === 'admin' ? (
								<NavLink to="/staff" className={accountLinkClass}>
									Staff
								</NavLink>
							) : null}
						</>
					) : (
						<NavLink to="/login" className={accountLinkClass}>
							Sign in
						</NavLink>
					)}
					<Link to="/start" className="btn-primary ml-auto whitespace-nowrap px-3 py-2 text-sm sm:ml-0 sm:px-4">
						Start a fundraiser
					</Link>
				</div>
			</div>
		</header>
	)
}

export function SiteFooter({ charity, showDevTools }: { charity: Charity; showDevTools: boolean }) {
	return (
		<footer className="focus-on-dark bg-brand-dark text-white">
			<div className="mx-auto grid max-w-6xl gap-8 px-4 py-10 sm:grid-cols-3">
				<div>
					<p className="font-serif text-lg font-bold">{charity.name}</p>
					<p className="mt-2 text-sm text-white/85">{charity.legalName}</p>
					<p className="text-sm text-white/85">{charity.registration}</p>
					<address className="mt-2 text-sm not-italic text-white/85">{charity.address}</address>
				</div>
				<div>
					<p className="font-semibold">Get in touch</p>
					<ul className="mt-2 space-y-1 text-sm">
						<li>
							<a className="text-white underline" href={`mailto:${charity.contactEmail}`}>
								{charity.contactEmail}
							</a>
						</li>
						{charity.phone ? <li>{charity.phone}</li> : null}
						<li>
							<Link className="text-white underline" to="/contact">
								Need help? Contact us
							</Link>
						</li>
						<li>
							<Link className="text-white underline" to="/media">
								Media enquiries
							</Link>
						</li>
					</ul>
				</div>
				<div>
					<p className="font-semibold">Follow us</p>
					<ul className="mt-2 space-y-1 text-sm">
						<li>
							<a className="text-white underline" href={charity.website} rel="noopener">
								{new URL(charity.website).host}
							</a>
						</li>
						{charity.social.map((link) => (
							<li key={link.href}>
								<a className="text-white underline" href={link.href} rel="noopener">
									{link.label}
								</a>
							</li>
						))}
					</ul>
					{showDevTools ? (
						<p className="mt-4 text-xs text-white/85">
							Development:{' '}
							<Link className="text-white underline" to="/dev/mail">
								mail viewer
							</Link>
						</p>
					) : null}
				</div>
			</div>
		</footer>
	)
}
