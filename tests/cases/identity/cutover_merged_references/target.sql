CREATE TABLE accounts (external_id TEXT PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE contacts (external_id TEXT PRIMARY KEY, name TEXT, email TEXT, newsletter INTEGER, employer_id TEXT REFERENCES accounts(external_id));
