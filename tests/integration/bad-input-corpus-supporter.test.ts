import { describeBadInputCorpus } from '#tests/support/bad-input-corpus.ts'

describeBadInputCorpus(
	'supporter',
	'no page of a supporter’s own answers 5xx to bad input from the supporter, or to a signed-out visitor it turns away',
	300,
)
