import { env } from 'cloudflare:workers';
import { getTableColumns, getTableName, isTable, sql } from 'drizzle-orm';
import * as schema from '../db/schema';
import { sha256Hex } from '../worker/services/crypto';
import { describe, expect, it } from 'vitest';
import { api } from '../worker/http/app';
import {
	BILLING,
	CONTRACTS,
	DEMO_FILES,
	DEMO_TIME,
	INVOICES,
	QUOTES,
	SETTINGS_DEMO,
	THREADS
} from '../worker/dev/seed/ids';
import { contracts } from '../db/schema';
import { eq } from 'drizzle-orm';
import { ACME, DEMO, hosts, inDays, request, seed, sessionCookie, testServices, type TestServices } from './helpers';

/**
 * The tenant isolation matrix. Every page, form action and API route must be
 * listed here with who may use it; each is then tried as a client of another
 * company, a client of another workspace, a logged-out visitor and staff of
 * another workspace, and must refuse them without changing anything.
 * Adding a route without listing it fails the first tests below.
 */
type Access = 'public' | 'client' | 'staff';
type Form = Record<string, string | Blob>;
type PageRoute = {
	access: Access;
	/** A concrete URL on the demo data; for client routes it targets Casey's (Northwind) data. */
	path: string;
	/** True when the path names one resource (another tenant must get 404); false for lists. */
	owned?: boolean;
	/** Named form actions ('default' for the unnamed one). */
	actions?: string[];
	/** The GET only redirects there and shows nothing (e.g. a form-action-only route). */
	getRedirectsTo?: string;
	/** Actions that act on the caller's own state whatever the URL names (e.g. stop *my* timer). */
	selfActions?: string[];
	/** Valid form input per action, so the refusal is about who asks, not what they sent (a Blob makes it multipart). */
	forms?: Record<string, Form | ((services: TestServices) => Promise<Form>)>;
	/** A different URL for an action (each state-changing action needs a resource in the right state). */
	actionPaths?: Record<string, string>;
	/** Actions whose positive control is covered elsewhere (they need state the demo data does not have). */
	ownerSkip?: string[];
};

/**
 * Security state the demo data does not have: the demo owner holds a passkey and a second
 * session (another device), so routes can name them. The owner's own sessions in this file
 * have verified a second factor (a magic-link-only one would be sent to that step).
 */
const MATRIX = { passkeyId: 'pky_matrix_owner', otherSessionId: 'ses_matrix_owner_phone' };

async function seedMatrix(): Promise<TestServices> {
	const services = await seed(testServices());
	const now = services.clock.now();
	await services.db.batch([
		services.db.insert(schema.passkeys).values({
			id: MATRIX.passkeyId,
			userId: DEMO.ownerUserId,
			credentialId: 'matrix-credential',
			publicKey: 'pQECAyYgAQ',
			deviceType: 'singleDevice',
			name: 'Owner key',
			createdAt: now
		}),
		services.db.insert(schema.sessions).values({
			id: 'matrix-session-hash',
			publicId: MATRIX.otherSessionId,
			kind: 'staff',
			workspaceId: DEMO.workspaceId,
			userId: DEMO.ownerUserId,
			userAgent: 'Mozilla/5.0 (iPhone) Safari/604.1',
			mfaAt: now,
			mfaMethod: 'passkey',
			createdAt: now,
			lastSeenAt: now,
			expiresAt: now + 86_400_000
		})
	]);
	return services;
}

const INVOICE_FORM = {
	clientId: DEMO.northwindId,
	issueDate: inDays(-1),
	dueDate: inDays(30),
	currency: 'USD',
	'items.0.description': 'Work',
	'items.0.quantity': '1',
	'items.0.unitPrice': '100'
};

const TIME_FORM = {
	date: inDays(-2),
	duration: '1:00',
	description: 'Work',
	billable: 'on',
	rate: '100',
	currency: 'USD'
};
const QUOTE_FORM = {
	clientId: DEMO.northwindId,
	title: 'Quote',
	currency: 'USD',
	'items.0.description': 'Work',
	'items.0.quantity': '1',
	'items.0.unitPrice': '100'
};
const QUOTE_JSON = {
	clientId: DEMO.northwindId,
	title: 'Quote',
	currency: 'USD',
	items: [{ description: 'Work', quantity: '1', unitPrice: '100' }]
};
const CONTRACT_FORM = { clientId: DEMO.northwindId, title: 'Agreement', bodyMd: 'The terms.' };
const hashOf = (id: string) => async (services: TestServices) =>
	(await services.db.select({ h: contracts.documentHash }).from(contracts).where(eq(contracts.id, id)).get())?.h ?? '';
const INVOICE_JSON = {
	clientId: DEMO.northwindId,
	issueDate: inDays(-1),
	dueDate: inDays(30),
	currency: 'USD',
	items: [{ description: 'Work', quantity: '1', unitPrice: '100' }]
};
const MANUAL_PAYMENT_FORM = { amount: '10.00', paidOn: inDays(-1), method: 'bank_transfer', note: 'Matrix' };
const MANUAL_PAYMENT_JSON = MANUAL_PAYMENT_FORM;
const RECURRING_FORM = {
	clientId: DEMO.northwindId,
	title: 'Retainer',
	currency: 'USD',
	frequency: 'monthly',
	startDate: inDays(3),
	dueDays: '14',
	'items.0.description': 'Support',
	'items.0.quantity': '1',
	'items.0.unitPrice': '100'
};
const RECURRING_JSON = {
	clientId: DEMO.northwindId,
	title: 'Retainer',
	currency: 'USD',
	frequency: 'monthly',
	startDate: inDays(3),
	items: [{ description: 'Support', quantity: '1', unitPrice: '100' }]
};
/** Casey's invoice with a recorded (succeeded) payment: its receipt. */
const RECEIPT = `/invoices/${INVOICES.partialId}/receipts/pay_${INVOICES.partialId}`;

const PORTAL: Record<string, PageRoute> = {
	portal: { access: 'client', path: '/' },
	'portal/login': { access: 'public', path: '/login', actions: ['default'] },
	'portal/auth/verify': { access: 'public', path: '/auth/verify', actions: ['default'] },
	'portal/logout': { access: 'public', path: '/logout', actions: ['default'], getRedirectsTo: '/' },
	'portal/projects/[id]': { access: 'client', path: `/projects/${DEMO.websiteProjectId}`, owned: true },
	'portal/projects/[id]/messages': {
		access: 'client',
		path: `/projects/${DEMO.websiteProjectId}/messages`,
		owned: true,
		actions: ['create'],
		forms: { create: { title: 'Hijack', body: 'Hello' } }
	},
	'portal/invoices': { access: 'client', path: '/invoices' },
	'portal/invoices/[id]': {
		access: 'client',
		path: `/invoices/${INVOICES.sentId}`,
		owned: true,
		actions: ['pay'],
		forms: { pay: {} }
	},
	'portal/invoices/[id]/paid': {
		access: 'client',
		path: `/invoices/${INVOICES.paidId}/paid?reference=cp-de${'1'.padStart(30, '0')}`,
		owned: true
	},
	'portal/invoices/[id]/pdf': { access: 'client', path: `/invoices/${INVOICES.sentId}/pdf`, owned: true },
	'portal/invoices/[id]/receipts/[paymentId]': { access: 'client', path: RECEIPT, owned: true },
	// Casey has autopay on for the hosting (demo seed), so turning it off changes something; turning it on needs a card
	// paid on this schedule (autopay tests).
	'portal/invoices/recurring/[id]': {
		access: 'client',
		path: `/invoices/recurring/${BILLING.hostingRecurring}`,
		owned: true,
		actions: ['autopay', 'stopAutopay'],
		forms: { stopAutopay: {} }
	},
	// Casey's accepted quote asked for nothing more: the page says "You're all set" and Pay goes back to it.
	'portal/quotes/[id]/next': {
		access: 'client',
		path: `/quotes/${QUOTES.accepted}/next`,
		owned: true,
		actions: ['pay'],
		forms: { pay: {} }
	},
	'portal/projects/[id]/files': {
		access: 'client',
		path: `/projects/${DEMO.websiteProjectId}/files`,
		owned: true,
		actions: ['upload', 'delete'],
		forms: {
			upload: { file: new File(['hello'], 'hello.txt', { type: 'text/plain' }) },
			delete: { fileId: DEMO_FILES.brandClientSketch }
		},
		// Casey's own upload can be deleted for an hour; the seeded one is older (client-uploads.test.ts covers the positive case).
		ownerSkip: ['delete']
	},
	'portal/projects/[id]/files/[fileId]/download': {
		access: 'client',
		path: `/projects/${DEMO.websiteProjectId}/files/${DEMO_FILES.websiteMockup}/download`,
		owned: true
	},
	'portal/projects/[id]/files/[fileId]/preview': {
		access: 'client',
		path: `/projects/${DEMO.websiteProjectId}/files/${DEMO_FILES.websiteMockup}/preview`,
		owned: true
	},
	'portal/projects/[id]/messages/[threadId]/attachments/[fileId]': {
		access: 'client',
		path: `/projects/${DEMO.websiteProjectId}/messages/${THREADS.designId}/attachments/${DEMO_FILES.designV2}`,
		owned: true
	},
	'portal/projects/[id]/messages/[threadId]/attachments/[fileId]/preview': {
		access: 'client',
		path: `/projects/${DEMO.websiteProjectId}/messages/${THREADS.designId}/attachments/${DEMO_FILES.designHeroReference}/preview`,
		owned: true
	},
	'portal/projects/[id]/time': { access: 'client', path: `/projects/${DEMO.websiteProjectId}/time`, owned: true },
	'portal/quotes': { access: 'client', path: '/quotes' },
	'portal/quotes/[id]': {
		access: 'client',
		path: `/quotes/${QUOTES.sent}`,
		owned: true,
		actions: ['accept', 'changes', 'decline'],
		actionPaths: { changes: `/quotes/${QUOTES.viewed}`, decline: `/quotes/${QUOTES.changesRequested}` },
		forms: {
			accept: { confirm: 'on', version: '1' },
			changes: { body: 'Please adjust', version: '1' },
			decline: { reason: 'Not now', version: '1' }
		}
	},
	'portal/contracts': { access: 'client', path: '/contracts' },
	'portal/contracts/[id]': {
		access: 'client',
		path: `/contracts/${CONTRACTS.sent}`,
		owned: true,
		actions: ['sign'],
		forms: {
			sign: async (services) => ({
				method: 'typed',
				typedName: 'Casey Client',
				consent: 'on',
				documentHash: await hashOf(CONTRACTS.sent)(services)
			})
		}
	},
	'portal/projects/[id]/messages/[threadId]': {
		access: 'client',
		path: `/projects/${DEMO.websiteProjectId}/messages/${THREADS.designId}`,
		owned: true,
		actions: ['post'],
		forms: { post: { body: 'Hello', attachments: new File(['hello'], 'hello.txt', { type: 'text/plain' }) } }
	},
	// settings area
	'portal/forms/[slug]': { access: 'public', path: `/forms/${SETTINGS_DEMO.intakeFormSlug}`, actions: ['default'] },
	'portal/branding/logo': { access: 'public', path: '/branding/logo' },
	'portal/projects/[id]/feedback': {
		access: 'client',
		path: `/projects/${DEMO.brandProjectId}/feedback`,
		owned: true,
		actions: ['default']
	},
	// client-portal area: the signed-in contact's own time zone (a blank choice: another tenant's post changes nothing of ours)
	'portal/account': { access: 'client', path: '/account', actions: ['default'], forms: { default: { timezone: '' } } }
};

const DASHBOARD: Record<string, PageRoute> = {
	dashboard: { access: 'staff', path: '/', actions: ['dismissOnboarding'], forms: { dismissOnboarding: {} } },
	'dashboard/login': { access: 'public', path: '/login', actions: ['default'] },
	'dashboard/auth/verify': { access: 'public', path: '/auth/verify', actions: ['default'] },
	'dashboard/logout': { access: 'public', path: '/logout', actions: ['default'], getRedirectsTo: '/' },
	'dashboard/workspaces': {
		access: 'staff',
		path: '/workspaces',
		actions: ['switch', 'open'],
		// Opening a workspace on another shard: tests/shard-switch.test.ts (the demo data here is on one shard).
		ownerSkip: ['open']
	},
	'dashboard/projects/[id]': {
		access: 'staff',
		path: `/projects/${DEMO.websiteProjectId}`,
		owned: true,
		actions: ['createTask', 'move'],
		forms: { createTask: { title: 'Hijack' }, move: { taskId: 'tsk_demo_w3', status: 'complete' } }
	},
	'dashboard/clients/[id]': {
		access: 'staff',
		path: `/clients/${DEMO.northwindId}`,
		owned: true,
		actions: ['addContact', 'invite', 'archive', 'unarchive'],
		forms: {
			addContact: { name: 'Spy', email: 'spy@evil.test' },
			invite: { contactId: DEMO.caseyContactId },
			archive: {},
			unarchive: {}
		}
	},
	'dashboard/clients': { access: 'staff', path: '/clients' },
	'dashboard/clients/new': {
		access: 'staff',
		path: '/clients/new',
		actions: ['default'],
		forms: { default: { name: 'Hijack Holdings' } }
	},
	'dashboard/clients/[id]/edit': {
		access: 'staff',
		path: `/clients/${DEMO.northwindId}/edit`,
		owned: true,
		actions: ['default'],
		forms: { default: { name: 'Hijacked' } }
	},
	'dashboard/clients/[id]/contacts/[contactId]': {
		access: 'staff',
		path: `/clients/${DEMO.northwindId}/contacts/${DEMO.caseyContactId}`,
		owned: true,
		actions: ['update', 'invite', 'archive', 'unarchive'],
		forms: { update: { name: 'Hijacked', email: DEMO.caseyEmail }, invite: {}, archive: {}, unarchive: {} }
	},
	'dashboard/projects': { access: 'staff', path: '/projects' },
	'dashboard/projects/new': {
		access: 'staff',
		path: '/projects/new',
		actions: ['default'],
		forms: { default: { clientId: DEMO.northwindId, name: 'Hijack', status: 'active' } }
	},
	'dashboard/projects/[id]/edit': {
		access: 'staff',
		path: `/projects/${DEMO.websiteProjectId}/edit`,
		owned: true,
		actions: ['default'],
		forms: { default: { name: 'Hijacked' } }
	},
	'dashboard/projects/[id]/tasks/[taskId]': {
		access: 'staff',
		path: `/projects/${DEMO.websiteProjectId}/tasks/tsk_demo_w3`,
		owned: true,
		actions: ['update', 'delete'],
		forms: { update: { title: 'Hijacked' } }
	},
	'dashboard/projects/[id]/activity': {
		access: 'staff',
		path: `/projects/${DEMO.websiteProjectId}/activity`,
		owned: true
	},
	'dashboard/invoices': { access: 'staff', path: '/invoices' },
	'dashboard/invoices/new': {
		access: 'staff',
		path: `/invoices/new?clientId=${DEMO.northwindId}`,
		actions: ['default'],
		forms: { default: INVOICE_FORM }
	},
	'dashboard/invoices/[id]/edit': {
		access: 'staff',
		path: `/invoices/${INVOICES.draftId}/edit`,
		owned: true,
		actions: ['default'],
		forms: { default: INVOICE_FORM }
	},
	'dashboard/invoices/[id]': {
		access: 'staff',
		path: `/invoices/${INVOICES.sentId}`,
		owned: true,
		actions: ['send', 'void', 'recordPayment', 'reversePayment'],
		forms: {
			send: {},
			void: {},
			recordPayment: MANUAL_PAYMENT_FORM,
			reversePayment: { paymentId: `pay_${INVOICES.partialId}` }
		},
		actionPaths: { recordPayment: `/invoices/${INVOICES.partialId}`, reversePayment: `/invoices/${INVOICES.partialId}` }
	},
	'dashboard/invoices/[id]/pdf': { access: 'staff', path: `/invoices/${INVOICES.sentId}/pdf`, owned: true },
	'dashboard/invoices/recurring': { access: 'staff', path: '/invoices/recurring' },
	'dashboard/invoices/recurring/new': {
		access: 'staff',
		path: '/invoices/recurring/new',
		actions: ['default'],
		forms: { default: RECURRING_FORM }
	},
	// Listed before the page whose actions end the schedule (the owner's pass runs in this order).
	'dashboard/invoices/recurring/[id]/edit': {
		access: 'staff',
		path: `/invoices/recurring/${BILLING.hostingRecurring}/edit`,
		owned: true,
		actions: ['default'],
		forms: { default: RECURRING_FORM }
	},
	'dashboard/invoices/recurring/[id]': {
		access: 'staff',
		path: `/invoices/recurring/${BILLING.hostingRecurring}`,
		owned: true,
		actions: ['pause', 'resume', 'end', 'stopAutopay'],
		forms: { pause: {}, resume: {}, end: {}, stopAutopay: {} }
	},
	'dashboard/settings/invoicing': {
		access: 'staff',
		path: '/settings/invoicing',
		owned: false,
		actions: ['business', 'addRate', 'updateRate', 'deleteRate'],
		forms: {
			business: { businessAddress: '1 Road', taxId: 'T1', paymentInstructions: 'Bank', defaultHourlyRate: '90' },
			addRate: { name: 'GST', rate: '10' },
			updateRate: { taxRateId: BILLING.vatRate, name: 'VAT', rate: '16' },
			deleteRate: { taxRateId: BILLING.vatRate }
		}
	},
	'dashboard/clients/[id]/invoices': { access: 'staff', path: `/clients/${DEMO.northwindId}/invoices`, owned: true },
	'dashboard/settings/payments': {
		access: 'staff',
		path: '/settings/payments',
		actions: ['save', 'remove', 'saveStripe', 'removeStripe'],
		forms: {
			save: { publicKey: 'pk_test_0123456789abcdef0123', secretKey: 'sk_test_0123456789abcdef0123' },
			remove: {},
			saveStripe: {
				stripeSecretKey: 'sk_test_0123456789abcdef0123',
				stripeWebhookSecret: 'whsec_0123456789abcdef0123'
			},
			removeStripe: {}
		}
	},
	'dashboard/projects/[id]/files': {
		access: 'staff',
		path: `/projects/${DEMO.websiteProjectId}/files`,
		owned: true,
		actions: ['upload', 'rename', 'visibility', 'delete'],
		forms: {
			upload: { file: new File(['hello'], 'hello.txt', { type: 'text/plain' }), clientVisible: 'true' },
			rename: { fileId: DEMO_FILES.websiteBrief, name: 'Renamed brief.pdf' },
			visibility: { fileId: DEMO_FILES.websiteInternalNotes, visible: 'true' },
			delete: { fileId: DEMO_FILES.websiteMockup }
		}
	},
	'dashboard/projects/[id]/files/[fileId]/download': {
		access: 'staff',
		path: `/projects/${DEMO.websiteProjectId}/files/${DEMO_FILES.websiteInternalNotes}/download`,
		owned: true
	},
	'dashboard/projects/[id]/files/[fileId]/preview': {
		access: 'staff',
		path: `/projects/${DEMO.websiteProjectId}/files/${DEMO_FILES.websiteBrief}/preview`,
		owned: true
	},
	'dashboard/projects/[id]/threads/[threadId]/attachments/[fileId]': {
		access: 'staff',
		path: `/projects/${DEMO.websiteProjectId}/threads/${THREADS.designId}/attachments/${DEMO_FILES.designLicenceQuote}`,
		owned: true
	},
	'dashboard/projects/[id]/threads/[threadId]/attachments/[fileId]/preview': {
		access: 'staff',
		path: `/projects/${DEMO.websiteProjectId}/threads/${THREADS.designId}/attachments/${DEMO_FILES.designLicenceQuote}/preview`,
		owned: true
	},
	'dashboard/projects/[id]/time': {
		access: 'staff',
		path: `/projects/${DEMO.websiteProjectId}/time`,
		owned: true,
		actions: ['log', 'start', 'stop'],
		selfActions: ['stop'],
		forms: { log: TIME_FORM, start: { description: 'Timer' }, stop: {} }
	},
	'dashboard/projects/[id]/time/[entryId]': {
		access: 'staff',
		path: `/projects/${DEMO.websiteProjectId}/time/${DEMO_TIME.websiteStandup}`,
		owned: true,
		actions: ['save', 'delete'],
		forms: { save: TIME_FORM, delete: {} }
	},
	'dashboard/quotes': { access: 'staff', path: '/quotes' },
	'dashboard/quotes/new': {
		access: 'staff',
		path: '/quotes/new',
		actions: ['default'],
		forms: { default: QUOTE_FORM }
	},
	'dashboard/quotes/[id]/edit': {
		access: 'staff',
		path: `/quotes/${QUOTES.draft}/edit`,
		owned: true,
		actions: ['default'],
		forms: { default: QUOTE_FORM }
	},
	'dashboard/quotes/[id]': {
		access: 'staff',
		path: `/quotes/${QUOTES.draft}`,
		owned: true,
		actions: ['send'],
		forms: { send: {} }
	},
	'dashboard/clients/[id]/quotes': { access: 'staff', path: `/clients/${DEMO.northwindId}/quotes`, owned: true },
	'dashboard/contracts': { access: 'staff', path: '/contracts' },
	'dashboard/contracts/new': {
		access: 'staff',
		path: '/contracts/new',
		actions: ['default'],
		forms: { default: CONTRACT_FORM }
	},
	'dashboard/contracts/[id]/edit': {
		access: 'staff',
		path: `/contracts/${CONTRACTS.draft}/edit`,
		owned: true,
		actions: ['default'],
		forms: { default: CONTRACT_FORM }
	},
	'dashboard/contracts/[id]': {
		access: 'staff',
		path: `/contracts/${CONTRACTS.draft}`,
		owned: true,
		actions: ['send', 'void', 'countersign'],
		actionPaths: { void: `/contracts/${CONTRACTS.globexSent}`, countersign: `/contracts/${CONTRACTS.signed}` },
		ownerSkip: ['countersign'],
		forms: {
			send: {},
			void: {},
			countersign: async (services) => ({
				typedName: 'Olivia Owner',
				consent: 'on',
				documentHash: await hashOf(CONTRACTS.signed)(services)
			})
		}
	},
	'dashboard/contracts/templates': {
		access: 'staff',
		path: '/contracts/templates',
		actions: ['default'],
		forms: { default: { name: 'Template', bodyMd: 'Text' } }
	},
	'dashboard/contracts/templates/[id]': {
		access: 'staff',
		path: `/contracts/templates/${CONTRACTS.servicesTemplate}`,
		owned: true,
		actions: ['save', 'delete'],
		forms: { save: { name: 'Template', bodyMd: 'Text' }, delete: {} }
	},
	'dashboard/clients/[id]/contracts': { access: 'staff', path: `/clients/${DEMO.northwindId}/contracts`, owned: true },
	'dashboard/projects/[id]/threads': {
		access: 'staff',
		path: `/projects/${DEMO.websiteProjectId}/threads`,
		owned: true,
		actions: ['create'],
		forms: { create: { title: 'Hijack', body: 'Hello' } }
	},
	'dashboard/projects/[id]/threads/[threadId]': {
		access: 'staff',
		path: `/projects/${DEMO.websiteProjectId}/threads/${THREADS.designId}`,
		owned: true,
		actions: ['post'],
		forms: { post: { body: 'Hello', attachments: new File(['hello'], 'hello.txt', { type: 'text/plain' }) } }
	},
	// settings area: owned: false = acts on the signed-in staff member's own workspace
	'dashboard/signup': { access: 'public', path: '/signup', actions: ['default'] },
	'dashboard/signup/confirm': { access: 'public', path: '/signup/confirm', actions: ['default'] },
	'dashboard/settings': { access: 'staff', path: '/settings', owned: false, actions: ['default'] },
	'dashboard/settings/branding': {
		access: 'staff',
		path: '/settings/branding',
		owned: false,
		actions: ['save', 'logo', 'removeLogo']
	},
	'dashboard/settings/branding/logo': { access: 'staff', path: '/settings/branding/logo', owned: false },
	// Run in this order by the owner: connect, then check (the development stand-in verifies), then remove.
	'dashboard/settings/domain': {
		access: 'staff',
		path: '/settings/domain',
		owned: false,
		actions: ['connect', 'check', 'remove'],
		forms: { connect: { hostname: 'portal.matrix.localhost' }, check: {}, remove: {} }
	},
	'dashboard/settings/team': {
		access: 'staff',
		path: '/settings/team',
		owned: false,
		actions: ['invite', 'role', 'remove']
	},
	'dashboard/settings/notifications': {
		access: 'staff',
		path: '/settings/notifications',
		owned: false,
		actions: ['default']
	},
	'dashboard/settings/contracts': { access: 'staff', path: '/settings/contracts', owned: false, actions: ['default'] },
	'dashboard/settings/profile': {
		access: 'staff',
		path: '/settings/profile',
		owned: false,
		actions: ['default'],
		forms: { default: { timezone: '' } }
	},
	'dashboard/settings/forms': { access: 'staff', path: '/settings/forms', owned: false, actions: ['create'] },
	'dashboard/settings/forms/[id]': {
		access: 'staff',
		path: `/settings/forms/${SETTINGS_DEMO.intakeFormId}`,
		owned: true,
		actions: ['save', 'status']
	},
	'dashboard/settings/feedback': { access: 'staff', path: '/settings/feedback', owned: false },
	'dashboard/leads': { access: 'staff', path: '/leads', owned: false, actions: ['move'] },
	'dashboard/leads/[id]': {
		access: 'staff',
		path: `/leads/${SETTINGS_DEMO.leadNewId}`,
		owned: true,
		actions: ['move', 'convert']
	},
	'dashboard/activity': { access: 'staff', path: '/activity', owned: false },
	// Lower case on purpose: the page echoes the query, and the secrets are matched case-sensitively.
	'dashboard/search': { access: 'staff', path: '/search?q=northwind', owned: false },
	'dashboard/revenue': { access: 'staff', path: '/revenue', owned: false },
	'dashboard/clients/[id]/statement': { access: 'staff', path: `/clients/${DEMO.northwindId}/statement`, owned: true },
	'dashboard/projects/[id]/feedback': {
		access: 'staff',
		path: `/projects/${DEMO.brandProjectId}/feedback`,
		owned: true,
		actions: ['request', 'close']
	},
	// staff sign-in. The second step acts only on the caller's own pending session (anyone else is sent on).
	'dashboard/auth/second-factor': {
		access: 'public',
		path: '/auth/second-factor',
		actions: ['totp', 'recovery', 'startTotp', 'confirmTotp']
	},
	'dashboard/login/passkey': { access: 'public', path: '/login/passkey' },
	// owned: false = my own factors and sessions; the passkey and session ids named are the demo owner's.
	'dashboard/settings/security': {
		access: 'staff',
		path: '/settings/security',
		owned: false,
		actions: [
			'renamePasskey',
			'removePasskey',
			'startTotp',
			'removeTotp',
			'renewCodes',
			'signOut',
			'signOutOthers',
			'requirement'
		],
		forms: {
			renamePasskey: { passkeyId: MATRIX.passkeyId, name: 'Renamed key' },
			renewCodes: {},
			signOut: { sessionId: MATRIX.otherSessionId },
			signOutOthers: {},
			requirement: { requireSecondFactor: 'on' },
			removePasskey: { passkeyId: MATRIX.passkeyId }
		},
		// Removing the passkey after requiring a second factor is refused (it is the owner's last one): tested in staff-assurance.test.ts.
		ownerSkip: ['removePasskey']
	},
	'dashboard/settings/security/authenticator': {
		access: 'staff',
		path: '/settings/security/authenticator',
		owned: false,
		actions: ['confirm']
	}
};

type ApiRoute = {
	access: Access | 'development';
	path: string;
	body?: unknown;
	/** Names one resource of the demo data (Casey's for client routes): other tenants get 404. Lists may answer them, without leaking. */
	owned?: boolean;
	host?: 'portal' | 'dashboard' | 'any';
	/** What the rightful user may get besides 2xx (e.g. 404 for a made-up payment reference). */
	ownerOk?: number[];
};
const API: Record<string, ApiRoute> = {
	'GET /api/health': { access: 'public', path: '/api/health', host: 'any' },
	'POST /api/auth/login-link': {
		access: 'public',
		path: '/api/auth/login-link',
		body: { email: 'x@y.co' },
		host: 'any'
	},
	'POST /api/auth/logout': { access: 'public', path: '/api/auth/logout', body: {}, host: 'any' },
	'GET /api/auth/me': { access: 'client', path: '/api/auth/me', host: 'any' },
	'GET /api/threads': {
		access: 'client',
		path: `/api/threads?projectId=${DEMO.websiteProjectId}`,
		owned: true,
		host: 'any'
	},
	'POST /api/threads': {
		access: 'client',
		path: '/api/threads',
		body: { projectId: DEMO.websiteProjectId, title: 'Hijack', body: 'Hello' },
		owned: true,
		host: 'any'
	},
	'GET /api/threads/:id': { access: 'client', path: `/api/threads/${THREADS.designId}`, owned: true, host: 'any' },
	'POST /api/threads/:id/messages': {
		access: 'client',
		path: `/api/threads/${THREADS.designId}/messages`,
		body: { body: 'Hijack' },
		owned: true,
		host: 'any'
	},
	'POST /api/threads/:id/read': {
		access: 'client',
		path: `/api/threads/${THREADS.designId}/read`,
		body: { seq: 99 },
		owned: true,
		host: 'any'
	},
	'GET /api/threads/:id/socket': {
		access: 'client',
		path: `/api/threads/${THREADS.designId}/socket`,
		owned: true,
		host: 'any'
	},
	'POST /api/threads/:id/attachments': {
		access: 'client',
		path: `/api/threads/${THREADS.designId}/attachments?name=notes.txt`,
		body: 'hello',
		owned: true,
		host: 'any'
	},
	'GET /api/threads/:id/attachments/:fileId': {
		access: 'client',
		path: `/api/threads/${THREADS.designId}/attachments/${DEMO_FILES.designV2}`,
		owned: true,
		host: 'any'
	},
	'GET /api/invoices': { access: 'client', path: '/api/invoices' },
	'GET /api/invoices/:id': { access: 'client', path: `/api/invoices/${INVOICES.sentId}`, owned: true },
	'GET /api/invoices/:id/pdf': { access: 'client', path: `/api/invoices/${INVOICES.sentId}/pdf`, owned: true },
	'POST /api/invoices/:id/pay': {
		access: 'client',
		path: `/api/invoices/${INVOICES.sentId}/pay`,
		body: {},
		owned: true
	},
	'GET /api/invoices/:id/payments/:paymentId/receipt': {
		access: 'client',
		path: `/api${RECEIPT.replace('/receipts/', '/payments/')}/receipt`,
		owned: true
	},
	'GET /api/recurring-invoices': { access: 'client', path: '/api/recurring-invoices' },
	'GET /api/recurring-invoices/:id': {
		access: 'client',
		path: `/api/recurring-invoices/${BILLING.hostingRecurring}`,
		owned: true
	},
	'POST /api/recurring-invoices': { access: 'staff', path: '/api/recurring-invoices', body: RECURRING_JSON },
	'PUT /api/recurring-invoices/:id': {
		access: 'staff',
		path: `/api/recurring-invoices/${BILLING.hostingRecurring}`,
		body: { ...RECURRING_JSON, startDate: inDays(20) },
		owned: true
	},
	'POST /api/recurring-invoices/:id/pause': {
		access: 'staff',
		path: `/api/recurring-invoices/${BILLING.hostingRecurring}/pause`,
		body: {},
		owned: true
	},
	'POST /api/recurring-invoices/:id/resume': {
		access: 'staff',
		path: `/api/recurring-invoices/${BILLING.hostingRecurring}/resume`,
		body: {},
		owned: true
	},
	'POST /api/recurring-invoices/:id/end': {
		access: 'staff',
		path: `/api/recurring-invoices/${BILLING.hostingRecurring}/end`,
		body: {},
		owned: true
	},
	'GET /api/invoices/:id/payments/confirm': {
		access: 'client',
		path: `/api/invoices/${INVOICES.sentId}/payments/confirm?reference=nope`,
		owned: true,
		ownerOk: [404, 422]
	},
	'POST /api/invoices': { access: 'staff', path: '/api/invoices', body: INVOICE_JSON },
	'PUT /api/invoices/:id': {
		access: 'staff',
		path: `/api/invoices/${INVOICES.draftId}`,
		body: INVOICE_JSON,
		owned: true
	},
	'POST /api/invoices/:id/send': {
		access: 'staff',
		path: `/api/invoices/${INVOICES.sentId}/send`,
		body: {},
		owned: true
	},
	'POST /api/invoices/:id/payments': {
		access: 'staff',
		path: `/api/invoices/${INVOICES.partialId}/payments`,
		body: MANUAL_PAYMENT_JSON,
		owned: true
	},
	'POST /api/invoices/:id/payments/:paymentId/reverse': {
		access: 'staff',
		path: `/api/invoices/${INVOICES.partialId}/payments/pay_${INVOICES.partialId}/reverse`,
		body: {},
		owned: true
	},
	'POST /api/invoices/:id/void': {
		access: 'staff',
		path: `/api/invoices/${INVOICES.sentId}/void`,
		body: {},
		owned: true
	},
	'GET /api/payments/settings': { access: 'staff', path: '/api/payments/settings' },
	'PUT /api/payments/settings': {
		access: 'staff',
		path: '/api/payments/settings',
		body: { publicKey: 'pk_test_0123456789abcdef0123', secretKey: 'sk_test_0123456789abcdef0123' }
	},
	'DELETE /api/payments/settings': { access: 'staff', path: '/api/payments/settings' },
	'POST /webhooks/paystack/:workspace': { access: 'public', path: '/webhooks/paystack/demo' },
	'GET /dev/paystack/checkout': { access: 'development', path: '/dev/paystack/checkout' },
	'POST /dev/paystack/checkout': { access: 'development', path: '/dev/paystack/checkout' },
	'GET /api/payments/stripe': { access: 'staff', path: '/api/payments/stripe' },
	'PUT /api/payments/stripe': {
		access: 'staff',
		path: '/api/payments/stripe',
		body: { secretKey: 'sk_test_0123456789abcdef0123', webhookSecret: 'whsec_0123456789abcdef0123' }
	},
	'DELETE /api/payments/stripe': { access: 'staff', path: '/api/payments/stripe' },
	'POST /webhooks/stripe/:workspace': { access: 'public', path: '/webhooks/stripe/demo' },
	'GET /dev/stripe/checkout': { access: 'development', path: '/dev/stripe/checkout' },
	'POST /dev/stripe/checkout': { access: 'development', path: '/dev/stripe/checkout' },
	'GET /api/files': { access: 'client', path: `/api/files?projectId=${DEMO.websiteProjectId}`, owned: true },
	'GET /api/files/:id/download': {
		access: 'client',
		path: `/api/files/${DEMO_FILES.websiteMockup}/download`,
		owned: true
	},
	// Clients upload to their own projects (staff too, on the dashboard: worker/http/routes/files.test.ts).
	'POST /api/files': {
		access: 'client',
		path: `/api/files?projectId=${DEMO.websiteProjectId}&name=notes.txt`,
		body: 'hello',
		owned: true
	},
	'PATCH /api/files/:id': {
		access: 'staff',
		path: `/api/files/${DEMO_FILES.websiteBrief}`,
		body: { name: 'Renamed.pdf' },
		owned: true
	},
	'DELETE /api/files/:id': { access: 'staff', path: `/api/files/${DEMO_FILES.websiteMockup}`, owned: true },
	'GET /api/time': { access: 'client', path: `/api/time?projectId=${DEMO.websiteProjectId}`, owned: true },
	'POST /api/time': {
		access: 'staff',
		path: '/api/time',
		body: {
			projectId: DEMO.websiteProjectId,
			...{ date: inDays(-2), duration: '1:00', description: 'Work', billable: true, rate: '100' }
		},
		owned: true
	},
	'POST /api/time/timer/start': {
		access: 'staff',
		path: '/api/time/timer/start',
		body: { projectId: DEMO.websiteProjectId, description: 'Timer' },
		owned: true
	},
	'POST /api/time/timer/stop': { access: 'staff', path: '/api/time/timer/stop', body: {}, ownerOk: [404, 409] },
	'PATCH /api/time/:id': {
		access: 'staff',
		path: `/api/time/${DEMO_TIME.websiteStandup}`,
		body: { date: inDays(-2), duration: '1:00', description: 'Edited', billable: true, rate: '100' },
		owned: true
	},
	'DELETE /api/time/:id': { access: 'staff', path: `/api/time/${DEMO_TIME.websiteStandup}`, owned: true },
	'GET /api/quotes': { access: 'client', path: '/api/quotes' },
	'GET /api/quotes/:id': { access: 'client', path: `/api/quotes/${QUOTES.sent}`, owned: true },
	'GET /api/quotes/:id/pdf': { access: 'client', path: `/api/quotes/${QUOTES.sent}/pdf`, owned: true },
	'GET /api/quotes/:id/proposal': { access: 'client', path: `/api/quotes/${QUOTES.sent}/proposal`, owned: true },
	'POST /api/quotes/:id/accept': {
		access: 'client',
		path: `/api/quotes/${QUOTES.sent}/accept`,
		body: { confirm: true, version: 1 },
		owned: true
	},
	'POST /api/quotes/:id/change-requests': {
		access: 'client',
		path: `/api/quotes/${QUOTES.viewed}/change-requests`,
		body: { body: 'Please adjust', version: 1 },
		owned: true
	},
	'POST /api/quotes/:id/decline': {
		access: 'client',
		path: `/api/quotes/${QUOTES.changesRequested}/decline`,
		body: { reason: 'Not now', version: 1 },
		owned: true
	},
	'POST /api/quotes': { access: 'staff', path: '/api/quotes', body: QUOTE_JSON },
	'PATCH /api/quotes/:id': { access: 'staff', path: `/api/quotes/${QUOTES.draft}`, body: QUOTE_JSON, owned: true },
	'POST /api/quotes/:id/send': { access: 'staff', path: `/api/quotes/${QUOTES.draft}/send`, body: {}, owned: true },
	'GET /api/contracts': { access: 'client', path: '/api/contracts' },
	'GET /api/contracts/:id': { access: 'client', path: `/api/contracts/${CONTRACTS.sent}`, owned: true },
	'GET /api/contracts/:id/pdf': { access: 'client', path: `/api/contracts/${CONTRACTS.signed}/pdf`, owned: true },
	'GET /api/contracts/:id/signatures/:signatureId/image': {
		access: 'client',
		path: `/api/contracts/${CONTRACTS.signed}/signatures/sig_demo_signed/image`,
		owned: true,
		ownerOk: [404]
	},
	'POST /api/contracts/:id/sign': {
		access: 'client',
		path: `/api/contracts/${CONTRACTS.sent}/sign`,
		body: { method: 'typed', typedName: 'Casey Client', consent: true, documentHash: 'a'.repeat(64) },
		owned: true,
		ownerOk: [409, 422]
	},
	'POST /api/contracts': { access: 'staff', path: '/api/contracts', body: CONTRACT_FORM },
	'PATCH /api/contracts/:id': {
		access: 'staff',
		path: `/api/contracts/${CONTRACTS.draft}`,
		body: { title: 'Agreement', bodyMd: 'The terms.' },
		owned: true
	},
	'POST /api/contracts/:id/send': {
		access: 'staff',
		path: `/api/contracts/${CONTRACTS.draft}/send`,
		body: {},
		owned: true
	},
	'POST /api/contracts/:id/void': {
		access: 'staff',
		path: `/api/contracts/${CONTRACTS.sent}/void`,
		body: {},
		owned: true
	},
	'POST /api/contracts/:id/countersign': {
		access: 'staff',
		path: `/api/contracts/${CONTRACTS.signed}/countersign`,
		body: { typedName: 'Olivia Owner', consent: true, documentHash: 'a'.repeat(64) },
		owned: true,
		ownerOk: [409, 422]
	},
	'GET /api/contracts/templates': { access: 'staff', path: '/api/contracts/templates' },
	'GET /api/contracts/templates/:id': {
		access: 'staff',
		path: `/api/contracts/templates/${CONTRACTS.servicesTemplate}`,
		owned: true
	},
	'POST /api/contracts/templates': {
		access: 'staff',
		path: '/api/contracts/templates',
		body: { name: 'Template', bodyMd: 'Text' }
	},
	'PUT /api/contracts/templates/:id': {
		access: 'staff',
		path: `/api/contracts/templates/${CONTRACTS.servicesTemplate}`,
		body: { name: 'Template', bodyMd: 'Text' },
		owned: true
	},
	'DELETE /api/contracts/templates/:id': {
		access: 'staff',
		path: `/api/contracts/templates/${CONTRACTS.servicesTemplate}`,
		owned: true
	},
	'GET /dev/outbox.json': { access: 'development', path: '/dev/outbox.json' },
	'GET /dev/outbox': { access: 'development', path: '/dev/outbox' },
	'GET /dev/outbox/:id/attachments/:index': { access: 'development', path: '/dev/outbox/eml_none/attachments/0' },
	'POST /dev/seed': { access: 'development', path: '/dev/seed' },
	'POST /dev/login-link': { access: 'development', path: '/dev/login-link' },
	// settings area: owned: false = acts on the signed-in staff member's own workspace
	'GET /api/settings/workspace': { access: 'staff', path: '/api/settings/workspace', owned: false },
	'PUT /api/settings/workspace': {
		access: 'staff',
		path: '/api/settings/workspace',
		owned: false,
		body: { name: 'Demo Studio', defaultCurrency: 'USD' }
	},
	'GET /api/settings/branding': { access: 'staff', path: '/api/settings/branding', owned: false },
	'PUT /api/settings/branding': {
		access: 'staff',
		path: '/api/settings/branding',
		owned: false,
		body: { brandColor: '#1d4ed8', accentColor: '#b45309' }
	},
	// The logo is a raw image body; JSON reaching the type check shows the owner got past the scope check.
	'PUT /api/settings/branding/logo': {
		access: 'staff',
		path: '/api/settings/branding/logo',
		owned: false,
		body: {},
		ownerOk: [415]
	},
	'DELETE /api/settings/branding/logo': { access: 'staff', path: '/api/settings/branding/logo', owned: false },
	'GET /api/settings/team': { access: 'staff', path: '/api/settings/team', owned: false },
	'POST /api/settings/team': {
		access: 'staff',
		path: '/api/settings/team',
		owned: false,
		body: { email: 'new.member@demo.test', name: 'New Member' }
	},
	'PATCH /api/settings/team/:membershipId': {
		access: 'staff',
		path: '/api/settings/team/mem_demo_member',
		body: { role: 'owner' }
	},
	'DELETE /api/settings/team/:membershipId': { access: 'staff', path: '/api/settings/team/mem_demo_member' },
	'GET /api/settings/notifications': { access: 'staff', path: '/api/settings/notifications', owned: false },
	'PUT /api/settings/notifications': {
		access: 'staff',
		path: '/api/settings/notifications',
		owned: false,
		body: { topics: [] }
	},
	'GET /api/settings/billing': { access: 'staff', path: '/api/settings/billing', owned: false },
	'PUT /api/settings/billing': {
		access: 'staff',
		path: '/api/settings/billing',
		owned: false,
		body: { businessAddress: '1 Road', taxId: 'T1', paymentInstructions: 'Bank', defaultHourlyRate: '90' }
	},
	'GET /api/settings/tax-rates': { access: 'staff', path: '/api/settings/tax-rates', owned: false },
	'POST /api/settings/tax-rates': {
		access: 'staff',
		path: '/api/settings/tax-rates',
		owned: false,
		body: { name: 'GST', rate: '10' }
	},
	'PUT /api/settings/tax-rates/:id': {
		access: 'staff',
		path: `/api/settings/tax-rates/${BILLING.vatRate}`,
		owned: true,
		body: { name: 'VAT', rate: '16' }
	},
	'DELETE /api/settings/tax-rates/:id': {
		access: 'staff',
		path: `/api/settings/tax-rates/${BILLING.salesTaxRate}`,
		owned: true
	},
	'GET /api/settings/contracts': { access: 'staff', path: '/api/settings/contracts', owned: false },
	'PUT /api/settings/contracts': {
		access: 'staff',
		path: '/api/settings/contracts',
		owned: false,
		body: { countersign: false }
	},
	'POST /api/signup': { access: 'public', path: '/api/signup', host: 'dashboard' },
	'POST /api/signup/confirm': { access: 'public', path: '/api/signup/confirm', host: 'dashboard' },
	'GET /api/intake-forms': { access: 'staff', path: '/api/intake-forms', owned: false },
	'POST /api/intake-forms': { access: 'staff', path: '/api/intake-forms', owned: false, body: { name: 'Matrix form' } },
	'GET /api/intake-forms/:id': { access: 'staff', path: `/api/intake-forms/${SETTINGS_DEMO.intakeFormId}` },
	'PUT /api/intake-forms/:id': {
		access: 'staff',
		path: `/api/intake-forms/${SETTINGS_DEMO.intakeFormId}`,
		body: { name: 'Hijacked', slug: 'hijacked' }
	},
	'POST /api/intake-forms/:id/status': {
		access: 'staff',
		path: `/api/intake-forms/${SETTINGS_DEMO.intakeFormId}/status`,
		body: { status: 'archived' }
	},
	'GET /api/public/forms/:slug': {
		access: 'public',
		path: `/api/public/forms/${SETTINGS_DEMO.intakeFormSlug}`,
		host: 'portal'
	},
	'POST /api/public/forms/:slug': {
		access: 'public',
		path: `/api/public/forms/${SETTINGS_DEMO.intakeFormSlug}`,
		host: 'portal'
	},
	'GET /api/leads': { access: 'staff', path: '/api/leads', owned: false },
	'GET /api/leads/pipeline': { access: 'staff', path: '/api/leads/pipeline', owned: false },
	'GET /api/leads/:id': { access: 'staff', path: `/api/leads/${SETTINGS_DEMO.leadNewId}` },
	'PATCH /api/leads/:id': { access: 'staff', path: `/api/leads/${SETTINGS_DEMO.leadNewId}`, body: { stage: 'lost' } },
	'POST /api/leads/:id/convert': { access: 'staff', path: `/api/leads/${SETTINGS_DEMO.leadNewId}/convert`, body: {} },
	'GET /api/feedback': { access: 'staff', path: '/api/feedback', owned: false },
	'GET /api/feedback/projects/:projectId': {
		access: 'client',
		path: `/api/feedback/projects/${DEMO.brandProjectId}`,
		owned: true
	},
	// The demo already has an open request on Brand refresh: the owner reaches the one-open-request rule.
	'POST /api/feedback/projects/:projectId/requests': {
		access: 'staff',
		path: `/api/feedback/projects/${DEMO.brandProjectId}/requests`,
		ownerOk: [409]
	},
	'PUT /api/feedback/requests/:requestId/response': {
		access: 'client',
		path: `/api/feedback/requests/${SETTINGS_DEMO.feedbackRequestId}/response`,
		owned: true,
		body: { rating: 1 }
	},
	'POST /api/feedback/requests/:requestId/close': {
		access: 'staff',
		path: `/api/feedback/requests/${SETTINGS_DEMO.feedbackRequestId}/close`
	},
	'GET /api/activity': { access: 'staff', path: '/api/activity', owned: false },
	'GET /api/search': { access: 'staff', path: '/api/search?q=northwind', owned: false },
	'GET /api/exports/:kind': { access: 'staff', path: '/api/exports/clients', owned: false },
	// staff sign-in: the passkey sign-in and the second step act only on the caller's own (pending) session.
	'POST /api/auth/passkeys/sign-in/options': {
		access: 'public',
		path: '/api/auth/passkeys/sign-in/options',
		host: 'dashboard'
	},
	'POST /api/auth/passkeys/sign-in': { access: 'public', path: '/api/auth/passkeys/sign-in', host: 'dashboard' },
	'GET /api/auth/second-factor': { access: 'public', path: '/api/auth/second-factor', host: 'dashboard' },
	'POST /api/auth/second-factor/passkey/options': {
		access: 'public',
		path: '/api/auth/second-factor/passkey/options',
		host: 'dashboard'
	},
	'POST /api/auth/second-factor/passkey': {
		access: 'public',
		path: '/api/auth/second-factor/passkey',
		host: 'dashboard'
	},
	'POST /api/auth/second-factor/totp': { access: 'public', path: '/api/auth/second-factor/totp', host: 'dashboard' },
	'POST /api/auth/second-factor/recovery-code': {
		access: 'public',
		path: '/api/auth/second-factor/recovery-code',
		host: 'dashboard'
	},
	// My own factors and sessions (owned: false); the ids named are the demo owner's, so other people get 404.
	'GET /api/account/security': { access: 'staff', path: '/api/account/security', owned: false, host: 'dashboard' },
	'POST /api/account/passkeys/registration/options': {
		access: 'staff',
		path: '/api/account/passkeys/registration/options',
		owned: false,
		host: 'dashboard'
	},
	// A made-up response: the owner reaches the check of its shape.
	'POST /api/account/passkeys/registration': {
		access: 'staff',
		path: '/api/account/passkeys/registration',
		owned: false,
		host: 'dashboard',
		body: { response: {} },
		ownerOk: [422]
	},
	'PATCH /api/account/passkeys/:id': {
		access: 'staff',
		path: `/api/account/passkeys/${MATRIX.passkeyId}`,
		owned: true,
		host: 'dashboard',
		body: { name: 'Renamed key' }
	},
	'POST /api/account/recovery-codes': {
		access: 'staff',
		path: '/api/account/recovery-codes',
		owned: false,
		host: 'dashboard'
	},
	'DELETE /api/account/passkeys/:id': {
		access: 'staff',
		path: `/api/account/passkeys/${MATRIX.passkeyId}`,
		owned: true,
		host: 'dashboard'
	},
	'POST /api/account/totp/setup': { access: 'staff', path: '/api/account/totp/setup', owned: false, host: 'dashboard' },
	// A wrong code: the owner reaches the code check.
	'POST /api/account/totp/confirm': {
		access: 'staff',
		path: '/api/account/totp/confirm',
		owned: false,
		host: 'dashboard',
		body: { code: '000000' },
		ownerOk: [422]
	},
	// The owner has no authenticator app: not found.
	'DELETE /api/account/totp': {
		access: 'staff',
		path: '/api/account/totp',
		owned: false,
		host: 'dashboard',
		ownerOk: [404]
	},
	'GET /api/account/sessions': { access: 'staff', path: '/api/account/sessions', owned: false, host: 'dashboard' },
	'DELETE /api/account/sessions/:id': {
		access: 'staff',
		path: `/api/account/sessions/${MATRIX.otherSessionId}`,
		owned: true,
		host: 'dashboard'
	},
	'POST /api/account/sessions/sign-out-others': {
		access: 'staff',
		path: '/api/account/sessions/sign-out-others',
		owned: false,
		host: 'dashboard'
	},
	'GET /api/settings/security': { access: 'staff', path: '/api/settings/security', owned: false },
	'PUT /api/settings/security': {
		access: 'staff',
		path: '/api/settings/security',
		owned: false,
		body: { requireSecondFactor: false }
	},
	// core area. Clients' routes last: archiving signs Casey out, and the positive control runs in this order.
	'GET /api/projects': { access: 'client', path: '/api/projects', host: 'any' },
	'POST /api/projects': {
		access: 'staff',
		path: '/api/projects',
		body: { name: 'Intrusion', clientId: DEMO.northwindId },
		owned: false,
		host: 'dashboard'
	},
	'GET /api/projects/:id': {
		access: 'client',
		path: `/api/projects/${DEMO.websiteProjectId}`,
		owned: true,
		host: 'any'
	},
	'PATCH /api/projects/:id': {
		access: 'staff',
		path: `/api/projects/${DEMO.websiteProjectId}`,
		body: { name: 'Pwned' },
		owned: true,
		host: 'dashboard'
	},
	'GET /api/projects/:id/tasks': {
		access: 'client',
		path: `/api/projects/${DEMO.websiteProjectId}/tasks`,
		owned: true,
		host: 'any'
	},
	'POST /api/projects/:id/tasks': {
		access: 'staff',
		path: `/api/projects/${DEMO.websiteProjectId}/tasks`,
		body: { title: 'Injected' },
		owned: true,
		host: 'dashboard'
	},
	'GET /api/projects/:id/activity': {
		access: 'staff',
		path: `/api/projects/${DEMO.websiteProjectId}/activity`,
		owned: true,
		host: 'dashboard'
	},
	'PATCH /api/tasks/:id': {
		access: 'staff',
		path: '/api/tasks/tsk_demo_w3',
		body: { title: 'Pwned' },
		owned: true,
		host: 'dashboard'
	},
	'POST /api/tasks/:id/move': {
		access: 'staff',
		path: '/api/tasks/tsk_demo_w3/move',
		body: { status: 'complete' },
		owned: true,
		host: 'dashboard'
	},
	'DELETE /api/tasks/:id': { access: 'staff', path: '/api/tasks/tsk_demo_w3', owned: true, host: 'dashboard' },
	'GET /api/clients': { access: 'staff', path: '/api/clients', owned: false, host: 'dashboard' },
	'POST /api/clients': {
		access: 'staff',
		path: '/api/clients',
		body: { name: 'Intruder Inc' },
		owned: false,
		host: 'dashboard'
	},
	'GET /api/clients/:id': { access: 'staff', path: `/api/clients/${DEMO.northwindId}`, owned: true, host: 'dashboard' },
	'PATCH /api/clients/:id': {
		access: 'staff',
		path: `/api/clients/${DEMO.northwindId}`,
		body: { name: 'Pwned' },
		owned: true,
		host: 'dashboard'
	},
	'POST /api/clients/:id/contacts': {
		access: 'staff',
		path: `/api/clients/${DEMO.northwindId}/contacts`,
		body: { name: 'Spy', email: 'spy@evil.test' },
		owned: true,
		host: 'dashboard'
	},
	'PATCH /api/clients/:id/contacts/:contactId': {
		access: 'staff',
		path: `/api/clients/${DEMO.northwindId}/contacts/${DEMO.caseyContactId}`,
		body: { name: 'Casey C.' },
		owned: true,
		host: 'dashboard'
	},
	'POST /api/clients/:id/contacts/:contactId/invite': {
		access: 'staff',
		path: `/api/clients/${DEMO.northwindId}/contacts/${DEMO.caseyContactId}/invite`,
		owned: true,
		host: 'dashboard'
	},
	'POST /api/clients/:id/contacts/:contactId/archive': {
		access: 'staff',
		path: `/api/clients/${DEMO.northwindId}/contacts/${DEMO.caseyContactId}/archive`,
		owned: true,
		host: 'dashboard'
	},
	'POST /api/clients/:id/contacts/:contactId/unarchive': {
		access: 'staff',
		path: `/api/clients/${DEMO.northwindId}/contacts/${DEMO.caseyContactId}/unarchive`,
		owned: true,
		host: 'dashboard'
	},
	'POST /api/clients/:id/archive': {
		access: 'staff',
		path: `/api/clients/${DEMO.northwindId}/archive`,
		owned: true,
		host: 'dashboard'
	},
	'POST /api/clients/:id/unarchive': {
		access: 'staff',
		path: `/api/clients/${DEMO.northwindId}/unarchive`,
		owned: true,
		host: 'dashboard'
	}
};

// --- discovery --------------------------------------------------------------
const routeId = (file: string) =>
	file.replace(/^\/app\/routes\//, '').replace(/\/\+page\.(server\.ts|svelte)$|\/\+server\.ts$/, '');
const pageFiles = [
	...Object.keys(import.meta.glob('/app/routes/**/+page.svelte')),
	...Object.keys(import.meta.glob('/app/routes/**/+page.server.ts'))
];
const endpointFiles = Object.keys(import.meta.glob('/app/routes/**/+server.ts'));
const serverSources = import.meta.glob('/app/routes/**/+page.server.ts', {
	query: '?raw',
	import: 'default',
	eager: true
}) as Record<string, string>;

/** The top-level keys of `export const actions = { ... }` in a +page.server.ts source. */
function declaredActions(source: string): string[] {
	source = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/[^\n]*/g, '');
	const start = source.indexOf('export const actions');
	if (start < 0) return [];
	// Keep only the text directly inside the object (nested braces/parens dropped), then split entries.
	let depth = 0;
	let flat = '';
	for (let i = source.indexOf('{', start); i < source.length; i++) {
		const ch = source[i];
		if ('{(['.includes(ch)) {
			depth++;
			continue;
		}
		if ('})]'.includes(ch)) {
			depth--;
			if (depth === 0) break;
			continue;
		}
		if (depth === 1) flat += ch;
	}
	return flat
		.split(',')
		.map((entry) => /^\s*(?:async\s+)?([A-Za-z_$][\w$]*)/.exec(entry)?.[1])
		.filter((key): key is string => Boolean(key));
}

describe('isolation matrix: every route is listed', () => {
	it('lists every SvelteKit page and endpoint', () => {
		const found = [...new Set([...pageFiles, ...endpointFiles].map(routeId))].sort();
		const listed = [...Object.keys(PORTAL), ...Object.keys(DASHBOARD)].sort();
		expect(
			found.filter((r) => !listed.includes(r)),
			'routes missing from the matrix'
		).toEqual([]);
		expect(
			listed.filter((r) => !found.includes(r)),
			'matrix entries for routes that no longer exist'
		).toEqual([]);
	});

	it('lists every form action', () => {
		for (const [file, source] of Object.entries(serverSources)) {
			const id = routeId(file);
			const entry = PORTAL[id] ?? DASHBOARD[id];
			expect(declaredActions(source).sort(), `actions of ${id}`).toEqual([...(entry?.actions ?? [])].sort());
		}
	});

	it('lists every API route', () => {
		const found = [...new Set(api.routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method} ${r.path}`))].sort();
		expect(
			found.filter((r) => !(r in API)),
			'API routes missing from the matrix'
		).toEqual([]);
		expect(
			Object.keys(API).filter((r) => !found.includes(r)),
			'matrix entries for API routes that no longer exist'
		).toEqual([]);
	});
});

// --- attackers ----------------------------------------------------------------
type Attacker = { name: string; host: string; cookie?: string };

async function attackers(services: TestServices) {
	const oscar = await sessionCookie(services, { contactId: DEMO.oscarContactId });
	const acmeClient = await sessionCookie(services, { contactId: ACME.clientContactId });
	const acmeOwner = await sessionCookie(services, { userId: ACME.ownerUserId, workspaceId: ACME.workspaceId });
	const demoOwner = await sessionCookie(services, {
		userId: DEMO.ownerUserId,
		workspaceId: DEMO.workspaceId,
		secondFactor: true
	});
	const casey = await sessionCookie(services, { contactId: DEMO.caseyContactId });
	return {
		portal: [
			{ name: 'client of another company', host: hosts.demo, cookie: oscar },
			{ name: 'client of another workspace', host: hosts.demo, cookie: acmeClient },
			{ name: 'logged-out visitor', host: hosts.demo },
			{ name: 'staff of this workspace (not a portal session)', host: hosts.demo, cookie: demoOwner },
			{ name: 'staff of another workspace', host: hosts.demo, cookie: acmeOwner }
		] satisfies Attacker[],
		dashboard: [
			{ name: 'staff of another workspace', host: hosts.dashboard, cookie: acmeOwner },
			{ name: 'client of this workspace', host: hosts.dashboard, cookie: casey },
			{ name: 'logged-out visitor', host: hosts.dashboard }
		] satisfies Attacker[]
	};
}

/** Text that only Casey's company (portal) or the demo workspace (dashboard) may see. */
const PORTAL_SECRETS = ['Website redesign', 'Northwind'];
const DASHBOARD_SECRETS = ['Northwind', 'Globex', 'Website redesign'];

function actionUrl(route: PageRoute, action: string): string {
	const path = route.actionPaths?.[action] ?? route.path;
	return action === 'default' ? path : `${path}${path.includes('?') ? '&' : '?'}/${action}`;
}

async function formFor(route: PageRoute, action: string, services: TestServices): Promise<Form> {
	const form = route.forms?.[action] ?? {};
	return typeof form === 'function' ? form(services) : form;
}

/** Calls an API route: JSON body, or a raw text body (uploads) when `body` is a string. */
function callApi(host: string, route: ApiRoute, method: string, cookie: string | undefined) {
	if (method === 'GET' || method === 'DELETE') return request(host, route.path, { method, cookie });
	if (typeof route.body === 'string')
		return request(host, route.path, {
			method,
			cookie,
			body: route.body,
			headers: { 'content-type': 'text/plain', 'content-length': String(route.body.length) }
		});
	return request(host, route.path, { method, cookie, json: route.body ?? {} });
}

/** Posts a form action the way SvelteKit's enhance does (JSON result); multipart when a value is a Blob. */
function postAction(host: string, url: string, cookie: string | undefined, form: Record<string, string | Blob>) {
	const headers = { accept: 'application/json', 'x-sveltekit-action': 'true' };
	if (Object.values(form).some((v) => v instanceof Blob)) {
		const body = new FormData();
		for (const [k, v] of Object.entries(form)) body.append(k, v);
		return request(host, url, { method: 'POST', cookie, body, headers });
	}
	return request(host, url, { method: 'POST', cookie, form: form as Record<string, string>, headers });
}

function isLoginRedirect(res: Response) {
	return res.status === 303 && (res.headers.get('location') ?? '').startsWith('/login');
}

async function refusedPage(res: Response, route: PageRoute, secrets: string[]): Promise<string | null> {
	if (route.getRedirectsTo && res.status === 303 && res.headers.get('location') === route.getRedirectsTo) return null;
	if (isLoginRedirect(res) || res.status === 404 || res.status === 403 || res.status === 401) {
		const body = await res.text();
		const leaked = secrets.find((s) => body.includes(s));
		return leaked ? `refused but leaked "${leaked}"` : null;
	}
	if (res.status === 200 && !route.owned) {
		const body = await res.text();
		const leaked = secrets.find((s) => body.includes(s));
		return leaked ? `list leaked "${leaked}"` : null;
	}
	return `answered ${res.status} ${res.headers.get('location') ?? ''}`;
}

async function refusedAction(res: Response): Promise<string | null> {
	if (isLoginRedirect(res) || [401, 403, 404, 405].includes(res.status)) return null;
	const text = await res.text();
	try {
		const result = JSON.parse(text) as { type: string; status: number; location?: string };
		if (result.type === 'redirect' && result.location?.startsWith('/login')) return null;
		if (result.type === 'failure' && [401, 403, 404].includes(result.status)) return null;
		if (result.type === 'error' && [401, 403, 404, 405].includes(result.status)) return null;
		return `action answered ${JSON.stringify(result).slice(0, 200)}`;
	} catch {
		return `action answered ${res.status}`;
	}
}

/** A hash of every row of the demo workspace: an attack must change none of them. */
async function fingerprint(services: TestServices): Promise<string> {
	const parts: string[] = [];
	for (const table of Object.values(schema)) {
		if (!isTable(table)) continue;
		const name = getTableName(table);
		const columns = getTableColumns(table);
		// Tables of a person (their factors) count for the people of the workspace.
		const where =
			name === 'workspaces'
				? `id = '${DEMO.workspaceId}'`
				: 'workspaceId' in columns
					? `workspace_id = '${DEMO.workspaceId}'`
					: 'userId' in columns
						? `user_id IN (SELECT user_id FROM memberships WHERE workspace_id = '${DEMO.workspaceId}')`
						: null;
		if (!where) continue;
		parts.push(
			`${name}:${JSON.stringify(await services.db.all(sql.raw(`SELECT * FROM "${name}" WHERE ${where} ORDER BY rowid`)))}`
		);
	}
	return sha256Hex(parts.join('\n'));
}

/**
 * Every attacker GETs every protected page of `routes` and POSTs each of its actions: each must be
 * refused without showing `secrets`, and the tenant's data (the fingerprint) must not change.
 */
async function probePages(routes: Record<string, PageRoute>, side: 'portal' | 'dashboard', secrets: string[]) {
	const services = await seedMatrix();
	const who = await attackers(services);
	const before = await fingerprint(services);
	const failures: string[] = [];
	for (const [id, route] of Object.entries(routes)) {
		if (route.access === 'public') continue;
		for (const attacker of who[side]) {
			const res = await request(attacker.host, route.path, {
				cookie: attacker.cookie,
				headers: { accept: 'text/html' }
			});
			const problem = await refusedPage(res, route, secrets);
			if (problem) failures.push(`GET ${id} as ${attacker.name}: ${problem}`);
			for (const action of route.actions ?? []) {
				const url = actionUrl(route, action);
				const post = await postAction(attacker.host, url, attacker.cookie, await formFor(route, action, services));
				const actionProblem = await refusedAction(post);
				// On a workspace-level form (no resource in the URL) a signed-in user of another
				// tenant acts on their own tenant; the fingerprint proves ours did not change.
				const ownTenant =
					attacker.name === 'client of another company' || attacker.name === 'staff of another workspace';
				if (actionProblem && ((route.owned && !route.selfActions?.includes(action)) || !ownTenant))
					failures.push(`POST ${id} ?/${action} as ${attacker.name}: ${actionProblem}`);
			}
		}
	}
	expect(failures).toEqual([]);
	expect((await fingerprint(services)).split('|')).toEqual(before.split('|'));
}

describe('isolation matrix: every protected route refuses other tenants', () => {
	it('portal pages and actions', () => probePages(PORTAL, 'portal', PORTAL_SECRETS));

	it('dashboard pages and actions', () => probePages(DASHBOARD, 'dashboard', DASHBOARD_SECRETS));

	it('API routes', async () => {
		const services = await seedMatrix();
		const who = await attackers(services);
		const casey = await sessionCookie(services, { contactId: DEMO.caseyContactId });
		const before = await fingerprint(services);
		const failures: string[] = [];
		for (const [key, route] of Object.entries(API)) {
			if (route.access === 'public' || route.access === 'development') continue;
			const method = key.split(' ')[0];
			const list: Attacker[] =
				route.access === 'staff'
					? [...who.dashboard, { name: 'client on the portal host', host: hosts.demo, cookie: casey }]
					: who.portal.filter((a) => !a.name.startsWith('staff of this'));
			for (const attacker of list) {
				const res = await callApi(attacker.host, route, method, attacker.cookie);
				const body = await res.text();
				// A signed-in user of another tenant may use a list route for their own data: it must not leak ours.
				const ownTenant =
					attacker.name === 'client of another company' || attacker.name === 'staff of another workspace';
				if (!route.owned && ownTenant) {
					const leaked = (route.access === 'staff' ? DASHBOARD_SECRETS : PORTAL_SECRETS).find((secret) =>
						body.includes(secret)
					);
					if (res.status >= 500 || leaked)
						failures.push(`${key} as ${attacker.name}: ${res.status}${leaked ? ` leaked "${leaked}"` : ''}`);
					continue;
				}
				if (![401, 403, 404].includes(res.status)) failures.push(`${key} as ${attacker.name}: ${res.status}`);
				else if (!(JSON.parse(body) as { error?: { code?: string } }).error?.code)
					failures.push(`${key} as ${attacker.name}: refusal without the error shape`);
			}
		}
		expect(failures).toEqual([]);
		expect(await fingerprint(services)).toBe(before);
	});
});

describe('isolation matrix: the rightful user gets through (so the refusals above mean something)', () => {
	it('every protected page and listed form works for its owner', async () => {
		const services = await seedMatrix();
		const casey = await sessionCookie(services, { contactId: DEMO.caseyContactId });
		const owner = await sessionCookie(services, {
			userId: DEMO.ownerUserId,
			workspaceId: DEMO.workspaceId,
			secondFactor: true
		});
		const failures: string[] = [];
		for (const [routes, host, cookie] of [
			[PORTAL, hosts.demo, casey],
			[DASHBOARD, hosts.dashboard, owner]
		] as const) {
			for (const [id, route] of Object.entries(routes)) {
				if (route.access === 'public') continue;
				const res = await request(host, route.path, { cookie, headers: { accept: 'text/html' } });
				const redirectOk =
					route.getRedirectsTo && res.status === 303 && res.headers.get('location') === route.getRedirectsTo;
				if (res.status !== 200 && !redirectOk)
					failures.push(`GET ${id}: ${res.status} ${res.headers.get('location') ?? ''}`);
				for (const action of Object.keys(route.forms ?? {})) {
					if (route.ownerSkip?.includes(action)) continue;
					const post = await postAction(host, actionUrl(route, action), cookie, await formFor(route, action, services));
					const result = (await post.json()) as { type: string; location?: string; status?: number };
					if (!(result.type === 'success' || (result.type === 'redirect' && !result.location?.startsWith('/login'))))
						failures.push(`POST ${id} ?/${action}: ${JSON.stringify(result).slice(0, 160)}`);
				}
			}
		}
		expect(failures).toEqual([]);
	});

	it('every protected API route answers its owner', async () => {
		const services = await seedMatrix();
		const casey = await sessionCookie(services, { contactId: DEMO.caseyContactId });
		const owner = await sessionCookie(services, {
			userId: DEMO.ownerUserId,
			workspaceId: DEMO.workspaceId,
			secondFactor: true
		});
		const failures: string[] = [];
		for (const [key, route] of Object.entries(API)) {
			if (route.access === 'public' || route.access === 'development' || key.endsWith('/socket')) continue;
			const method = key.split(' ')[0];
			const [host, cookie] = route.access === 'staff' ? [hosts.dashboard, owner] : [hosts.demo, casey];
			const res = await callApi(host, route, method, cookie);
			if (res.status >= 400 && !route.ownerOk?.includes(res.status))
				failures.push(`${key}: ${res.status} ${(await res.text()).slice(0, 160)}`);
		}
		expect(failures).toEqual([]);
	});
});

describe('a workspace that requires a second factor refuses email-link-only staff sessions on every staff route', () => {
	/** Routes a session setting up its first factor may call (the workspace requires one it does not have). */
	const ENROL_ROUTES = [
		'POST /api/account/passkeys/registration/options',
		'POST /api/account/passkeys/registration',
		'POST /api/account/totp/setup',
		'POST /api/account/totp/confirm'
	];

	async function requiredWorkspace() {
		const services = await seedMatrix();
		await services.db
			.update(schema.workspaces)
			.set({ requireSecondFactor: true })
			.where(eq(schema.workspaces.id, DEMO.workspaceId));
		return {
			services,
			// The owner has a passkey (verify first); the member has no factor (set one up first).
			sessions: [
				{
					name: 'owner with a passkey, email link only',
					cookie: await sessionCookie(services, { userId: DEMO.ownerUserId, workspaceId: DEMO.workspaceId })
				},
				{
					name: 'member without a factor',
					cookie: await sessionCookie(services, { userId: DEMO.memberUserId, workspaceId: DEMO.workspaceId })
				}
			]
		};
	}

	const toSecondStep = (res: Response) =>
		res.status === 303 && (res.headers.get('location') ?? '').startsWith('/auth/second-factor');

	it('pages and form actions send the person to the second step and change nothing', async () => {
		const { services, sessions } = await requiredWorkspace();
		const before = await fingerprint(services);
		const failures: string[] = [];
		for (const [id, route] of Object.entries(DASHBOARD)) {
			if (route.access === 'public') continue;
			for (const who of sessions) {
				const res = await request(hosts.dashboard, route.path, {
					cookie: who.cookie,
					headers: { accept: 'text/html' }
				});
				if (!toSecondStep(res))
					failures.push(`GET ${id} as ${who.name}: ${res.status} ${res.headers.get('location') ?? ''}`);
				for (const action of route.actions ?? []) {
					const post = await postAction(
						hosts.dashboard,
						actionUrl(route, action),
						who.cookie,
						await formFor(route, action, services)
					);
					if (!toSecondStep(post)) failures.push(`POST ${id} ?/${action} as ${who.name}: ${post.status}`);
				}
			}
		}
		expect(failures).toEqual([]);
		expect(await fingerprint(services)).toBe(before);
	});

	it('API routes answer 403 second_factor_required, except setting up a first factor', async () => {
		const { services, sessions } = await requiredWorkspace();
		const before = await fingerprint(services);
		const failures: string[] = [];
		for (const [key, route] of Object.entries(API)) {
			if (
				route.access === 'public' ||
				route.access === 'development' ||
				route.host === 'portal' ||
				ENROL_ROUTES.includes(key)
			)
				continue;
			const method = key.split(' ')[0];
			for (const who of sessions) {
				const res = await callApi(hosts.dashboard, route, method, who.cookie);
				const body = (await res.json().catch(() => ({}))) as { error?: { code?: string } };
				if (res.status !== 403 || body.error?.code !== 'second_factor_required')
					failures.push(`${key} as ${who.name}: ${res.status} ${body.error?.code ?? ''}`);
			}
		}
		expect(failures).toEqual([]);
		expect(await fingerprint(services)).toBe(before);
	});

	it('the person without a factor can set one up; the one with a factor cannot add another before verifying', async () => {
		const { sessions } = await requiredWorkspace();
		const [owner, member] = sessions;
		expect(
			(await request(hosts.dashboard, '/api/account/totp/setup', { method: 'POST', cookie: member.cookie, json: {} }))
				.status
		).toBe(201);
		const refused = await request(hosts.dashboard, '/api/account/totp/setup', {
			method: 'POST',
			cookie: owner.cookie,
			json: {}
		});
		expect(refused.status).toBe(403);
		expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('second_factor_required');
	});

	it('the client portal is not affected', async () => {
		const { services } = await requiredWorkspace();
		const casey = await sessionCookie(services, { contactId: DEMO.caseyContactId });
		expect((await request(hosts.demo, '/', { cookie: casey, headers: { accept: 'text/html' } })).status).toBe(200);
		expect((await request(hosts.demo, '/api/invoices', { cookie: casey })).status).toBe(200);
	});
});

describe('isolation matrix: files cross no tenant line (issue 13)', () => {
	/** Every object in R2 (key, size, etag): an attack must add, change or remove none. */
	async function r2State(): Promise<string[]> {
		const keys: string[] = [];
		let cursor: string | undefined;
		do {
			const page = await env.FILES.list({ cursor });
			keys.push(...page.objects.map((o) => `${o.key}:${o.size}:${o.etag}`));
			cursor = page.truncated ? page.cursor : undefined;
		} while (cursor);
		return keys.sort();
	}

	const multipart = (fields: Record<string, string | File>) => {
		const form = new FormData();
		for (const [k, v] of Object.entries(fields)) form.append(k, v);
		return form;
	};
	const pdf = () => new File(['%PDF-1.4\n% matrix\n'], 'intrusion.pdf', { type: 'application/pdf' });

	it('a client upload, a message attachment and cross-client downloads are refused, and R2 and D1 stay exactly as they were', async () => {
		const services = await seed(testServices());
		const who = await attackers(services);
		const casey = await sessionCookie(services, { contactId: DEMO.caseyContactId });
		const acmeOwner = await sessionCookie(services, { userId: ACME.ownerUserId, workspaceId: ACME.workspaceId });
		const beforeD1 = await fingerprint(services);
		const beforeR2 = await r2State();
		const W = DEMO.websiteProjectId;
		const T = THREADS.designId;
		const raw = { 'content-type': 'application/pdf', 'content-length': '18' };
		const failures: string[] = [];

		const attempts: [string, string, string, RequestInit & { cookie?: string }][] = [];
		for (const attacker of who.portal) {
			const cookie = attacker.cookie;
			attempts.push(
				[
					`upload to Casey's project (API) as ${attacker.name}`,
					attacker.host,
					`/api/files?projectId=${W}&name=x.pdf`,
					{ method: 'POST', cookie, body: '%PDF-1.4\n% matrix\n', headers: raw }
				],
				[
					`upload to Casey's project (form) as ${attacker.name}`,
					attacker.host,
					`/projects/${W}/files?/upload`,
					{
						method: 'POST',
						cookie,
						body: multipart({ file: pdf() }),
						headers: { accept: 'application/json', 'x-sveltekit-action': 'true' }
					}
				],
				[
					`attach to Casey's thread (API) as ${attacker.name}`,
					attacker.host,
					`/api/threads/${T}/attachments?name=x.pdf`,
					{ method: 'POST', cookie, body: '%PDF-1.4\n% matrix\n', headers: raw }
				],
				[
					`message with a file in Casey's thread (form) as ${attacker.name}`,
					attacker.host,
					`/projects/${W}/messages/${T}?/post`,
					{
						method: 'POST',
						cookie,
						body: multipart({ body: 'hi', attachments: pdf() }),
						headers: { accept: 'application/json', 'x-sveltekit-action': 'true' }
					}
				],
				[
					`Casey's file as ${attacker.name}`,
					attacker.host,
					`/projects/${W}/files/${DEMO_FILES.websiteBrief}/download`,
					{ cookie }
				],
				[
					`Casey's file preview as ${attacker.name}`,
					attacker.host,
					`/projects/${W}/files/${DEMO_FILES.websiteMockup}/preview`,
					{ cookie }
				],
				[
					`Casey's file (API) as ${attacker.name}`,
					attacker.host,
					`/api/files/${DEMO_FILES.websiteBrief}/download`,
					{ cookie }
				],
				[
					`Casey's attachment as ${attacker.name}`,
					attacker.host,
					`/projects/${W}/messages/${T}/attachments/${DEMO_FILES.designV2}`,
					{ cookie }
				],
				[
					`Casey's attachment preview as ${attacker.name}`,
					attacker.host,
					`/projects/${W}/messages/${T}/attachments/${DEMO_FILES.designHeroReference}/preview`,
					{ cookie }
				],
				[
					`Casey's attachment (API) as ${attacker.name}`,
					attacker.host,
					`/api/threads/${T}/attachments/${DEMO_FILES.designV2}`,
					{ cookie }
				]
			);
		}
		// Casey herself: never an internal note's attachment, never another client's file, by any path.
		attempts.push(
			[
				"an internal note's attachment as Casey",
				hosts.demo,
				`/projects/${W}/messages/${T}/attachments/${DEMO_FILES.designLicenceQuote}`,
				{ cookie: casey }
			],
			[
				"an internal note's attachment (API) as Casey",
				hosts.demo,
				`/api/threads/${T}/attachments/${DEMO_FILES.designLicenceQuote}`,
				{ cookie: casey }
			],
			[
				"an internal note's attachment preview as Casey",
				hosts.demo,
				`/projects/${W}/messages/${T}/attachments/${DEMO_FILES.designLicenceQuote}/preview`,
				{ cookie: casey }
			],
			[
				"Globex's file as Casey",
				hosts.demo,
				`/projects/${DEMO.globexProjectId}/files/${DEMO_FILES.globexSpec}/download`,
				{ cookie: casey }
			],
			[
				"Globex's file under Casey's project as Casey",
				hosts.demo,
				`/projects/${W}/files/${DEMO_FILES.globexSpec}/preview`,
				{ cookie: casey }
			],
			[
				'an attachment through the files route as Casey',
				hosts.demo,
				`/api/files/${DEMO_FILES.designV2}/download`,
				{ cookie: casey }
			],
			[
				"Acme's file as Casey on the Acme portal",
				hosts.acme,
				`/api/files/${DEMO_FILES.acmeRouteMap}/download`,
				{ cookie: casey }
			],
			// Staff of another workspace, on the dashboard.
			[
				'upload to a demo project as Acme staff',
				hosts.dashboard,
				`/api/files?projectId=${W}&name=x.pdf`,
				{ method: 'POST', cookie: acmeOwner, body: '%PDF-1.4\n% matrix\n', headers: raw }
			],
			[
				'attach to a demo thread as Acme staff',
				hosts.dashboard,
				`/api/threads/${T}/attachments?name=x.pdf`,
				{ method: 'POST', cookie: acmeOwner, body: '%PDF-1.4\n% matrix\n', headers: raw }
			],
			[
				'a demo internal attachment as Acme staff',
				hosts.dashboard,
				`/projects/${W}/threads/${T}/attachments/${DEMO_FILES.designLicenceQuote}`,
				{ cookie: acmeOwner }
			],
			[
				'a demo attachment (API) as Acme staff',
				hosts.dashboard,
				`/api/threads/${T}/attachments/${DEMO_FILES.designV2}`,
				{ cookie: acmeOwner }
			]
		);

		for (const [name, host, path, init] of attempts) {
			const res = await request(host, path, {
				...init,
				headers: { accept: 'application/json', ...(init.headers as Record<string, string> | undefined) }
			});
			const text = await res.text();
			let refused = [401, 403, 404].includes(res.status) || isLoginRedirect(res);
			if (res.status === 200 && text.startsWith('{"type"')) {
				const result = JSON.parse(text) as { type: string; status?: number; location?: string };
				refused =
					(result.type === 'failure' || result.type === 'error') && [401, 403, 404].includes(result.status ?? 0)
						? true
						: result.type === 'redirect' && Boolean(result.location?.startsWith('/login'));
			}
			if (!refused) failures.push(`${name}: ${res.status} ${text.slice(0, 120)}`);
			if (text.includes('%PDF') || res.headers.get('content-disposition'))
				failures.push(`${name}: leaked file bytes or headers`);
		}
		expect(failures).toEqual([]);
		expect(await r2State()).toEqual(beforeR2);
		expect(await fingerprint(services)).toBe(beforeD1);
	});
});
