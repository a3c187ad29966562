/**
 * Content for the free guide “25 Tips for the Novice Fundraiser”.
 *
 * Plain text only: a body may use **bold** for one key phrase, nothing else.
 * Please don’t add cost-per-item figures (“£25 pays for…”): we describe the
 * kinds of work a gift supports instead.
 */

export type GuideTip = { number: number; title: string; body: string }
export type GuideSection = { id: string; title: string; intro: string; tips: GuideTip[] }

export const guideTitle = '25 Tips for the Novice Fundraiser'

export const guideIntro =
	'Thank you for choosing to fundraise for {charityName}. You don’t need to be a natural at asking or have a huge network: you just need a plan, a story and a few people who care about you, and these 25 tips will walk you through every step. We’re cheering you on, and every pound you raise helps bring rescue, justice and restoration to people who need it.'

export const guideSections: GuideSection[] = [
	{
		id: 'before-launch',
		title: 'Before you launch',
		intro:
			'A little preparation makes everything else easier. Spend an hour getting your page ready before you share it with anyone.',
		tips: [
			{
				number: 1,
				title: 'Set a specific target',
				body: 'Choose a real number, such as £300 or £1,000, rather than “whatever I can”. A target gives people something to help you reach: London Marathon runners who set one raised **58% more** than those who didn’t. Pick a figure that feels a little ambitious but possible; you can always raise it later.',
			},
			{
				number: 2,
				title: 'Pick a date to finish',
				body: 'Give your page an end date, ideally a week or so after your event, birthday or celebration. A deadline helps people act now rather than meaning to later, and it gives you a natural moment for a final push. If your idea is open-ended, a month from launch works well.',
			},
			{
				number: 3,
				title: 'Tell your story in your own words',
				body: 'People give to people, so start with why this cause matters to you: what first made you care, and why you’ve decided to do something about it now. Then add one clear fact, such as that **an estimated 2 million children are exploited in the global commercial sex trade**. A few honest sentences in your own voice will move people more than a polished speech.',
			},
			{
				number: 4,
				title: 'Say what the money makes possible',
				body: 'Supporters like to know where their gift goes. Explain that {shortName} works alongside local authorities in the Dominican Republic, India and the Philippines to **rescue victims, bring criminals to justice, restore survivors and strengthen justice systems**: supporting rescue operations, building cases against traffickers, providing trauma counselling and aftercare, and training police, prosecutors and judges. Describe that work rather than saying what a particular amount will buy, so that everything on your page is accurate.',
			},
			{
				number: 5,
				title: 'Add a photo of you',
				body: 'A clear, smiling photo of you (in your running kit, at your birthday, on the shore before your dip) makes your page feel personal and shows people straight away who they’re supporting. Choose something bright and close up rather than a distant group shot. If you’re fundraising in memory of someone, a favourite photo of them can be a lovely choice.',
			},
			{
				number: 6,
				title: 'Make the first donation yourself',
				body: 'Give to your own page before you share it, whatever amount feels right for you. It shows you’re committed and means nobody else has to go first: fundraisers who gave to their own page reached their goal **34% of the time, compared with 12%** for those who didn’t. An empty page can make people hesitate; a page with a gift on it invites them to join in.',
			},
			{
				number: 7,
				title: 'Keep it respectful: use our materials',
				body: 'Please **never share photos, names or stories of survivors**, and avoid dramatic images found online: people who have been trafficked deserve privacy and dignity. Use the photos, videos and facts {shortName} provides, which have been prepared with survivors’ safety in mind. Focus on justice and hope rather than shock; it’s more respectful, and it inspires people more.',
			},
		],
	},
	{
		id: 'launch-week',
		title: 'Launch week',
		intro:
			'The first few days set the pace for everything that follows. Start close to home, ask people personally and make it easy to give.',
		tips: [
			{
				number: 8,
				title: 'Ask five people who love you first',
				body: 'Before you post anything publicly, message or call **five people who are sure to support you**: a parent, partner, best friend, sibling or close colleague. Ask them to give in the first day or two. When everyone else arrives, they’ll find a page that’s already moving, and momentum encourages people to give.',
			},
			{
				number: 9,
				title: 'Ask people one by one',
				body: 'A social media post is easy to scroll past; a personal message is much harder to ignore. Send individual texts, emails or WhatsApp messages that use the person’s name and say why you thought of them. Broadcast posts are still useful, but **the personal ask** does the heavy lifting.',
			},
			{
				number: 10,
				title: 'Make your ask clear and simple',
				body: 'Say what you’re doing, when, and what you’d love them to do: “Would you sponsor my polar dip on New Year’s Day? Here’s my page.” Put the link in every message so nobody has to go looking for it. It’s fine to suggest an amount if that helps, as many people find it easier than choosing for themselves.',
			},
			{
				number: 11,
				title: 'Use your short link and QR code',
				body: 'Your page has a **short link** that’s easy to type, say out loud or add to your email signature, and a **QR code** that takes people straight to it. Put the QR code on a poster in the office kitchen, on the church or club noticeboard, or on the table at your party, so people can give from their phones in seconds. Add the link to your social media profiles for as long as your fundraiser runs.',
			},
			{
				number: 12,
				title: 'Ask about matched giving at work',
				body: 'Many employers will **match what their staff raise** for charity, often up to a set limit. Ask your HR or community team early, because approval can take a while, and mention it on your page if they say yes: people love knowing their gift will go further. It’s also worth inviting your donors to check whether their own employers match gifts.',
			},
			{
				number: 13,
				title: 'Thank every donor within a day',
				body: 'Send each person a short, personal thank you, **by name and within 24 hours**, by message, email or a reply on your page. It doesn’t need to be long: “Thank you, Sarah, that means so much to me.” A quick thank you makes people feel part of what you’re doing, and they’re more likely to share your page or cheer you on.',
			},
		],
	},
	{
		id: 'keep-going',
		title: 'Keep going',
		intro:
			'Most fundraisers have a quiet patch in the middle. A few well-timed updates and gentle reminders will keep your page moving.',
		tips: [
			{
				number: 14,
				title: 'Post regular updates',
				body: 'Share what’s happening: your training runs, your first practice dip, the cake you’re baking, the total so far and, of course, the day itself. Updates give people a reason to look again, and each one is a friendly reminder for anyone who meant to give. Aim for one every few days, and include your link every time.',
			},
			{
				number: 15,
				title: 'Celebrate milestones at 25, 50 and 75%',
				body: 'Reaching a quarter, half and three-quarters of your goal is a natural reason to post. Thank everyone who got you there and say how far you have left: “We’re halfway to £500! Can you help me reach 75% by Friday?” **Milestones turn your total into a story** that people want to see finished.',
			},
			{
				number: 16,
				title: 'Follow up: it isn’t nagging',
				body: 'Lots of people mean to give and simply forget. A friendly nudge a week or so after your first message is welcome, not rude: “Just a reminder in case this slipped by, no pressure at all.” **One or two reminders** is plenty; after that, let it be.',
			},
			{
				number: 17,
				title: 'Handle “no” with grace',
				body: 'Not everyone will be able to give, and that’s completely fine: people have their own causes and their own budgets. Thank them warmly anyway; they may still share your page, come and cheer you on, or give another time. **Never make anyone feel guilty**, because kindness protects your friendships and reflects the cause you’re supporting.',
			},
			{
				number: 18,
				title: 'Passed your goal? Raise it',
				body: 'Reaching your target early is brilliant, so celebrate, then **set a new one**. A page sitting at 100% tells people the job is done, while a higher target invites them to help you go further. Tell supporters why you’re stretching: “You smashed my goal! Let’s see if we can reach £750 together.”',
			},
			{
				number: 19,
				title: 'Remember: a handful of people is enough',
				body: 'You don’t need hundreds of followers to make a real difference. On one large fundraising platform, the average active fundraiser raises about **$568 from just seven donors**: a few friends, family members and colleagues. Around three in four people who take part in charity events raise nothing at all, so simply by asking, you’re already doing something remarkable.',
			},
		],
	},
	{
		id: 'finish-and-thank',
		title: 'Finish strong and say thank you',
		intro:
			'The final days are often the busiest of all. Make a clear last ask, then close the loop so every supporter knows what they helped to achieve.',
		tips: [
			{
				number: 20,
				title: 'Make the most of the last week',
				body: '**Deadlines drive giving**, so expect (and encourage) a rush at the end. Remind people of the date your page closes and how far you still have to go. Get back in touch with anyone who said “I’ll do it later”: now is their moment.',
			},
			{
				number: 21,
				title: 'Send a final 48-hour ask',
				body: 'Two days before your page closes, send one last message: “**48 hours to go** and I’m £120 from my goal. Could you help me get there?” Being specific about the time left and the amount remaining gives people a clear reason to act now. Post it publicly and send it personally to friends you haven’t heard from yet, but not to anyone who has already said no.',
			},
			{
				number: 22,
				title: 'Share the day itself',
				body: 'On the day of your run, dip, party or event, post photos and short videos as it happens, because friends love to follow along. Seeing you in action is often what prompts the last few gifts, so include your link and a quick “I’m doing it right now!” If you’re hosting an event, **put your QR code where everyone can see it**.',
			},
			{
				number: 23,
				title: 'Share your final total',
				body: 'When your page closes, tell everyone **what you raised together**: the total, how many people gave and how it compares with your goal. Celebrate it warmly whether you passed your target or came close, because every gift counts. A photo from the day makes the perfect finishing touch.',
			},
			{
				number: 24,
				title: 'Tell supporters what happens next',
				body: 'Let people know their gifts will support {shortName}’s work in the Dominican Republic, India and the Philippines: **rescuing victims, bringing criminals to justice, restoring survivors and strengthening justice systems** so that fewer people are trafficked in the first place. Point them to {shortName}’s website or newsletter if they’d like to keep following the work. People who feel part of what happens next are more likely to stand with you again.',
			},
			{
				number: 25,
				title: 'Say thank you one more time',
				body: 'Finish as you started, with gratitude: a final message thanking everyone who gave, shared, cheered or simply encouraged you. A handwritten card or a personal note to your biggest supporters will be remembered for a long time. And be proud of yourself: you stood up for justice and brought others with you, and **we’re so grateful**.',
			},
		],
	},
]

/** Fills the charity's configured names into guide text. */
export function withCharityNames(text: string, charity: { name: string; shortName: string }) {
	return text.replaceAll('{charityName}', charity.name).replaceAll('{shortName}', charity.shortName)
}
