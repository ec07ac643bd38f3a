CREATE TABLE accounts (id TEXT PRIMARY KEY, external_id TEXT NOT NULL UNIQUE, name VARCHAR(40) NOT NULL, country CHAR(2));
CREATE TABLE contacts (id TEXT PRIMARY KEY, external_id VARCHAR(20) NOT NULL UNIQUE, first_name TEXT, last_name TEXT NOT NULL, email TEXT, newsletter INTEGER, updated_at TEXT, employer_id TEXT REFERENCES accounts(id), created_by TEXT NOT NULL DEFAULT 'migration');
CREATE TABLE account_contacts (contact_id TEXT NOT NULL REFERENCES contacts(id), account_id TEXT NOT NULL REFERENCES accounts(id), PRIMARY KEY (contact_id, account_id));
