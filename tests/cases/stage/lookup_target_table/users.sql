CREATE TABLE users (id TEXT PRIMARY KEY, login TEXT, full_name TEXT);
INSERT INTO users VALUES ('u-0001', 'jdoe', 'John Doe');
INSERT INTO users VALUES ('u-0002', 'asmith', 'Alice Smith');
INSERT INTO users VALUES ('u-0003', NULL, 'Nobody at all');
CREATE TABLE teams (number INTEGER, code INTEGER);
INSERT INTO teams VALUES (10, 7001);
INSERT INTO teams VALUES (20, 7002)
