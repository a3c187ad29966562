import { data } from '@remix-run/node'

// Every unknown URL lands here, so the 404 page is rendered inside the root
// layout with its data (header, footer, the charity's details).
export function loader() {
	throw data({ error: 'We couldn’t find that page.' }, { status: 404 })
}

export default function NotFound() {
	return null
}
