import { type LinksFunction, type LoaderFunctionArgs } from '@remix-run/node'
import {
	isRouteErrorResponse,
	Links,
	Meta,
	Outlet,
	Scripts,
	ScrollRestoration,
	useLoaderData,
	useMatches,
	useRouteError,
} from '@remix-run/react'
import { type ReactNode } from 'react'
import { SiteFooter, SiteHeader } from './components/site-chrome.tsx'
import { getCharity } from './config/charity.server.ts'
import { getEnv } from './config/env.server.ts'
import { getSessionPerson } from './people/session.server.ts'
import stylesheet from './styles/app.css?url'
import { useNonce } from './utils/nonce.tsx'
import { pageSkipsHydration } from './utils/page-handle.ts'
import { useRootData } from './utils/root-data.ts'

export const links: LinksFunction = () => [
	{ rel: 'stylesheet', href: stylesheet },
	{ rel: 'icon', href: '/images/logo.svg', type: 'image/svg+xml' },
]

export async function loader({ request }: LoaderFunctionArgs) {
	const env = getEnv()
	const person = await getSessionPerson(request)
	return {
		charity: getCharity(),
		showDevTools: env.NODE_ENV !== 'production',
		// Only what the header needs: the whole row would be sent to the browser.
		person: person ? { firstName: person.firstName, role: person.role } : null,
	}
}

function Document({
	children,
	brand,
	accent,
	title,
}: {
	children: ReactNode
	brand?: string
	accent?: string
	title?: string
}) {
	const nonce = useNonce()
	// A page whose route says `handle.hydrate: false` gets none of Remix's
	// scripts (nor their modulepreload links), only our own small one.
	const hydrate = !pageSkipsHydration(useMatches().map((match) => match.handle))
	// The charity's colours are configuration; CSS variables carry them into the theme.
	const themeCss = `:root{--brand:${brand ?? '#0b4f6c'};--accent:${accent ?? '#c2410c'}}`
	return (
		<html lang="en">
			<head>
				<meta charSet="utf-8" />
				<meta name="viewport" content="width=device-width, initial-scale=1" />
				{/* Error pages get their title here: route meta does not run for them. */}
				{title ? <title>{title}</title> : null}
				<Meta />
				<Links />
				<style nonce={nonce} dangerouslySetInnerHTML={{ __html: themeCss }} />
			</head>
			<body className="flex min-h-screen flex-col">
				{children}
				{hydrate ? (
					<>
						<ScrollRestoration nonce={nonce} />
						<Scripts nonce={nonce} />
					</>
				) : null}
				{/* Copy link and the native share sheet, for pages with or without React (public/enhance.js). */}
				<script nonce={nonce} src="/enhance.js" defer />
			</body>
		</html>
	)
}

export default function App() {
	const data = useLoaderData<typeof loader>()
	return (
		<Document brand={data.charity.primaryColor} accent={data.charity.accentColor}>
			<a
				href="#main"
				className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-4 focus:py-2"
			>
				Skip to content
			</a>
			<SiteHeader charity={data.charity} person={data.person} />
			<main id="main" className="flex-1">
				<Outlet />
			</main>
			<SiteFooter charity={data.charity} showDevTools={data.showDevTools} />
		</Document>
	)
}

export function ErrorBoundary() {
	const error = useRouteError()
	const data = useRootData()
	const status = isRouteErrorResponse(error) ? error.status : 500
	const title =
		status === 404
			? 'We couldn’t find that page'
			: status === 403
				? 'You can’t open this page'
				: status < 500
					? 'We couldn’t use that request'
					: 'Something went wrong'
	const errorData = isRouteErrorResponse(error) ? (error.data as { error?: unknown } | null) : null
	const message = typeof errorData?.error === 'string' ? errorData.error : null
	const detail = message
		? message
		: status === 404
			? 'The link may be mistyped, or the page may have been moved or taken down.'
			: status === 403
				? 'This page belongs to someone else, or needs you to sign in.'
				: 'Sorry — this one is on us. Please try again in a moment.'
	return (
		<Document
			brand={data?.charity.primaryColor}
			accent={data?.charity.accentColor}
			title={data ? `${title} — ${data.charity.name}` : title}
		>
			{data ? <SiteHeader charity={data.charity} person={data.person} /> : null}
			<main id="main" className="mx-auto w-full max-w-2xl flex-1 px-4 py-20 text-center">
				<p className="text-sm font-semibold uppercase tracking-wider text-accent-dark">Error {status}</p>
				<h1 className="mt-2 text-3xl font-bold">{title}</h1>
				<p className="mt-4 text-lg text-muted">{detail}</p>
				<a href="/" className="btn-primary mt-8">
					Go to the home page
				</a>
			</main>
			{data ? <SiteFooter charity={data.charity} showDevTools={data.showDevTools} /> : null}
		</Document>
	)
}
