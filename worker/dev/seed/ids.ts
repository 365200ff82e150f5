/** Fixed ids of the demo data, so docs, tests and the e2e suite can point at them. */
export const DEMO = {
	workspaceId: 'ws_demo',
	slug: 'demo',
	ownerUserId: 'usr_demo_owner',
	ownerEmail: 'owner@demo.test',
	memberUserId: 'usr_demo_member',
	memberEmail: 'member@demo.test',
	northwindId: 'cli_demo_northwind',
	caseyContactId: 'con_demo_casey',
	caseyEmail: 'client@demo.test',
	globexId: 'cli_demo_globex',
	oscarContactId: 'con_demo_oscar',
	oscarEmail: 'other@demo.test',
	websiteProjectId: 'prj_demo_website',
	brandProjectId: 'prj_demo_brand',
	globexProjectId: 'prj_demo_globex_app'
} as const;

export const ACME = {
	workspaceId: 'ws_acme',
	slug: 'acme',
	ownerUserId: 'usr_acme_owner',
	ownerEmail: 'owner@acme.test',
	roadrunnerId: 'cli_acme_roadrunner',
	clientContactId: 'con_acme_client',
	clientEmail: 'client@acme.test',
	projectId: 'prj_acme_traps'
} as const;

/** Message threads of the demo data (seed/threads.ts). */
export const THREADS = {
	designId: 'thr_demo_design',
	contentId: 'thr_demo_content',
	/** Staff-only: never listed on the portal. */
	pricingInternalId: 'thr_demo_pricing',
	globexId: 'thr_demo_globex',
	acmeId: 'thr_acme_routes',
	/** The internal note in the design thread (seq 3): staff only. */
	designInternalNoteId: 'msg_demo_design_3'
} as const;

/** Demo invoices (seed/invoices.ts), one per status. */
export const INVOICES = {
	paidId: 'inv_demo_paid',
	partialId: 'inv_demo_partial',
	overdueId: 'inv_demo_overdue',
	sentId: 'inv_demo_sent',
	draftId: 'inv_demo_draft',
	voidId: 'inv_demo_void',
	globexId: 'inv_demo_globex',
	acmeId: 'inv_acme_sent'
} as const;

/** Demo files (bytes put into R2 while seeding) and time entries. */
export const DEMO_FILES = {
	websiteBrief: 'fil_demo_brief',
	websiteMockup: 'fil_demo_mockup',
	websiteInternalNotes: 'fil_demo_internal_notes',
	brandGuide: 'fil_demo_brand_guide',
	globexSpec: 'fil_demo_globex_spec',
	globexInternal: 'fil_demo_globex_internal',
	acmeRouteMap: 'fil_acme_route_map',
	/** Uploaded by Casey (the client) on Brand refresh: "From the client". */
	brandClientSketch: 'fil_demo_client_logo',
	/** Message attachments in the Design feedback thread: Casey's reference image (message 2), */
	designHeroReference: 'fil_demo_att_hero',
	/** Max's internal note's quote (message 3, staff only), */
	designLicenceQuote: 'fil_demo_att_licence',
	/** and Olivia's version 2 PDF (message 6). */
	designV2: 'fil_demo_att_v2'
} as const;

export const DEMO_TIME = {
	websiteWorkshop: 'tim_demo_workshop',
	websiteSitemap: 'tim_demo_sitemap',
	websiteStandup: 'tim_demo_standup',
	websiteHomepage: 'tim_demo_homepage',
	brandLogos: 'tim_demo_logos',
	brandGuide: 'tim_demo_guide',
	globexBuild: 'tim_demo_globex_build',
	globexInternal: 'tim_demo_globex_internal',
	acmeRoutes: 'tim_acme_routes'
} as const;

/** Quotes and contracts demo data (seed/quotes.ts, seed/contracts.ts). */
export const QUOTES = {
	accepted: 'quo_demo_accepted',
	sent: 'quo_demo_sent',
	viewed: 'quo_demo_viewed',
	changesRequested: 'quo_demo_changes',
	expired: 'quo_demo_expired',
	draft: 'quo_demo_draft',
	globexSent: 'quo_demo_globex',
	acmeSent: 'quo_acme_sent'
} as const;

export const CONTRACTS = {
	servicesTemplate: 'tpl_demo_services',
	ndaTemplate: 'tpl_demo_nda',
	signed: 'ctr_demo_signed',
	sent: 'ctr_demo_sent',
	/** Signed by Casey, awaiting Demo Studio's countersignature (Demo Studio countersigns). */
	awaitingCountersignature: 'ctr_demo_awaiting',
	draft: 'ctr_demo_draft',
	globexSent: 'ctr_demo_globex',
	acmeSent: 'ctr_acme_sent'
} as const;

/** Settings area demo data: intake form, leads in every stage, feedback on Brand refresh, the demo logo. */
export const SETTINGS_DEMO = {
	intakeFormId: 'frm_demo_enquiry',
	intakeFormSlug: 'project-enquiry',
	draftFormId: 'frm_demo_draft',
	leadNewId: 'lead_demo_new',
	leadNew2Id: 'lead_demo_new2',
	leadContactedId: 'lead_demo_contacted',
	leadQualifiedId: 'lead_demo_qualified',
	leadWonId: 'lead_demo_won',
	leadLostId: 'lead_demo_lost',
	acmeLeadId: 'lead_acme_new',
	feedbackRequestId: 'fbr_demo_brand',
	feedbackResponseId: 'fbk_demo_brand',
	demoLogoKey: 'workspaces/ws_demo/branding/logo_demo',
	acmeLogoKey: 'workspaces/ws_acme/branding/logo_acme'
} as const;

/** Clients, projects and tasks added for the core area's demo (seed/core.ts). */
export const CORE = {
	ninaContactId: 'con_demo_nina',
	ninaEmail: 'nina@northwind.test',
	/** Northwind's accounts contact, never invited to the portal: not ticked when sending. */
	nicoContactId: 'con_demo_nico',
	nicoEmail: 'accounts@northwind.test',
	initechId: 'cli_demo_initech',
	peterContactId: 'con_demo_peter',
	peterEmail: 'peter@initech.test',
	joannaContactId: 'con_demo_joanna',
	harborId: 'cli_demo_harbor',
	marinaContactId: 'con_demo_marina',
	oldMillId: 'cli_demo_oldmill',
	oldMillContactId: 'con_demo_oldmill',
	seoProjectId: 'prj_demo_seo',
	intranetProjectId: 'prj_demo_intranet',
	orderingProjectId: 'prj_demo_ordering',
	catalogueProjectId: 'prj_demo_catalogue'
} as const;

/**
 * Getting paid (worker/dev/seed/billing.ts): a proposal asking for a contract and a deposit (Initech, open to
 * accept), an invoice with a payment schedule (Blue Harbor Cafe, deposit paid), a monthly recurring
 * invoice (Initech, two invoices so far), saved tax rates and the demo's business details.
 */
export const BILLING = {
	proposalQuote: 'quo_demo_proposal',
	proposalOptionalItem: 'quo_demo_proposal_item_3',
	scheduledInvoice: 'inv_demo_schedule',
	recurring: 'rec_demo_retainer',
	/** Northwind's yearly hosting, starting in a few weeks: no invoice yet. */
	hostingRecurring: 'rec_demo_hosting',
	/** Casey's autopay on the hosting (active): staff see it on the dashboard and can turn it off. */
	hostingMandate: 'apm_demo_hosting',
	recurringInvoice1: 'inv_demo_retainer_1',
	recurringInvoice2: 'inv_demo_retainer_2',
	salesTaxRate: 'tax_demo_sales',
	vatRate: 'tax_demo_vat'
};

/**
 * Staff sign-in demo (worker/dev/seed/security.ts): Northstar Security, a workspace that requires a
 * second factor. Sam (owner) signs in with an email link plus an authenticator app; Nia
 * (member) has no factor yet and is asked to set one up. The TOTP secret and the recovery
 * codes are public on purpose (README): demo data for a local install only.
 */
export const SECURITY_DEMO = {
	workspaceId: 'ws_northstar',
	slug: 'northstar',
	samUserId: 'usr_northstar_sam',
	samEmail: 'sam@northstar.test',
	niaUserId: 'usr_northstar_nia',
	niaEmail: 'nia@northstar.test',
	totpSecret: 'JBSWY3DPEHPK3PXP',
	recoveryCodes: [
		'sam22-safe2',
		'sam23-safe3',
		'sam24-safe4',
		'sam25-safe5',
		'sam26-safe6',
		'sam27-safe7',
		'sam28-safe8',
		'sam29-safe9',
		'sam32-safe3',
		'sam33-safe4'
	],
	phoneSessionId: 'ses_demo_sam_phone'
} as const;

/**
 * White label: Brightside Creative serves its portal on its own (verified) domain,
 * portal.brightside.localhost, with its own reply-to, email footer and no "Powered by CoPortal".
 * Its slug subdomain (brightside.localhost) keeps working.
 */
export const WHITE_LABEL_DEMO = {
	workspaceId: 'ws_brightside',
	slug: 'brightside',
	customDomain: 'portal.brightside.localhost',
	ownerUserId: 'usr_brightside_owner',
	ownerEmail: 'owner@brightside.test',
	clientId: 'cli_brightside_lumen',
	contactId: 'con_brightside_lena',
	clientEmail: 'lena@lumen.test',
	replyTo: 'hello@brightside.test'
} as const;

/**
 * The demo's second D1 shard (worker/dev/seed/second-shard.ts): Fjord Digital lives on
 * DB_SHARD_2, which `npm start`'s shard directory names for its slug, so the demo shows a
 * portal and a dashboard served from another database (bench/SCALE.md), and Max, a member of
 * workspaces on both shards, can open one from the other (/workspaces).
 */
export const SECOND_SHARD_DEMO = {
	shard: 'DB_SHARD_2',
	workspaceId: 'ws_fjord',
	slug: 'fjord',
	ownerUserId: 'usr_fjord_owner',
	ownerEmail: 'owner@fjord.test',
	/** Max (member@demo.test, a member of Demo Studio on DB) helps here too: an account on each shard. */
	maxUserId: 'usr_fjord_max',
	clientId: 'cli_fjord_lumen',
	contactId: 'con_fjord_lena',
	clientEmail: 'client@fjord.test',
	projectId: 'prj_fjord_ordering'
} as const;
