-- The new CRM's schema (PostgreSQL flavour). crm-migrate's cutover fills it; the ids are the CRM's own
-- (generated deterministically from the external ids), the external ids are kept for the crosswalk.
CREATE TABLE IF NOT EXISTS users (
  id          UUID PRIMARY KEY,
  login       TEXT NOT NULL UNIQUE,
  full_name   TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS accounts (
  id          UUID PRIMARY KEY,
  external_id TEXT NOT NULL UNIQUE,
  name        TEXT NOT NULL,
  industry    TEXT,
  country     TEXT CHECK (country IS NULL OR char_length(country) = 2),
  city        TEXT,
  postal_code TEXT,
  phone       TEXT,
  owner_id    UUID REFERENCES users(id),
  created_at  TIMESTAMPTZ
);
CREATE TABLE IF NOT EXISTS contacts (
  id          UUID PRIMARY KEY,
  external_id TEXT NOT NULL UNIQUE,
  salutation  TEXT,
  first_name  TEXT,
  last_name   TEXT NOT NULL,
  email       TEXT,
  phone       TEXT,
  mobile      TEXT,
  street      TEXT,
  postal_code TEXT,
  city        TEXT,
  country     TEXT CHECK (country IS NULL OR char_length(country) = 2),
  birth_date  DATE,
  status      TEXT,
  newsletter_opt_in BOOLEAN,
  created_at  TIMESTAMPTZ,
  updated_at  TIMESTAMPTZ,
  note        TEXT
);
CREATE TABLE IF NOT EXISTS account_contacts (
  account_id  UUID NOT NULL REFERENCES accounts(id),
  contact_id  UUID NOT NULL REFERENCES contacts(id),
  PRIMARY KEY (account_id, contact_id)
);
CREATE TABLE IF NOT EXISTS contact_emails (
  contact_id  UUID NOT NULL REFERENCES contacts(id),
  email       TEXT NOT NULL,
  is_primary  BOOLEAN NOT NULL DEFAULT false,
  PRIMARY KEY (contact_id, email)
);
CREATE TABLE IF NOT EXISTS deals (
  id          UUID PRIMARY KEY,
  external_id TEXT NOT NULL UNIQUE,
  contact_id  UUID REFERENCES contacts(id),
  name        TEXT NOT NULL,
  amount      NUMERIC,
  currency    TEXT,
  stage       TEXT,
  closed_at   DATE
);
CREATE TABLE IF NOT EXISTS activities (
  id          UUID PRIMARY KEY,
  external_id TEXT NOT NULL UNIQUE,
  contact_id  UUID REFERENCES contacts(id),
  kind        TEXT NOT NULL,
  subject     TEXT,
  happened_at TIMESTAMPTZ
);
CREATE TABLE IF NOT EXISTS notes (
  id          UUID PRIMARY KEY,
  external_id TEXT NOT NULL UNIQUE,
  contact_id  UUID REFERENCES contacts(id),
  body        TEXT NOT NULL,
  created_at  TIMESTAMPTZ
);
