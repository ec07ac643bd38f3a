CREATE TABLE customers (customer_id INTEGER PRIMARY KEY, "E-Mail" TEXT, score REAL, balance NUMERIC, joined DATE, note TEXT);
INSERT INTO customers VALUES (1, 'ann@example.com', 0.1, 12.5, '2021-03-04', 'tab	and
newline');
INSERT INTO customers VALUES (2, NULL, 1e300, NULL, NULL, '');
INSERT INTO customers VALUES (3, 'c@example.com', -2.5, 7, '2020-01-02', 'x')
