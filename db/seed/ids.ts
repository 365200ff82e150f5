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

/** Quotes and contracts demo data (db/seed/quotes.ts, db/seed/contracts.ts). */
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
	draft: 'ctr_demo_draft',
	globexSent: 'ctr_demo_globex',
	acmeSent: 'ctr_acme_sent'
} as const;
