const steps = ['Choose your idea', 'Tell your story', 'Review and publish']

/** The three steps of starting a fundraiser, with the current one marked. */
export function WizardSteps({ current }: { current: 1 | 2 | 3 }) {
	return (
		<ol className="flex flex-wrap gap-x-6 gap-y-2 text-sm" aria-label="Progress">
			{steps.map((label, index) => {
				const number = index + 1
				const state = number < current ? 'done' : number === current ? 'current' : 'upcoming'
				return (
					<li key={label} aria-current={state === 'current' ? 'step' : undefined} className="flex items-center gap-2">
						<span
							className={`flex h-7 w-7 items-center justify-center rounded-full text-sm font-bold ${state === 'upcoming' ? 'bg-stone-200 text-ink' : 'bg-brand text-white'}`}
						>
							{state === 'done' ? '✓' : number}
						</span>
						<span className={state === 'current' ? 'font-semibold text-ink' : 'text-muted'}>{label}</span>
					</li>
				)
			})}
		</ol>
	)
}
