import { Fragment } from 'react'

/** Renders plain text where **phrase** means bold; everything else stays text (React escapes it). */
export function TextWithBold({ text }: { text: string }) {
	const parts = text.split(/\*\*(.+?)\*\*/g)
	return (
		<>
			{parts.map((part, index) =>
				index % 2 === 1 ? <strong key={index}>{part}</strong> : <Fragment key={index}>{part}</Fragment>,
			)}
		</>
	)
}
