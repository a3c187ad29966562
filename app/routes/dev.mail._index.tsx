import { type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { listDevMail, requireDevMailbox } from '#app/email/dev-mailbox.server.ts'

export async function loader() {
	requireDevMailbox()
	return { messages: await listDevMail() }
}

export const meta: MetaFunction = () => [{ title: 'Mail viewer (development)' }]

export default function DevMailbox() {
	const { messages } = useLoaderData<typeof loader>()
	return (
		<div className="mx-auto max-w-4xl px-4 py-10">
			<h1 className="text-3xl font-bold">Mail viewer</h1>
			<p className="mt-2 text-muted">
				Emails the app sent while no SendGrid key is set. This page does not exist in production.
			</p>
			{messages.length === 0 ? (
				<p className="mt-8 rounded-xl bg-sand p-6">No emails yet. Sign up on the Learn more page to send one.</p>
			) : (
				<div className="mt-8 overflow-x-auto">
					<table className="w-full min-w-[36rem] table-fixed text-left">
						<thead>
							<tr className="border-b border-stone-300">
								<th scope="col" className="w-1/2 py-2">
									Subject
								</th>
								<th scope="col" className="w-[30%] py-2">
									To
								</th>
								<th scope="col" className="py-2">
									Sent
								</th>
							</tr>
						</thead>
						<tbody>
							{messages.map((message) => (
								<tr key={message.id} className="border-b border-stone-200">
									<td className="py-2 pr-3 wrap-anywhere">
										<Link to={`/dev/mail/${message.id}`} className="text-brand underline">
											{message.subject}
										</Link>
									</td>
									<td className="py-2 pr-3 wrap-anywhere">{message.toEmail}</td>
									<td className="py-2 text-sm text-muted">
										{new Date(message.createdAt).toISOString().replace('T', ' ').slice(0, 19)}
									</td>
								</tr>
							))}
						</tbody>
					</table>
				</div>
			)}
		</div>
	)
}
