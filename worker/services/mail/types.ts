export type EmailAttachment = { filename: string; contentType: string; content: Uint8Array };

export type OutgoingEmail = {
	workspaceId: string | null;
	to: string;
	subject: string;
	html: string;
	text: string;
	/** Display name for the From header; the address comes from MAIL_FROM. */
	fromName?: string;
	replyTo?: string;
	/** What kind of email this is (login, invite, message, invoice...). */
	tag: string;
	attachments?: EmailAttachment[];
	/** Sending twice with the same key records and sends one email. */
	idempotencyKey?: string;
};

/** `retrying`: a failed send that the scheduled retry will try again (false when it gave up or the error is permanent). */
export type SendResult = {
	id: string;
	status: 'sent' | 'outbox' | 'failed' | 'duplicate';
	error?: string;
	retrying?: boolean;
};

export interface Mailer {
	send(email: OutgoingEmail): Promise<SendResult>;
}
