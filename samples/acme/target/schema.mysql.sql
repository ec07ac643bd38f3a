-- The new CRM's schema (MySQL/MariaDB flavour). crm-migrate's cutover fills it; the ids are the CRM's own
-- (generated deterministically from the external ids), the external ids are kept for the crosswalk.
-- utf8mb4 holds every name the sources carry; the binary collation keeps external ids and e-mails
-- distinct by case and accent, as the SQLite and PostgreSQL flavours do.
CREATE TABLE IF NOT EXISTS users (
  id          CHAR(36) PRIMARY KEY,
  login       VARCHAR(100) NOT NULL UNIQUE,
  full_name   VARCHAR(200) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE TABLE IF NOT EXISTS accounts (
  id          CHAR(36) PRIMARY KEY,
  external_id VARCHAR(40) NOT NULL UNIQUE,
  name        VARCHAR(150) NOT NULL,
  industry    VARCHAR(60),
  country     CHAR(2) CHECK (country IS NULL OR char_length(country) = 2),
  city        VARCHAR(120),
  postal_code VARCHAR(20),
  phone       VARCHAR(32),
  owner_id    CHAR(36),
  created_at  DATE,
  FOREIGN KEY (owner_id) REFERENCES users(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE TABLE IF NOT EXISTS contacts (
  id          CHAR(36) PRIMARY KEY,
  external_id VARCHAR(40) NOT NULL UNIQUE,
  salutation  VARCHAR(10),
  first_name  VARCHAR(100),
  last_name   VARCHAR(100) NOT NULL,
  email       VARCHAR(255),
  phone       VARCHAR(32),
  mobile      VARCHAR(32),
  street      VARCHAR(150),
  postal_code VARCHAR(20),
  city        VARCHAR(120),
  country     CHAR(2) CHECK (country IS NULL OR char_length(country) = 2),
  birth_date  DATE,
  status      VARCHAR(40),
  newsletter_opt_in BOOLEAN,
  created_at  DATETIME,
  updated_at  DATETIME,
  note        TEXT
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE TABLE IF NOT EXISTS account_contacts (
  account_id  CHAR(36) NOT NULL,
  contact_id  CHAR(36) NOT NULL,
  PRIMARY KEY (account_id, contact_id),
  FOREIGN KEY (account_id) REFERENCES accounts(id),
  FOREIGN KEY (contact_id) REFERENCES contacts(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE TABLE IF NOT EXISTS contact_emails (
  contact_id  CHAR(36) NOT NULL,
  email       VARCHAR(255) NOT NULL,
  is_primary  BOOLEAN NOT NULL DEFAULT false,
  PRIMARY KEY (contact_id, email),
  FOREIGN KEY (contact_id) REFERENCES contacts(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE TABLE IF NOT EXISTS deals (
  id          CHAR(36) PRIMARY KEY,
  external_id VARCHAR(40) NOT NULL UNIQUE,
  contact_id  CHAR(36),
  name        VARCHAR(200) NOT NULL,
  amount      DECIMAL(12,2),
  currency    CHAR(3),
  stage       VARCHAR(40),
  closed_at   DATE,
  FOREIGN KEY (contact_id) REFERENCES contacts(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE TABLE IF NOT EXISTS activities (
  id          CHAR(36) PRIMARY KEY,
  external_id VARCHAR(40) NOT NULL UNIQUE,
  contact_id  CHAR(36),
  kind        VARCHAR(40) NOT NULL,
  subject     VARCHAR(255),
  happened_at DATETIME,
  FOREIGN KEY (contact_id) REFERENCES contacts(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE TABLE IF NOT EXISTS notes (
  id          CHAR(36) PRIMARY KEY,
  external_id VARCHAR(40) NOT NULL UNIQUE,
  contact_id  CHAR(36),
  body        TEXT NOT NULL,
  created_at  DATETIME,
  FOREIGN KEY (contact_id) REFERENCES contacts(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
