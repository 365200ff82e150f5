-- Hand-written (drizzle-kit does not generate FTS5 tables or triggers): the dashboard's global search.
-- One FTS5 table for every searchable kind. Its rowid is kind * 2^40 + the source row's rowid, so
-- the triggers find a row's entry by rowid (the other columns are UNINDEXED: a lookup by them
-- would scan the whole index). Queries always filter workspace_id = ? as well as MATCH
-- (worker/domain/search/search-workspace.ts); see worker/domain/search/README.md.
CREATE VIRTUAL TABLE search_index USING fts5(
	workspace_id UNINDEXED,
	kind UNINDEXED,
	ref_id UNINDEXED,
	parent_id UNINDEXED,
	title,
	body,
	tokenize = 'unicode61 remove_diacritics 2',
	-- Prefix indexes for the two- and three-letter starts a search box sees first.
	prefix = '2 3'
);
--> statement-breakpoint
CREATE TRIGGER search_clients_ai AFTER INSERT ON clients BEGIN
	INSERT INTO search_index (rowid, workspace_id, kind, ref_id, parent_id, title, body)
	VALUES (1 * 1099511627776 + new.rowid, new.workspace_id, 'client', new.id, NULL, new.name, coalesce(new.website, '') || ' ' || coalesce(new.phone, '') || ' ' || coalesce(new.address, '') || ' ' || coalesce(new.notes, ''));
END;
--> statement-breakpoint
CREATE TRIGGER search_clients_au AFTER UPDATE OF name, website, phone, address, notes ON clients BEGIN
	UPDATE search_index SET parent_id = NULL, title = new.name, body = coalesce(new.website, '') || ' ' || coalesce(new.phone, '') || ' ' || coalesce(new.address, '') || ' ' || coalesce(new.notes, '') WHERE rowid = 1 * 1099511627776 + new.rowid;
END;
--> statement-breakpoint
CREATE TRIGGER search_clients_ad AFTER DELETE ON clients BEGIN
	DELETE FROM search_index WHERE rowid = 1 * 1099511627776 + old.rowid;
END;
--> statement-breakpoint
INSERT INTO search_index (rowid, workspace_id, kind, ref_id, parent_id, title, body)
SELECT 1 * 1099511627776 + clients.rowid, clients.workspace_id, 'client', clients.id, NULL, clients.name, coalesce(clients.website, '') || ' ' || coalesce(clients.phone, '') || ' ' || coalesce(clients.address, '') || ' ' || coalesce(clients.notes, '') FROM clients;
--> statement-breakpoint
CREATE TRIGGER search_client_contacts_ai AFTER INSERT ON client_contacts BEGIN
	INSERT INTO search_index (rowid, workspace_id, kind, ref_id, parent_id, title, body)
	VALUES (2 * 1099511627776 + new.rowid, new.workspace_id, 'contact', new.id, new.client_id, new.name, new.email);
END;
--> statement-breakpoint
CREATE TRIGGER search_client_contacts_au AFTER UPDATE OF name, email ON client_contacts BEGIN
	UPDATE search_index SET parent_id = new.client_id, title = new.name, body = new.email WHERE rowid = 2 * 1099511627776 + new.rowid;
END;
--> statement-breakpoint
CREATE TRIGGER search_client_contacts_ad AFTER DELETE ON client_contacts BEGIN
	DELETE FROM search_index WHERE rowid = 2 * 1099511627776 + old.rowid;
END;
--> statement-breakpoint
INSERT INTO search_index (rowid, workspace_id, kind, ref_id, parent_id, title, body)
SELECT 2 * 1099511627776 + client_contacts.rowid, client_contacts.workspace_id, 'contact', client_contacts.id, client_contacts.client_id, client_contacts.name, client_contacts.email FROM client_contacts;
--> statement-breakpoint
CREATE TRIGGER search_projects_ai AFTER INSERT ON projects BEGIN
	INSERT INTO search_index (rowid, workspace_id, kind, ref_id, parent_id, title, body)
	VALUES (3 * 1099511627776 + new.rowid, new.workspace_id, 'project', new.id, NULL, new.name, coalesce(new.description, ''));
END;
--> statement-breakpoint
CREATE TRIGGER search_projects_au AFTER UPDATE OF name, description ON projects BEGIN
	UPDATE search_index SET parent_id = NULL, title = new.name, body = coalesce(new.description, '') WHERE rowid = 3 * 1099511627776 + new.rowid;
END;
--> statement-breakpoint
CREATE TRIGGER search_projects_ad AFTER DELETE ON projects BEGIN
	DELETE FROM search_index WHERE rowid = 3 * 1099511627776 + old.rowid;
END;
--> statement-breakpoint
INSERT INTO search_index (rowid, workspace_id, kind, ref_id, parent_id, title, body)
SELECT 3 * 1099511627776 + projects.rowid, projects.workspace_id, 'project', projects.id, NULL, projects.name, coalesce(projects.description, '') FROM projects;
--> statement-breakpoint
CREATE TRIGGER search_tasks_ai AFTER INSERT ON tasks BEGIN
	INSERT INTO search_index (rowid, workspace_id, kind, ref_id, parent_id, title, body)
	VALUES (4 * 1099511627776 + new.rowid, new.workspace_id, 'task', new.id, new.project_id, new.title, coalesce(new.description, ''));
END;
--> statement-breakpoint
CREATE TRIGGER search_tasks_au AFTER UPDATE OF title, description, project_id ON tasks BEGIN
	UPDATE search_index SET parent_id = new.project_id, title = new.title, body = coalesce(new.description, '') WHERE rowid = 4 * 1099511627776 + new.rowid;
END;
--> statement-breakpoint
CREATE TRIGGER search_tasks_ad AFTER DELETE ON tasks BEGIN
	DELETE FROM search_index WHERE rowid = 4 * 1099511627776 + old.rowid;
END;
--> statement-breakpoint
INSERT INTO search_index (rowid, workspace_id, kind, ref_id, parent_id, title, body)
SELECT 4 * 1099511627776 + tasks.rowid, tasks.workspace_id, 'task', tasks.id, tasks.project_id, tasks.title, coalesce(tasks.description, '') FROM tasks;
--> statement-breakpoint
CREATE TRIGGER search_quotes_ai AFTER INSERT ON quotes BEGIN
	INSERT INTO search_index (rowid, workspace_id, kind, ref_id, parent_id, title, body)
	VALUES (5 * 1099511627776 + new.rowid, new.workspace_id, 'quote', new.id, NULL, 'Q-' || new.number || ' ' || new.title, coalesce(new.notes, ''));
END;
--> statement-breakpoint
CREATE TRIGGER search_quotes_au AFTER UPDATE OF number, title, notes ON quotes BEGIN
	UPDATE search_index SET parent_id = NULL, title = 'Q-' || new.number || ' ' || new.title, body = coalesce(new.notes, '') WHERE rowid = 5 * 1099511627776 + new.rowid;
END;
--> statement-breakpoint
CREATE TRIGGER search_quotes_ad AFTER DELETE ON quotes BEGIN
	DELETE FROM search_index WHERE rowid = 5 * 1099511627776 + old.rowid;
END;
--> statement-breakpoint
INSERT INTO search_index (rowid, workspace_id, kind, ref_id, parent_id, title, body)
SELECT 5 * 1099511627776 + quotes.rowid, quotes.workspace_id, 'quote', quotes.id, NULL, 'Q-' || quotes.number || ' ' || quotes.title, coalesce(quotes.notes, '') FROM quotes;
--> statement-breakpoint
CREATE TRIGGER search_invoices_ai AFTER INSERT ON invoices BEGIN
	INSERT INTO search_index (rowid, workspace_id, kind, ref_id, parent_id, title, body)
	VALUES (6 * 1099511627776 + new.rowid, new.workspace_id, 'invoice', new.id, NULL, 'INV-' || printf('%04d', new.number), new.number || ' ' || coalesce(new.notes, ''));
END;
--> statement-breakpoint
CREATE TRIGGER search_invoices_au AFTER UPDATE OF number, notes ON invoices BEGIN
	UPDATE search_index SET parent_id = NULL, title = 'INV-' || printf('%04d', new.number), body = new.number || ' ' || coalesce(new.notes, '') WHERE rowid = 6 * 1099511627776 + new.rowid;
END;
--> statement-breakpoint
CREATE TRIGGER search_invoices_ad AFTER DELETE ON invoices BEGIN
	DELETE FROM search_index WHERE rowid = 6 * 1099511627776 + old.rowid;
END;
--> statement-breakpoint
INSERT INTO search_index (rowid, workspace_id, kind, ref_id, parent_id, title, body)
SELECT 6 * 1099511627776 + invoices.rowid, invoices.workspace_id, 'invoice', invoices.id, NULL, 'INV-' || printf('%04d', invoices.number), invoices.number || ' ' || coalesce(invoices.notes, '') FROM invoices;
--> statement-breakpoint
CREATE TRIGGER search_contracts_ai AFTER INSERT ON contracts BEGIN
	INSERT INTO search_index (rowid, workspace_id, kind, ref_id, parent_id, title, body)
	VALUES (7 * 1099511627776 + new.rowid, new.workspace_id, 'contract', new.id, NULL, new.title, new.body_md);
END;
--> statement-breakpoint
CREATE TRIGGER search_contracts_au AFTER UPDATE OF title, body_md ON contracts BEGIN
	UPDATE search_index SET parent_id = NULL, title = new.title, body = new.body_md WHERE rowid = 7 * 1099511627776 + new.rowid;
END;
--> statement-breakpoint
CREATE TRIGGER search_contracts_ad AFTER DELETE ON contracts BEGIN
	DELETE FROM search_index WHERE rowid = 7 * 1099511627776 + old.rowid;
END;
--> statement-breakpoint
INSERT INTO search_index (rowid, workspace_id, kind, ref_id, parent_id, title, body)
SELECT 7 * 1099511627776 + contracts.rowid, contracts.workspace_id, 'contract', contracts.id, NULL, contracts.title, contracts.body_md FROM contracts;
--> statement-breakpoint
CREATE TRIGGER search_messages_ai AFTER INSERT ON messages BEGIN
	INSERT INTO search_index (rowid, workspace_id, kind, ref_id, parent_id, title, body)
	VALUES (8 * 1099511627776 + new.rowid, new.workspace_id, 'message', new.id, new.thread_id, coalesce((SELECT title FROM threads WHERE id = new.thread_id), ''), new.body);
END;
--> statement-breakpoint
CREATE TRIGGER search_messages_au AFTER UPDATE OF body ON messages BEGIN
	UPDATE search_index SET parent_id = new.thread_id, title = coalesce((SELECT title FROM threads WHERE id = new.thread_id), ''), body = new.body WHERE rowid = 8 * 1099511627776 + new.rowid;
END;
--> statement-breakpoint
CREATE TRIGGER search_messages_ad AFTER DELETE ON messages BEGIN
	DELETE FROM search_index WHERE rowid = 8 * 1099511627776 + old.rowid;
END;
--> statement-breakpoint
INSERT INTO search_index (rowid, workspace_id, kind, ref_id, parent_id, title, body)
SELECT 8 * 1099511627776 + messages.rowid, messages.workspace_id, 'message', messages.id, messages.thread_id, coalesce((SELECT title FROM threads WHERE threads.id = messages.thread_id), ''), messages.body FROM messages;
--> statement-breakpoint
CREATE TRIGGER search_threads_au AFTER UPDATE OF title ON threads BEGIN
	UPDATE search_index SET title = new.title WHERE rowid IN (SELECT 8 * 1099511627776 + messages.rowid FROM messages WHERE messages.thread_id = new.id);
END;
