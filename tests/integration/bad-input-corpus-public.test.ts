import { describeBadInputCorpus } from '#tests/support/bad-input-corpus.ts'

describeBadInputCorpus(
	'public',
	'no public page, and no path that no route has, answers 5xx to bad input from a signed-out visitor',
	700,
)
