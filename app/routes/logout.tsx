import { redirect, type ActionFunctionArgs } from '@remix-run/node'
import { destroyAllSessionsFor, destroySession, getSessionPerson } from '#app/people/session.server.ts'
import { readFormData } from '#app/utils/forms.server.ts'

// Signing out changes state, so it is a POST; a GET (a link, a prefetch) does nothing.
export const loader = () => redirect('/')

export async function action({ request }: ActionFunctionArgs) {
	// A bare POST (no form at all) still means "sign me out" on this device.
	const everywhere = request.headers.has('content-type') && (await readFormData(request)).get('everywhere') === '1'
	if (everywhere) {
		const person = await getSessionPerson(request)
		if (person) await destroyAllSessionsFor(person.id)
	}
	return redirect('/', { headers: { 'Set-Cookie': await destroySession(request) } })
}
