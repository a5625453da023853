-- The PostgreSQL fixture schema of tests/sources/postgres and benchmarks/bench_postgres.py (issue 14).
-- Loaded by fixture_schema.load(), which skips it when compliance_fixture.fixture_version already holds
-- FIXTURE_VERSION (idempotent: one load per cluster, 5-20 s for the 1M-row table). Everything is generated
-- on the server (generate_series); resident ids get their ISO 7064 MOD 11-2 check digit in SQL, and the
-- tests verify a sample of them with python-stdnum, not with the tool's own validators.
DROP SCHEMA IF EXISTS compliance_fixture CASCADE;
CREATE SCHEMA compliance_fixture;
SET search_path = compliance_fixture;

-- Resident ids: area (5 codes) || birth date (18,000 days from 1950-01-01) || sequence (3 digits) || check.
-- The ISO 7064 MOD 11-2 weighted sum is additive over the three parts, so each part's share is computed
-- once for its few values (weights 7 9 10 5 8 4 | 2 1 6 3 7 9 10 5 | 8 4 2) and the 1M rows only add them.
CREATE FUNCTION weighted(digits text, weights int[]) RETURNS int LANGUAGE sql IMMUTABLE AS $$
    SELECT sum(substr(digits, k, 1)::int * weights[k])::int FROM generate_subscripts(weights, 1) AS k
$$;
CREATE TEMP TABLE id_area AS
SELECT k, code, weighted(code, ARRAY[7, 9, 10, 5, 8, 4]) AS share
FROM unnest(ARRAY['110101', '310104', '110105', '310101', '120101']) WITH ORDINALITY AS a(code, k);
CREATE TEMP TABLE id_birth AS
SELECT k, born, weighted(born, ARRAY[2, 1, 6, 3, 7, 9, 10, 5]) AS share
FROM generate_series(0, 17999) AS k, LATERAL (SELECT to_char(date '1950-01-01' + k, 'YYYYMMDD') AS born) AS b;
CREATE TEMP TABLE id_sequence AS
SELECT k, lpad(k::text, 3, '0') AS seq, weighted(lpad(k::text, 3, '0'), ARRAY[8, 4, 2]) AS share
FROM generate_series(0, 999) AS k;

-- 1,000,000 customers with Chinese column names: 姓名 (name), 手机号 (mobile), 身份证号 (resident id)
CREATE TABLE customers (
    id bigint PRIMARY KEY,
    姓名 text NOT NULL,
    手机号 text NOT NULL,
    身份证号 text NOT NULL,
    城市 text,
    注册日期 date
);
INSERT INTO customers
SELECT i,
       (ARRAY['张', '王', '李', '赵', '刘', '陈', '杨', '黄'])[1 + i % 8]
           || (ARRAY['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '洋', '艳'])[1 + (i / 8) % 10],
       (ARRAY['138', '139', '186', '158', '177'])[1 + i % 5] || lpad(((12345678 + i * 7919) % 100000000)::text, 8, '0'),
       a.code || b.born || q.seq || substr('10X98765432', 1 + (a.share + b.share + q.share) % 11, 1),
       (ARRAY['北京', '上海', '广州', '深圳', '杭州'])[1 + i % 5],
       date '2020-01-01' + (i % 2000)::int
FROM generate_series(1::bigint, 1000000) AS i
JOIN id_area AS a ON a.k = 1 + i % 5
JOIN id_birth AS b ON b.k = i % 18000
JOIN id_sequence AS q ON q.k = i % 1000
ORDER BY i;  -- stored in id order, so a sample of the first pages would show in the ids

-- orders: free text (备注) that sometimes holds a mobile number
CREATE TABLE orders (
    order_id bigint PRIMARY KEY,
    customer_id bigint REFERENCES customers (id),
    amount numeric(10, 2),
    收货地址 text,
    备注 text,
    created_at timestamptz
);
INSERT INTO orders
SELECT i, 1 + (i * 37) % 1000000, (i % 9000) / 7.0,
       (ARRAY['北京市朝阳区建国路', '上海市浦东新区世纪大道', '广州市天河区体育西路'])[1 + i % 3] || (i % 300) || '号',
       CASE WHEN i % 4 = 0 THEN '请联系 139' || lpad(((55550000 + i * 13) % 100000000)::text, 8, '0') || ' 送货'
            ELSE '工作日送货' END,
       timestamptz '2024-01-01 08:00:00+08' + i * interval '7 minutes'
FROM generate_series(1::bigint, 5000) AS i;

-- arrays and JSONB
CREATE TABLE profiles (
    id int PRIMARY KEY,
    tags text[],
    phones text[],
    attrs jsonb,
    extra json
);
INSERT INTO profiles
SELECT i, ARRAY['vip', 'level' || (i % 5)],
       ARRAY['186' || lpad(((20000000 + i * 7919) % 100000000)::text, 8, '0')],
       jsonb_build_object('contact', jsonb_build_object('phone', '158' || lpad(((30000000 + i * 31) % 100000000)::text, 8, '0'),
                                                        'email', 'user' || i || '@example.com'),
                          'score', i % 100),
       json_build_array(i, 'x')
FROM generate_series(1::bigint, 2000) AS i;

-- no personal data
CREATE TABLE products (sku text PRIMARY KEY, title text, price numeric(8, 2), in_stock boolean);
INSERT INTO products SELECT 'SKU-' || lpad(i::text, 6, '0'), '商品' || i, 9.9 + i % 50, i % 3 <> 0
FROM generate_series(1, 300) AS i;

CREATE TABLE empty_table (id int, note text);

-- a view (no TABLESAMPLE: sampled by a keyed ORDER BY)
CREATE VIEW customer_contacts AS SELECT id, 姓名, 手机号 FROM customers WHERE id % 10 = 0;

CREATE TABLE fixture_version (version int);
INSERT INTO fixture_version VALUES ({version});

ANALYZE customers, orders, profiles, products, empty_table, fixture_version;
-- the permission-denied role sees the tables (USAGE) but may not read them; the password role may read
GRANT USAGE ON SCHEMA compliance_fixture TO PUBLIC;
