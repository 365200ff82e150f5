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
	demoLogoKey: 'workspaces/ws_demo/branding/logo_demo'
} as const;
