-- TechEmpower's tables with their standard data, for running examples/techempower outside
-- TechEmpower's toolset (whose tfb-database image creates the same in database hello_world).
-- Safe to run again: what exists is left as it is. Run it in one transaction, in the database the
-- app reads (psql --single-transaction -d hello_world -f hello_world.sql); HelloWorldDatabase does.
--
-- The toolset's database has each table twice: unquoted (world, fortune: PostgreSQL folds the
-- names to lower case) and quoted ("World", "Fortune"), for frameworks that quote identifiers.
-- The app reads the unquoted pair; the quoted one is here so the database is the toolset's.

CREATE TABLE IF NOT EXISTS world (
  id integer PRIMARY KEY,
  randomnumber integer NOT NULL DEFAULT 0
);
-- 10,000 worlds, each a random number in 1..10,000.
INSERT INTO world (id, randomnumber)
SELECT n, 1 + floor(random() * 10000)::integer FROM generate_series(1, 10000) AS n
ON CONFLICT (id) DO NOTHING;

CREATE TABLE IF NOT EXISTS fortune (
  id integer PRIMARY KEY,
  message varchar(2048) NOT NULL
);
-- The 12 standard fortunes: the fortunes test checks this exact text (an apostrophe, a script to
-- escape, non-ASCII).
INSERT INTO fortune (id, message) VALUES
  (1, 'fortune: No such file or directory'),
  (2, 'A computer scientist is someone who fixes things that aren''t broken.'),
  (3, 'After enough decimal places, nobody gives a damn.'),
  (4, 'A bad random number generator: 1, 1, 1, 1, 1, 4.33e+67, 1, 1, 1'),
  (5, 'A computer program does what you tell it to do, not what you want it to do.'),
  (6, 'Emacs is a nice operating system, but I prefer UNIX. — Tom Christaensen'),
  (7, 'Any program that runs right is obsolete.'),
  (8, 'A list is only as strong as its weakest link. — Donald Knuth'),
  (9, 'Feature: A bug with seniority.'),
  (10, 'Computers make very fast, very accurate mistakes.'),
  (11, '<script>alert("This should not be displayed in a browser alert box.");</script>'),
  (12, 'フレームワークのベンチマーク')
ON CONFLICT (id) DO NOTHING;

CREATE TABLE IF NOT EXISTS "World" (
  id integer PRIMARY KEY,
  randomnumber integer NOT NULL DEFAULT 0
);
INSERT INTO "World" (id, randomnumber)
SELECT n, 1 + floor(random() * 10000)::integer FROM generate_series(1, 10000) AS n
ON CONFLICT (id) DO NOTHING;

CREATE TABLE IF NOT EXISTS "Fortune" (
  id integer PRIMARY KEY,
  message varchar(2048) NOT NULL
);
INSERT INTO "Fortune" (id, message) SELECT id, message FROM fortune ON CONFLICT (id) DO NOTHING;
