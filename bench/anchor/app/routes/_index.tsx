import { useLoaderData } from '@remix-run/react'

export function loader() {
	return { message: 'Hello from a bare Remix page' }
}

export default function Index() {
	const { message } = useLoaderData<typeof loader>()
	return <h1>{message}</h1>
}
