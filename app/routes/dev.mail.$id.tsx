import { data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { getDevMail, requireDevMailbox } from '#app/email/dev-mailbox.server.ts'

export async function loader({ params }: LoaderFunctionArgs) {
	requireDevMailbox()
	const message = await getDevMail(params.id ?? '')
	if (!message) throw data({ message: 'Not found' }, { status: 404 })
	const links = Array.from(message.html.matchAll(/<a\s[^>]*href="([^"]+)"[^>]*>([\s\S]*?)<\/a>/g)).map((m) => ({
		href: m[1]!.replace(/&amp;/g, '&'),
		label: m[2]!.replace(/<[^>]+>/g, '').trim(),
	}))
	return { message, links }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
	{ title: data ? `Mail: ${data.message.subject}` : 'Mail' },
]

export default function DevMailMessage() {
	const { message, links } = useLoaderData<typeof loader>()
	// Links in the preview open in this window, as they would from a mail client.
	const srcDoc = message.html.replace('<head>', '<head><base target="_top">')
	return (
		<div className="mx-auto max-w-4xl px-4 py-10">
			<Link to="/dev/mail" className="text-brand underline">
				← All mail
			</Link>
			<h1 className="mt-4 text-2xl font-bold">{message.subject}</h1>
			<dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-4 text-sm">
				<dt className="font-semibold">From</dt>
				<dd className="wrap-anywhere">{message.fromEmail}</dd>
				<dt className="font-semibold">To</dt>
				<dd data-testid="mail-to" className="wrap-anywhere">
					{message.toEmail}
				</dd>
			</dl>
			<h2 className="mt-6 text-lg font-bold">Links in this email</h2>
			<ul className="mt-2 list-disc pl-6">
				{links.map((link) => (
					<li key={link.href + link.label}>
						<a href={link.href} className="text-brand underline wrap-anywhere">
							{link.label || link.href}
						</a>
					</li>
				))}
			</ul>
			<h2 className="mt-6 text-lg font-bold">HTML</h2>
			<iframe
				title="Email HTML preview"
				srcDoc={srcDoc}
				sandbox="allow-top-navigation-by-user-activation allow-popups"
				className="mt-2 h-[640px] w-full rounded-lg border border-stone-300"
			/>
			<h2 className="mt-6 text-lg font-bold">Plain text</h2>
			<pre className="mt-2 whitespace-pre-wrap rounded-lg bg-sand p-4 text-sm wrap-anywhere">{message.text}</pre>
		</div>
	)
}
