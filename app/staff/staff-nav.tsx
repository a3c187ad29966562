import { NavLink } from '@remix-run/react'
import { useRootData } from '#app/utils/root-data.ts'

type Section = { to: string; label: string; end?: boolean }

const sections: Section[] = [
	{ to: '/staff', label: 'Overview', end: true },
	{ to: '/staff/campaigns', label: 'Campaigns' },
	{ to: '/staff/events', label: 'Events' },
	{ to: '/staff/reports', label: 'Reports' },
	{ to: '/staff/gifts', label: 'Offline gifts' },
	{ to: '/staff/gift-aid', label: 'Gift Aid' },
	{ to: '/staff/payments', label: 'Payments' },
	{ to: '/staff/emails', label: 'Emails' },
	{ to: '/staff/audit', label: 'Audit log' },
]

/** Only admins manage who has staff access; the page itself refuses everyone else. */
const adminSections: Section[] = [{ to: '/staff/people', label: 'People' }]

/** The staff area's own navigation, shown above every staff page. */
export function StaffNav() {
	const isAdmin = useRootData()?.person?.role === 'admin'
	const shown = isAdmin ? [...sections, ...adminSections] : sections
	return (
		<nav aria-label="Staff" className="border-b border-stone-200 bg-brand-light">
			<ul className="mx-auto flex max-w-6xl flex-wrap gap-x-5 gap-y-1 px-4 py-2 text-[15px]">
				{shown.map((section) => (
					<li key={section.to}>
						<NavLink
							to={section.to}
							end={section.end}
							className={({ isActive }) =>
								`font-medium no-underline hover:underline ${isActive ? 'text-brand underline' : 'text-ink'}`
							}
						>
							{section.label}
						</NavLink>
					</li>
				))}
			</ul>
		</nav>
	)
}
