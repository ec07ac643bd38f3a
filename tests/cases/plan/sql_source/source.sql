CREATE TABLE customers (customer_id INTEGER PRIMARY KEY, email TEXT, first_name TEXT, total REAL, created_at TEXT);
INSERT INTO customers VALUES (1, 'ann@shop.example', 'Ann', 10.5, '2021-03-01T10:00:00');
INSERT INTO customers VALUES (2, 'bob@shop.example', 'Bob', 20, '2021-03-02T11:30:00');
INSERT INTO customers VALUES (3, NULL, 'Cee', NULL, '2021-03-03T12:00:00');
INSERT INTO customers VALUES (4, 'dee@shop.example', '', 7.25, 'later');
