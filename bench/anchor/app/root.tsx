import { Links, Meta, Outlet, Scripts, ScrollRestoration } from '@remix-run/react'

// The benchmark's anchor: the smallest Remix page, built from the same Remix,
// React and Vite as the app and served the same way, so the app's figures are
// ratios measured on the same machine in the same run.
export default function App() {
	return (
		<html lang="en">
			<head>
				<meta charSet="utf-8" />
				<meta name="viewport" content="width=device-width, initial-scale=1" />
				<Meta />
				<Links />
			</head>
			<body>
				<Outlet />
				<ScrollRestoration />
				<Scripts />
			</body>
		</html>
	)
}
