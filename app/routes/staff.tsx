import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Outlet } from '@remix-run/react'
import { requireStaff } from '#app/people/session.server.ts'
import { StaffNav } from '#app/staff/staff-nav.tsx'

// Every staff route checks the role in its own loader and action too:
// Remix runs loaders in parallel, so this layout's check alone protects nothing.
export async function loader({ request }: LoaderFunctionArgs) {
	await requireStaff(request)
	return null
}

export const meta: MetaFunction = () => [{ title: 'Staff' }, { name: 'robots', content: 'noindex' }]

export default function StaffLayout() {
	return (
		<>
			<StaffNav />
			<div className="mx-auto max-w-6xl px-4 py-8">
				<Outlet />
			</div>
		</>
	)
}
