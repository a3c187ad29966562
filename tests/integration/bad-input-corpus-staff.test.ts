import { describeBadInputCorpus } from '#tests/support/bad-input-corpus.ts'

describeBadInputCorpus(
	'staff',
	'no staff page answers 5xx to bad input from staff, or to a supporter or signed-out visitor it turns away',
	400,
)
